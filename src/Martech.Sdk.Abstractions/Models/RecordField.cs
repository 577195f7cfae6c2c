using System.Globalization;

namespace Martech.Sdk;

/// <summary>A field of a <see cref="Contact"/> or a <see cref="Lead"/> named as configuration and rules name it: one of
/// the standard fields, or a custom field. Scoring rules, required-field checks, survivorship rules and field mappings
/// all name fields this way, and read and write them through it.</summary>
/// <remarks>
/// <para><see cref="Parse"/> recognises the standard names ignoring case, spaces, <c>_</c> and <c>-</c>
/// (<c>Email</c>, <c>first_name</c>, <c>JobTitle</c>); <c>Title</c> and <c>JobTitle</c> are one field (a contact's
/// <see cref="Contact.JobTitle"/>, a lead's <see cref="Lead.Title"/>). Any other name is a custom field
/// (<see cref="CustomFieldCollection"/>); a custom field that shares a standard field's name is written
/// <c>custom:name</c>.</para>
/// <para>Values as text: addresses and numbers as they print (<see cref="EmailAddress.Value"/>, E.164), times in ISO 8601
/// (round-trip format), consent as its status (<c>granted</c>), extensible enums as their value, custom fields as
/// <see cref="CustomFieldCollection.GetString"/> gives them. Writing text parses it the same way and throws an
/// <see cref="ArgumentException"/> naming the field when it does not parse.</para>
/// </remarks>
public readonly struct RecordField : IEquatable<RecordField>
{
    private const string CustomPrefix = "custom:";

    private static readonly (string Normalised, Kind Kind)[] Names =
    [
        ("id", Kind.Id), ("contactid", Kind.ContactId), ("email", Kind.Email), ("emailaddress", Kind.Email),
        ("phone", Kind.Phone), ("phonenumber", Kind.Phone), ("firstname", Kind.FirstName), ("lastname", Kind.LastName),
        ("company", Kind.Company), ("jobtitle", Kind.JobTitle), ("title", Kind.JobTitle),
        ("lifecyclestage", Kind.LifecycleStage), ("status", Kind.Status), ("source", Kind.Source), ("score", Kind.Score),
        ("ownerid", Kind.OwnerId), ("createdat", Kind.CreatedAt), ("updatedat", Kind.UpdatedAt),
        ("emailconsent", Kind.EmailConsent), ("smsconsent", Kind.SmsConsent),
    ];

    private readonly Kind _kind;
    private readonly string? _custom;

    private RecordField(Kind kind, string? custom = null)
    {
        _kind = kind;
        _custom = custom;
    }

    private enum Kind
    {
        None,
        Id,
        ContactId,
        Email,
        Phone,
        FirstName,
        LastName,
        Company,
        JobTitle,
        LifecycleStage,
        Status,
        Source,
        Score,
        OwnerId,
        CreatedAt,
        UpdatedAt,
        EmailConsent,
        SmsConsent,
        Custom,
    }

    /// <summary>The record's id (<see cref="Contact.Id"/>, <see cref="Lead.Id"/>).</summary>
    public static RecordField Id { get; } = new(Kind.Id);

    /// <summary>A lead's <see cref="Lead.ContactId"/> (leads only).</summary>
    public static RecordField ContactId { get; } = new(Kind.ContactId);

    /// <summary>The email address.</summary>
    public static RecordField Email { get; } = new(Kind.Email);

    /// <summary>The phone number, E.164.</summary>
    public static RecordField Phone { get; } = new(Kind.Phone);

    /// <summary>The first name.</summary>
    public static RecordField FirstName { get; } = new(Kind.FirstName);

    /// <summary>The last name.</summary>
    public static RecordField LastName { get; } = new(Kind.LastName);

    /// <summary>The company.</summary>
    public static RecordField Company { get; } = new(Kind.Company);

    /// <summary>A contact's <see cref="Contact.JobTitle"/>, a lead's <see cref="Lead.Title"/>.</summary>
    public static RecordField JobTitle { get; } = new(Kind.JobTitle);

    /// <summary>A contact's <see cref="Contact.LifecycleStage"/> (contacts only).</summary>
    public static RecordField LifecycleStage { get; } = new(Kind.LifecycleStage);

    /// <summary>A lead's <see cref="Lead.Status"/> (leads only).</summary>
    public static RecordField Status { get; } = new(Kind.Status);

    /// <summary>A lead's <see cref="Lead.Source"/> (leads only).</summary>
    public static RecordField Source { get; } = new(Kind.Source);

    /// <summary>A lead's <see cref="Lead.Score"/>, a whole number (leads only).</summary>
    public static RecordField Score { get; } = new(Kind.Score);

    /// <summary>The owner's id.</summary>
    public static RecordField OwnerId { get; } = new(Kind.OwnerId);

    /// <summary>When the record was created.</summary>
    public static RecordField CreatedAt { get; } = new(Kind.CreatedAt);

    /// <summary>When the record was last updated.</summary>
    public static RecordField UpdatedAt { get; } = new(Kind.UpdatedAt);

    /// <summary>A contact's <see cref="Contact.EmailConsent"/> (contacts only).</summary>
    public static RecordField EmailConsent { get; } = new(Kind.EmailConsent);

    /// <summary>A contact's <see cref="Contact.SmsConsent"/> (contacts only).</summary>
    public static RecordField SmsConsent { get; } = new(Kind.SmsConsent);

    /// <summary>The standard fields, in declaration order.</summary>
    public static IReadOnlyList<RecordField> Standard { get; } =
    [
        Id, ContactId, Email, Phone, FirstName, LastName, Company, JobTitle, LifecycleStage, Status, Source, Score,
        OwnerId, CreatedAt, UpdatedAt, EmailConsent, SmsConsent,
    ];

    /// <summary>The field's name: the standard field's name (<c>Email</c>, <c>JobTitle</c>), or the custom field's
    /// name.</summary>
    public string Name => _kind switch
    {
        Kind.None => string.Empty,
        Kind.Custom => _custom!,
        _ => _kind.ToString(),
    };

    /// <summary>Whether this is a custom field.</summary>
    public bool IsCustom => _kind == Kind.Custom;

    /// <summary>Whether a <see cref="Contact"/> has this field (every field but <c>ContactId</c>, <c>Status</c>,
    /// <c>Source</c> and <c>Score</c>).</summary>
    public bool AppliesToContacts => _kind is not (Kind.None or Kind.ContactId or Kind.Status or Kind.Source or Kind.Score);

    /// <summary>Whether a <see cref="Lead"/> has this field (every field but <c>LifecycleStage</c> and the two
    /// consents).</summary>
    public bool AppliesToLeads => _kind is not (Kind.None or Kind.LifecycleStage or Kind.EmailConsent or Kind.SmsConsent);

    /// <summary>A custom field by its exact name.</summary>
    /// <param name="name">The custom field's name, as the vendor spells it.</param>
    /// <returns>The field.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null, empty or white space.</exception>
    public static RecordField Custom(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new RecordField(Kind.Custom, name);
    }

    /// <summary>Reads a field name: a standard name (case, spaces, <c>_</c> and <c>-</c> ignored), <c>custom:name</c>,
    /// or any other name as a custom field.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The field.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, or <c>custom:</c> with no name.</exception>
    public static RecordField Parse(string name) =>
        TryParse(name, out RecordField field, out string? error) ? field : throw new ArgumentException(error, nameof(name));

    /// <summary>Reads a field name without throwing.</summary>
    /// <param name="name">The name.</param>
    /// <param name="field">The field, when the name is usable.</param>
    /// <param name="error">Why it is not, otherwise.</param>
    /// <returns>Whether the name is usable.</returns>
    public static bool TryParse(string? name, out RecordField field, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        field = default;
        string trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            error = "A field name is empty; name a standard field (Email, Phone, FirstName, LastName, Company, JobTitle, ...) or a custom field.";
            return false;
        }

        if (trimmed.StartsWith(CustomPrefix, StringComparison.OrdinalIgnoreCase))
        {
            string custom = trimmed[CustomPrefix.Length..].Trim();
            if (custom.Length == 0)
            {
                error = $"The field name '{trimmed}' names no custom field after 'custom:'.";
                return false;
            }

            field = new RecordField(Kind.Custom, custom);
            error = null;
            return true;
        }

        string normalised = Normalise(trimmed);
        foreach ((string known, Kind kind) in Names)
        {
            if (string.Equals(known, normalised, StringComparison.Ordinal))
            {
                field = new RecordField(kind);
                error = null;
                return true;
            }
        }

        field = new RecordField(Kind.Custom, trimmed);
        error = null;
        return true;
    }

    /// <summary>The field's value on a contact, as text (see the type's remarks).</summary>
    /// <param name="contact">The contact.</param>
    /// <returns>The text, or <see langword="null"/> when the contact has no value.</returns>
    /// <exception cref="ArgumentException">The field is not a contact field.</exception>
    public string? GetText(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return _kind switch
        {
            Kind.Id => contact.Id,
            Kind.Email => contact.Email?.Value,
            Kind.Phone => contact.Phone?.Value,
            Kind.FirstName => contact.FirstName,
            Kind.LastName => contact.LastName,
            Kind.Company => contact.Company,
            Kind.JobTitle => contact.JobTitle,
            Kind.LifecycleStage => contact.LifecycleStage?.Value,
            Kind.OwnerId => contact.OwnerId,
            Kind.CreatedAt => Format(contact.CreatedAt),
            Kind.UpdatedAt => Format(contact.UpdatedAt),
            Kind.EmailConsent => contact.EmailConsent?.Status.Value,
            Kind.SmsConsent => contact.SmsConsent?.Status.Value,
            Kind.Custom => contact.CustomFields.GetString(_custom!),
            _ => throw NotOn("contact"),
        };
    }

    /// <summary>The field's value on a lead, as text (see the type's remarks).</summary>
    /// <param name="lead">The lead.</param>
    /// <returns>The text, or <see langword="null"/> when the lead has no value.</returns>
    /// <exception cref="ArgumentException">The field is not a lead field.</exception>
    public string? GetText(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return _kind switch
        {
            Kind.Id => lead.Id,
            Kind.ContactId => lead.ContactId,
            Kind.Email => lead.Email?.Value,
            Kind.Phone => lead.Phone?.Value,
            Kind.FirstName => lead.FirstName,
            Kind.LastName => lead.LastName,
            Kind.Company => lead.Company,
            Kind.JobTitle => lead.Title,
            Kind.Status => lead.Status?.Value,
            Kind.Source => lead.Source,
            Kind.Score => lead.Score?.ToString(CultureInfo.InvariantCulture),
            Kind.OwnerId => lead.OwnerId,
            Kind.CreatedAt => Format(lead.CreatedAt),
            Kind.UpdatedAt => Format(lead.UpdatedAt),
            Kind.Custom => lead.CustomFields.GetString(_custom!),
            _ => throw NotOn("lead"),
        };
    }

    /// <summary>Whether the contact has a value that is not blank.</summary>
    /// <param name="contact">The contact.</param>
    /// <returns><see langword="true"/> when <see cref="GetText(Contact)"/> is neither null nor white space.</returns>
    public bool HasValue(Contact contact) => !string.IsNullOrWhiteSpace(GetText(contact));

    /// <summary>Whether the lead has a value that is not blank.</summary>
    /// <param name="lead">The lead.</param>
    /// <returns><see langword="true"/> when <see cref="GetText(Lead)"/> is neither null nor white space.</returns>
    public bool HasValue(Lead lead) => !string.IsNullOrWhiteSpace(GetText(lead));

    /// <summary>A copy of the contact with this field set from text; <see langword="null"/> or blank clears it (a custom
    /// field keeps blank text, and <see langword="null"/> makes it a JSON null, which clears it at the vendor).</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="text">The value as text.</param>
    /// <returns>The copy (with its own custom-field bag).</returns>
    /// <exception cref="ArgumentException">The field is not a contact field, or the text does not parse as the field's
    /// type; the message names the field and the reason.</exception>
    public Contact WithText(Contact contact, string? text)
    {
        ArgumentNullException.ThrowIfNull(contact);
        string? value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        switch (_kind)
        {
            case Kind.Id: return contact with { Id = value };
            case Kind.Email: return contact with { Email = value is null ? null : ParseEmail(value) };
            case Kind.Phone: return contact with { Phone = value is null ? null : ParsePhone(value) };
            case Kind.FirstName: return contact with { FirstName = value };
            case Kind.LastName: return contact with { LastName = value };
            case Kind.Company: return contact with { Company = value };
            case Kind.JobTitle: return contact with { JobTitle = value };
            case Kind.LifecycleStage: return contact with { LifecycleStage = value is null ? null : Sdk.LifecycleStage.Create(value) };
            case Kind.OwnerId: return contact with { OwnerId = value };
            case Kind.CreatedAt: return contact with { CreatedAt = ParseTime(value) };
            case Kind.UpdatedAt: return contact with { UpdatedAt = ParseTime(value) };
            case Kind.EmailConsent: return contact with { EmailConsent = value is null ? null : new Consent(ConsentStatus.Create(value)) };
            case Kind.SmsConsent: return contact with { SmsConsent = value is null ? null : new Consent(ConsentStatus.Create(value)) };
            case Kind.Custom:
                Contact copy = contact with { };
                SetCustom(copy.CustomFields, text);
                return copy;
            default: throw NotOn("contact");
        }
    }

    /// <summary>A copy of the lead with this field set from text; <see langword="null"/> or blank clears it (a custom
    /// field keeps blank text, and <see langword="null"/> makes it a JSON null, which clears it at the vendor).</summary>
    /// <param name="lead">The lead.</param>
    /// <param name="text">The value as text.</param>
    /// <returns>The copy (with its own custom-field bag).</returns>
    /// <exception cref="ArgumentException">The field is not a lead field, or the text does not parse as the field's
    /// type; the message names the field and the reason.</exception>
    public Lead WithText(Lead lead, string? text)
    {
        ArgumentNullException.ThrowIfNull(lead);
        string? value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        switch (_kind)
        {
            case Kind.Id: return lead with { Id = value };
            case Kind.ContactId: return lead with { ContactId = value };
            case Kind.Email: return lead with { Email = value is null ? null : ParseEmail(value) };
            case Kind.Phone: return lead with { Phone = value is null ? null : ParsePhone(value) };
            case Kind.FirstName: return lead with { FirstName = value };
            case Kind.LastName: return lead with { LastName = value };
            case Kind.Company: return lead with { Company = value };
            case Kind.JobTitle: return lead with { Title = value };
            case Kind.Status: return lead with { Status = value is null ? null : LeadStatus.Create(value) };
            case Kind.Source: return lead with { Source = value };
            case Kind.Score: return lead with { Score = value is null ? null : ParseScore(value) };
            case Kind.OwnerId: return lead with { OwnerId = value };
            case Kind.CreatedAt: return lead with { CreatedAt = ParseTime(value) };
            case Kind.UpdatedAt: return lead with { UpdatedAt = ParseTime(value) };
            case Kind.Custom:
                Lead copy = lead with { };
                SetCustom(copy.CustomFields, text);
                return copy;
            default: throw NotOn("lead");
        }
    }

    /// <summary>A copy of <paramref name="target"/> with this field's value taken from <paramref name="source"/>, typed:
    /// a consent keeps its source and time, a custom field its raw JSON; a missing value clears the field.</summary>
    /// <param name="source">Where the value comes from.</param>
    /// <param name="target">The contact to copy.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentException">The field is not a contact field.</exception>
    public Contact CopyValue(Contact source, Contact target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        switch (_kind)
        {
            case Kind.EmailConsent: return target with { EmailConsent = source.EmailConsent };
            case Kind.SmsConsent: return target with { SmsConsent = source.SmsConsent };
            case Kind.Email: return target with { Email = source.Email };
            case Kind.Phone: return target with { Phone = source.Phone };
            case Kind.LifecycleStage: return target with { LifecycleStage = source.LifecycleStage };
            case Kind.CreatedAt: return target with { CreatedAt = source.CreatedAt };
            case Kind.UpdatedAt: return target with { UpdatedAt = source.UpdatedAt };
            case Kind.Custom:
                Contact copy = target with { };
                CopyCustom(source.CustomFields, copy.CustomFields);
                return copy;
            default: return WithText(target, GetText(source));
        }
    }

    /// <summary>A copy of <paramref name="target"/> with this field's value taken from <paramref name="source"/>, typed:
    /// a custom field keeps its raw JSON; a missing value clears the field.</summary>
    /// <param name="source">Where the value comes from.</param>
    /// <param name="target">The lead to copy.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentException">The field is not a lead field.</exception>
    public Lead CopyValue(Lead source, Lead target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        switch (_kind)
        {
            case Kind.Email: return target with { Email = source.Email };
            case Kind.Phone: return target with { Phone = source.Phone };
            case Kind.Status: return target with { Status = source.Status };
            case Kind.Score: return target with { Score = source.Score };
            case Kind.CreatedAt: return target with { CreatedAt = source.CreatedAt };
            case Kind.UpdatedAt: return target with { UpdatedAt = source.UpdatedAt };
            case Kind.Custom:
                Lead copy = target with { };
                CopyCustom(source.CustomFields, copy.CustomFields);
                return copy;
            default: return WithText(target, GetText(source));
        }
    }

    /// <inheritdoc/>
    public bool Equals(RecordField other) =>
        _kind == other._kind && string.Equals(_custom, other._custom, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RecordField other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(_kind, _custom is null ? 0 : StringComparer.Ordinal.GetHashCode(_custom));

    /// <summary>The name as <see cref="Parse"/> reads it back: the standard name, or <c>custom:name</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => _kind == Kind.Custom ? CustomPrefix + _custom : Name;

    /// <summary>Compares two fields.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are the same field.</returns>
    public static bool operator ==(RecordField left, RecordField right) => left.Equals(right);

    /// <summary>Compares two fields.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are different fields.</returns>
    public static bool operator !=(RecordField left, RecordField right) => !left.Equals(right);

    private static string Normalise(string name)
    {
        Span<char> buffer = name.Length <= 128 ? stackalloc char[name.Length] : new char[name.Length];
        int n = 0;
        foreach (char c in name)
        {
            if (c is not (' ' or '_' or '-' or '.'))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    private static string? Format(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture);

    private void SetCustom(CustomFieldCollection fields, string? text)
    {
        // Null is a JSON null, which clears the field at the vendor; any other text (blank included: some vendors tell
        // "" from no value) is kept as given.
        fields.Set(_custom!, text);
    }

    private void CopyCustom(CustomFieldCollection from, CustomFieldCollection to)
    {
        if (from.TryGetValue(_custom!, out System.Text.Json.JsonElement value))
        {
            to.SetRaw(_custom!, value);
        }
        else
        {
            to.Set(_custom!, (string?)null);
        }
    }

    private EmailAddress ParseEmail(string value) =>
        EmailAddress.TryParse(value, out EmailAddress email, out string? error) ? email : throw Invalid(value, error);

    private PhoneNumber ParsePhone(string value) =>
        PhoneNumber.TryParse(value, out PhoneNumber phone, out string? error) ? phone : throw Invalid(value, error);

    private DateTimeOffset? ParseTime(string? value) =>
        value is null ? null
        : DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time) ? time
        : throw Invalid(value, "not a date and time; write ISO 8601, such as 2026-03-01T09:30:00Z");

    private int ParseScore(string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int score) ? score : throw Invalid(value, "not a whole number");

    private ArgumentException Invalid(string value, string reason) =>
        new($"The value '{value}' for the field {Name} is not valid: {reason}");

    private ArgumentException NotOn(string record) =>
        _kind == Kind.None
            ? new ArgumentException("The field is the default RecordField, which names no field; use RecordField.Parse or one of its properties.")
            : new ArgumentException($"A {record} has no field {Name}.");
}
