namespace Martech.Sdk.HubSpot;

/// <summary>How a contact upsert finds its contact: the key rules of <see cref="ContactMatchKey"/>, checked before any
/// call.</summary>
internal static class HubSpotContactKeys
{
    public static ContactMatchKey Check(ContactMatchKey matchBy, string parameterName) =>
        matchBy is ContactMatchKey.Auto or ContactMatchKey.Email or ContactMatchKey.Id
            ? matchBy
            : throw new ArgumentOutOfRangeException(parameterName, matchBy, "ContactUpsertOptions.MatchBy is not a known ContactMatchKey.");

    /// <summary>Whether the upsert goes by id (a PATCH or <c>batch/update</c>) rather than by email (<c>batch/upsert</c>).</summary>
    public static bool MatchesById(Contact contact, ContactMatchKey matchBy) =>
        matchBy == ContactMatchKey.Id || (matchBy == ContactMatchKey.Auto && contact.Id is not null);

    /// <summary>Says what key the contact lacks for the match, naming the field; <see langword="null"/> when it has it.</summary>
    public static (string Message, string Field)? FindProblem(Contact contact, ContactMatchKey matchBy)
    {
        bool hasEmail = contact.Email is { IsEmpty: false };
        return matchBy switch
        {
            ContactMatchKey.Id when string.IsNullOrWhiteSpace(contact.Id) =>
                ("Contact.Id is required when ContactUpsertOptions.MatchBy is Id.", nameof(Contact.Id)),
            ContactMatchKey.Email when !hasEmail =>
                ("Contact.Email is required when ContactUpsertOptions.MatchBy is Email.", nameof(Contact.Email)),
            ContactMatchKey.Auto when contact.Id is not null && string.IsNullOrWhiteSpace(contact.Id) =>
                ("Contact.Id is empty; leave it null to match by Contact.Email.", nameof(Contact.Id)),
            ContactMatchKey.Auto when contact.Id is null && !hasEmail =>
                ("The contact needs a Contact.Id or a Contact.Email to be upserted; it has neither.", nameof(Contact.Email)),
            _ => null,
        };
    }
}
