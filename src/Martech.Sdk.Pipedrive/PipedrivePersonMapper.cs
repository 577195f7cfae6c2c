using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// Maps v2 persons to <see cref="Contact"/>s and contacts to person bodies. Pipedrive keeps one <c>name</c> (it
/// derives <c>first_name</c>/<c>last_name</c>), a list of emails and phones with one primary each, the email consent
/// as <c>marketing_status</c>, and custom fields by hash; <see cref="PipedriveFieldMapping"/> names the custom fields
/// that hold company, job title, lifecycle stage and SMS consent.
/// </summary>
internal sealed class PipedrivePersonMapper
{
    private const string EmailLabel = "work";
    private const string PhoneLabel = "mobile";
    private readonly PipedriveOptions _options;

    public PipedrivePersonMapper(PipedriveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>Maps <see cref="ConsentStatus"/> to <c>marketing_status</c>.</summary>
    public static string ToMarketingStatus(ConsentStatus status) =>
        status == ConsentStatus.Granted ? "subscribed"
        : status == ConsentStatus.Denied ? "unsubscribed"
        : status == ConsentStatus.Unknown || status == ConsentStatus.Pending ? "no_consent"
        : status.Value.ToLowerInvariant();

    /// <summary>Maps <c>marketing_status</c> to <see cref="ConsentStatus"/>; values the SDK does not know (such as
    /// <c>archived</c>) are kept as they are.</summary>
    public static ConsentStatus FromMarketingStatus(string value) => value switch
    {
        "subscribed" => ConsentStatus.Granted,
        "unsubscribed" => ConsentStatus.Denied,
        "no_consent" => ConsentStatus.Unknown,
        _ => new ConsentStatus(value),
    };

    /// <summary>Parses a date-time Pipedrive wrote (RFC 3339, or v1's <c>yyyy-MM-dd HH:mm:ss</c> in UTC).</summary>
    public static DateTimeOffset? ParseTime(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time) ? time : null;

    /// <summary>The primary entry of an email or phone list, else its first.</summary>
    public static PipedriveContactDetail? Primary(List<PipedriveContactDetail>? details)
    {
        if (details is null || details.Count == 0)
        {
            return null;
        }

        foreach (PipedriveContactDetail detail in details)
        {
            if (detail.Primary == true)
            {
                return detail;
            }
        }

        return details[0];
    }

    /// <summary>Maps a person to a contact.</summary>
    public Contact ToContact(PipedrivePerson person, PipedriveFieldSet fields)
    {
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(fields);
        EmailAddress? email = EmailAddress.TryParse(Primary(person.Emails)?.Value, out EmailAddress parsedEmail) ? parsedEmail : null;
        PhoneNumber? phone = PhoneNumber.TryParse(Primary(person.Phones)?.Value, out PhoneNumber parsedPhone) ? parsedPhone : null;
        var (first, last) = NamesOf(person, email);
        var mappedKeys = new HashSet<string>(StringComparer.Ordinal);
        string? company = ReadMapped(person, fields, _options.Fields.Company, mappedKeys);
        string? jobTitle = ReadMapped(person, fields, _options.Fields.JobTitle, mappedKeys);
        string? stage = ReadMapped(person, fields, _options.Fields.LifecycleStage, mappedKeys);
        string? sms = ReadMapped(person, fields, _options.Fields.SmsConsent, mappedKeys);
        Consent? emailConsent = _options.UseMarketingStatus && !string.IsNullOrWhiteSpace(person.MarketingStatus)
            ? new Consent(FromMarketingStatus(person.MarketingStatus))
            : null;

        var contact = new Contact
        {
            Id = PipedriveIds.Text(person.Id),
            Email = email,
            Phone = phone,
            FirstName = first,
            LastName = last,
            Company = company,
            JobTitle = jobTitle,
            LifecycleStage = stage is null ? null : new LifecycleStage(stage),
            EmailConsent = emailConsent,
            SmsConsent = sms is null ? null : new Consent(new ConsentStatus(sms)),
            OwnerId = person.OwnerId is long owner ? PipedriveIds.Text(owner) : null,
            CreatedAt = ParseTime(person.AddTime),
            UpdatedAt = ParseTime(person.UpdateTime),
            Raw = JsonSerializer.SerializeToElement(person, PipedriveJsonContext.Default.PipedrivePerson),
        };
        CopyCustomFields(person.CustomFields, fields, mappedKeys, contact.CustomFields);
        return contact;
    }

    /// <summary>Builds the body of a new person; a problem when the contact cannot be stored as it is.</summary>
    public PipedriveProblem? BuildCreate(Contact contact, PipedriveFieldSet fields, out PipedrivePersonWrite body)
    {
        ArgumentNullException.ThrowIfNull(contact);
        body = new PipedrivePersonWrite();
        string? name = contact.FullName ?? (contact.Email is { IsEmpty: false } email ? email.Value : null);
        if (name is null)
        {
            return new PipedriveProblem("A new Pipedrive person needs a name or an email address; the contact has neither.", PipedriveProblem.MissingKey, nameof(Contact.Email));
        }

        body.Name = name;
        if (contact.Email is { IsEmpty: false } address)
        {
            body.Emails = [new PipedriveContactDetail { Value = address.Value, Primary = true, Label = EmailLabel }];
        }

        if (contact.Phone is { IsEmpty: false } number)
        {
            body.Phones = [new PipedriveContactDetail { Value = number.Value, Primary = true, Label = PhoneLabel }];
        }

        return WriteCommon(contact, stored: null, fields, body);
    }

    /// <summary>Builds the PATCH body that changes <paramref name="stored"/> into what <paramref name="contact"/> says;
    /// properties the contact leaves <see langword="null"/> and values already stored are not sent.</summary>
    public PipedriveProblem? BuildUpdate(Contact contact, PipedrivePerson stored, PipedriveFieldSet fields, out PipedrivePersonWrite body)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(stored);
        body = new PipedrivePersonWrite();
        EmailAddress? storedEmail = EmailAddress.TryParse(Primary(stored.Emails)?.Value, out EmailAddress parsed) ? parsed : null;
        if (contact.FirstName is not null || contact.LastName is not null)
        {
            var (storedFirst, storedLast) = NamesOf(stored, storedEmail);
            string name = Join(contact.FirstName ?? storedFirst, contact.LastName ?? storedLast);
            if (name.Length > 0 && !string.Equals(name, stored.Name, StringComparison.Ordinal))
            {
                body.Name = name;
            }
        }

        if (contact.Email is { IsEmpty: false } email && storedEmail != email)
        {
            body.Emails = Replace(stored.Emails, email.Value, EmailLabel, static (a, b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase));
        }

        if (contact.Phone is { IsEmpty: false } phone
            && !(PhoneNumber.TryParse(Primary(stored.Phones)?.Value, out PhoneNumber storedPhone) && storedPhone == phone))
        {
            body.Phones = Replace(stored.Phones, phone.Value, PhoneLabel, static (a, b) =>
                PhoneNumber.TryParse(a, out PhoneNumber x) && PhoneNumber.TryParse(b, out PhoneNumber y) ? x == y : string.Equals(a, b, StringComparison.Ordinal));
        }

        return WriteCommon(contact, stored, fields, body);
    }

    /// <summary>Checks what a contact writes to custom fields and ids against the field definitions, whatever it
    /// will be matched to: the checks that can fail a bulk item before anything is sent for it.</summary>
    public PipedriveProblem? CheckFields(Contact contact, PipedriveFieldSet fields)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return WriteCommon(contact, stored: null, fields, new PipedrivePersonWrite());
    }

    private static (string? First, string? Last) NamesOf(PipedrivePerson person, EmailAddress? email)
    {
        // A person created from an email address alone is named after it (Pipedrive requires a name): no names then.
        if (email is { } address && string.Equals(person.Name?.Trim(), address.Value, StringComparison.OrdinalIgnoreCase))
        {
            return (null, null);
        }

        string? first = NullIfEmpty(person.FirstName);
        string? last = NullIfEmpty(person.LastName);
        if (first is null && last is null && NullIfEmpty(person.Name) is { } name)
        {
            int space = name.IndexOf(' ', StringComparison.Ordinal);
            return space < 0 ? (name, null) : (name[..space], NullIfEmpty(name[(space + 1)..]));
        }

        return (first, last);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Join(string? first, string? last) =>
        (NullIfEmpty(first), NullIfEmpty(last)) switch
        {
            (null, null) => string.Empty,
            ({ } f, null) => f,
            (null, { } l) => l,
            var (f, l) => $"{f} {l}",
        };

    /// <summary>A new list whose primary is <paramref name="value"/> (keeping the old primary's label), followed by the
    /// other stored entries that are not the old primary and not the new value.</summary>
    private static List<PipedriveContactDetail> Replace(List<PipedriveContactDetail>? stored, string value, string defaultLabel, Func<string?, string?, bool> same)
    {
        PipedriveContactDetail? primary = Primary(stored);
        var list = new List<PipedriveContactDetail> { new() { Value = value, Primary = true, Label = primary?.Label ?? defaultLabel } };
        if (stored is not null)
        {
            foreach (PipedriveContactDetail detail in stored)
            {
                if (!ReferenceEquals(detail, primary) && !same(detail.Value, value) && !string.IsNullOrEmpty(detail.Value))
                {
                    list.Add(new PipedriveContactDetail { Value = detail.Value, Primary = false, Label = detail.Label });
                }
            }
        }

        return list;
    }

    private static string? ReadMapped(PipedrivePerson person, PipedriveFieldSet fields, string? fieldName, HashSet<string> mappedKeys)
    {
        if (string.IsNullOrWhiteSpace(fieldName) || !fields.TryGetByName(fieldName, out PipedriveField? field))
        {
            return null;
        }

        mappedKeys.Add(field.Key!);
        return PipedriveFieldValues.ReadText(person.CustomFields, field);
    }

    /// <summary>Copies custom field values into the contact's bag under readable names, leaving out nulls and the fields
    /// that hold named properties.</summary>
    internal static void CopyCustomFields(IEnumerable<KeyValuePair<string, JsonElement>>? values, PipedriveFieldSet fields, HashSet<string> mappedKeys, CustomFieldCollection into)
    {
        if (values is null)
        {
            return;
        }

        foreach (var (key, value) in values)
        {
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || mappedKeys.Contains(key) || !fields.IsCustomKey(key))
            {
                continue;
            }

            string name = fields.NameOf(key);

            // Two fields with one name: the second keeps its hash, so neither is lost.
            into.SetRaw(into.ContainsKey(name) ? key : name, value);
        }
    }

    private PipedriveProblem? WriteCommon(Contact contact, PipedrivePerson? stored, PipedriveFieldSet fields, PipedrivePersonWrite body)
    {
        if (contact.OwnerId is { } ownerText)
        {
            if (!PipedriveIds.TryParse(ownerText, out long owner))
            {
                return new PipedriveProblem($"Contact.OwnerId '{ownerText}' is not a Pipedrive user id (a positive whole number).", PipedriveProblem.InvalidId, nameof(Contact.OwnerId));
            }

            if (stored?.OwnerId != owner)
            {
                body.OwnerId = owner;
            }
        }

        if (_options.UseMarketingStatus && contact.EmailConsent is { } consent)
        {
            string status = ToMarketingStatus(consent.Status);
            if (!string.Equals(stored?.MarketingStatus, status, StringComparison.Ordinal))
            {
                body.MarketingStatus = status;
            }
        }

        var custom = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        PipedriveProblem? problem =
            WriteMapped(custom, stored, fields, _options.Fields.Company, nameof(PipedriveFieldMapping.Company), nameof(Contact.Company), contact.Company)
            ?? WriteMapped(custom, stored, fields, _options.Fields.JobTitle, nameof(PipedriveFieldMapping.JobTitle), nameof(Contact.JobTitle), contact.JobTitle)
            ?? WriteMapped(custom, stored, fields, _options.Fields.LifecycleStage, nameof(PipedriveFieldMapping.LifecycleStage), nameof(Contact.LifecycleStage), contact.LifecycleStage?.Value)
            ?? WriteMapped(custom, stored, fields, _options.Fields.SmsConsent, nameof(PipedriveFieldMapping.SmsConsent), nameof(Contact.SmsConsent), contact.SmsConsent?.Status.Value)
            ?? WriteCustomFields(custom, stored?.CustomFields, fields, contact.CustomFields, "Contact", "person");
        if (problem is not null)
        {
            return problem;
        }

        body.CustomFields = custom.Count > 0 ? custom : null;
        return null;
    }

    private static PipedriveProblem? WriteMapped(Dictionary<string, JsonElement> custom, PipedrivePerson? stored, PipedriveFieldSet fields, string? fieldName, string option, string property, string? value) =>
        WriteMappedText(custom, stored?.CustomFields, fields, fieldName, option, $"Contact.{property}", "person", value);

    /// <summary>Writes a property held in a mapped custom field, when it has a value that is not stored already.</summary>
    internal static PipedriveProblem? WriteMappedText(
        Dictionary<string, JsonElement> custom,
        IReadOnlyDictionary<string, JsonElement>? stored,
        PipedriveFieldSet fields,
        string? fieldName,
        string option,
        string property,
        string entity,
        string? value)
    {
        if (value is null || string.IsNullOrWhiteSpace(fieldName))
        {
            // Null: not changed. No field name: the property is unmapped by configuration.
            return null;
        }

        if (!fields.TryGetByName(fieldName, out PipedriveField? field))
        {
            return new PipedriveProblem(
                $"{property} is stored in the Pipedrive {entity} field '{fieldName}' (option Fields:{option}), which this Pipedrive account does not have: create a custom {entity} field with that name, or map {property} to another field.",
                PipedriveProblem.FieldNotFound,
                property,
                UnknownName: true);
        }

        if (string.Equals(PipedriveFieldValues.ReadText(stored, field), value, StringComparison.Ordinal))
        {
            return null;
        }

        if (!PipedriveFieldValues.TryWriteText(value, field, out JsonElement json, out string? error))
        {
            return new PipedriveProblem($"{property} '{value}' cannot be stored: {error}.", PipedriveProblem.InvalidOption, property);
        }

        custom[field.Key!] = json;
        return null;
    }

    /// <summary>Writes the custom field bag: names resolve to hash keys; values already stored are not sent, and a
    /// field a named property already wrote is left to it.</summary>
    internal static PipedriveProblem? WriteCustomFields(
        Dictionary<string, JsonElement> custom,
        IReadOnlyDictionary<string, JsonElement>? stored,
        PipedriveFieldSet fields,
        CustomFieldCollection values,
        string model,
        string entity)
    {
        foreach (var (name, value) in values)
        {
            string? key = fields.KeyFor(name);
            if (key is null)
            {
                return new PipedriveProblem(
                    $"{model}.CustomFields['{name}']: this Pipedrive account has no custom {entity} field named '{name}'. Custom fields must exist in Pipedrive (Settings → Data fields) before values are written to them.",
                    PipedriveProblem.UnknownField,
                    name,
                    UnknownName: true);
            }

            if (custom.ContainsKey(key) || PipedriveFieldValues.SameValue(stored, key, value))
            {
                continue;
            }

            custom[key] = value;
        }

        return null;
    }
}
