namespace Martech.Sdk;

/// <summary>Options for upserting contacts.</summary>
public class ContactUpsertOptions : BulkOptions
{
    /// <summary>How to find the existing contact. The default value is <see cref="ContactMatchKey.Auto"/>.</summary>
    public ContactMatchKey MatchBy { get; set; } = ContactMatchKey.Auto;
}
