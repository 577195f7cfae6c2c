namespace Martech.Sdk;

/// <summary>
/// Who a score and its ledger entries belong to: a normalised email address and/or a contact id. Events and records are
/// matched by the email address first (trimmed and lower-cased; no other rewriting: <c>j.doe+x@gmail.com</c> and
/// <c>jdoe@gmail.com</c> are two people), then by the contact id (an event's <see cref="MartechEvent.ContactId"/>, a
/// lead's <see cref="Lead.ContactId"/>, a contact's <see cref="Contact.Id"/>): a record's score counts the events of
/// either.
/// </summary>
public readonly record struct LeadScorePerson
{
    /// <summary>Creates a person from an address and/or a contact id.</summary>
    /// <param name="email">The email address; normalised (trimmed, lower-cased).</param>
    /// <param name="contactId">The contact id; trimmed, and kept as written otherwise.</param>
    public LeadScorePerson(string? email, string? contactId)
    {
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
        ContactId = string.IsNullOrWhiteSpace(contactId) ? null : contactId.Trim();
    }

    /// <summary>The normalised email address, if known.</summary>
    public string? Email { get; }

    /// <summary>The contact id, if known.</summary>
    public string? ContactId { get; }

    /// <summary>Whether neither is known (nothing to score by).</summary>
    public bool IsEmpty => Email is null && ContactId is null;

    /// <summary>The key the person's state is kept under: <c>email:&lt;address&gt;</c>, else <c>contact:&lt;id&gt;</c>.</summary>
    public string Key => Email is not null ? "email:" + Email : ContactId is not null ? "contact:" + ContactId : string.Empty;

    /// <summary>The person of a lead: its email address and its <see cref="Lead.ContactId"/>.</summary>
    /// <param name="lead">The lead.</param>
    /// <returns>The person.</returns>
    public static LeadScorePerson Of(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return new LeadScorePerson(lead.Email?.Value, lead.ContactId);
    }

    /// <summary>The person of a contact: its email address and its <see cref="Contact.Id"/>.</summary>
    /// <param name="contact">The contact.</param>
    /// <returns>The person.</returns>
    public static LeadScorePerson Of(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new LeadScorePerson(contact.Email?.Value, contact.Id);
    }

    /// <summary>The person an event is about: its <see cref="MartechEvent.Email"/> and <see cref="MartechEvent.ContactId"/>.</summary>
    /// <param name="martechEvent">The event.</param>
    /// <returns>The person.</returns>
    public static LeadScorePerson Of(MartechEvent martechEvent)
    {
        ArgumentNullException.ThrowIfNull(martechEvent);
        return new LeadScorePerson(martechEvent.Email?.Value, martechEvent.ContactId);
    }

    /// <inheritdoc/>
    public override string ToString() => Email is not null && ContactId is not null ? $"{Email} (contact {ContactId})" : Email ?? (ContactId is null ? "(nobody)" : $"contact {ContactId}");
}
