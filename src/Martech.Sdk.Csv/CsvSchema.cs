using System.Globalization;

namespace Martech.Sdk;

/// <summary>The named fields of one record type: default headers, parsing a cell, building a record, formatting a
/// field. Field indexes are the values of the type's field enum, in the order of the default headers.</summary>
internal abstract class CsvSchema<T>
    where T : class
{
    protected CsvSchema(string recordName, RecordField[] fields, string[] headers, (string Alias, int Field)[] aliases)
    {
        RecordName = recordName;
        Fields = fields;
        Headers = headers;
        for (int i = 0; i < fields.Length; i++)
        {
            Indexes[fields[i]] = i;
            Recognised[Normalise(fields[i].Name)] = i;
        }

        foreach (string header in headers)
        {
            Recognised[Normalise(header)] = Array.IndexOf(headers, header);
        }

        foreach ((string alias, int field) in aliases)
        {
            Recognised[alias] = field;
        }
    }

    /// <summary>"contact" or "lead", for messages.</summary>
    public string RecordName { get; }

    /// <summary>The field at each index.</summary>
    public RecordField[] Fields { get; }

    /// <summary>Default header of each field.</summary>
    public string[] Headers { get; }

    private Dictionary<RecordField, int> Indexes { get; } = [];

    /// <summary>Normalised header → field, for headers the caller did not map.</summary>
    private Dictionary<string, int> Recognised { get; } = new(StringComparer.Ordinal);

    public int FieldCount => Headers.Length;

    public int? IndexOf(RecordField field) => Indexes.TryGetValue(field, out int index) ? index : null;

    public int? Recognise(string header) => Recognised.TryGetValue(Normalise(header), out int field) ? field : null;

    /// <summary>Parses a non-empty cell into the field's value; returns the reason when it is not valid.</summary>
    public abstract string? Parse(int field, string text, out object? value);

    public abstract T Create(object?[] values, CustomFieldCollection customFields);

    /// <summary>The field's value as text, as <see cref="RecordField"/> gives it (times ISO 8601 round-trip, consent as
    /// its status); <see langword="null"/> for no value.</summary>
    public abstract string? Format(T record, int field);

    public abstract CustomFieldCollection CustomFields(T record);

    internal static string Normalise(string header)
    {
        Span<char> buffer = header.Length <= 128 ? stackalloc char[header.Length] : new char[header.Length];
        int n = 0;
        foreach (char c in header)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    protected static string? ParseEmail(string text, out object? value)
    {
        if (EmailAddress.TryParse(text.Trim(), out EmailAddress email, out string? error))
        {
            value = email;
            return null;
        }

        value = null;
        return $"Not an email address: {error}";
    }

    protected static string? ParsePhone(string text, out object? value)
    {
        if (PhoneNumber.TryParse(text.Trim(), out PhoneNumber phone, out string? error))
        {
            value = phone;
            return null;
        }

        value = null;
        return $"Not a phone number: {error}";
    }

    protected static string? ParseTime(string text, out object? value)
    {
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            value = time;
            return null;
        }

        value = null;
        return "Not a date and time; write ISO 8601, such as 2026-03-01T09:30:00Z.";
    }

    protected static string? ParseText(string text, out object? value)
    {
        value = text;
        return null;
    }

    protected static string? ParseNonBlank(string text, out object? value)
    {
        string trimmed = text.Trim();
        value = trimmed.Length == 0 ? null : trimmed;
        return null;
    }

}

internal sealed class ContactCsvSchema : CsvSchema<Contact>
{
    public static ContactCsvSchema Instance { get; } = new();

    private ContactCsvSchema()
        : base(
            "contact",
            [
                RecordField.Id, RecordField.Email, RecordField.Phone, RecordField.FirstName, RecordField.LastName, RecordField.Company,
                RecordField.JobTitle, RecordField.LifecycleStage, RecordField.EmailConsent, RecordField.SmsConsent, RecordField.OwnerId,
                RecordField.CreatedAt, RecordField.UpdatedAt,
            ],
            ["id", "email", "phone", "first_name", "last_name", "company", "job_title", "lifecycle_stage", "email_consent", "sms_consent", "owner_id", "created_at", "updated_at"],
            [
                ("emailaddress", (int)ContactField.Email), ("mail", (int)ContactField.Email),
                ("phonenumber", (int)ContactField.Phone), ("mobile", (int)ContactField.Phone), ("mobilephone", (int)ContactField.Phone),
                ("givenname", (int)ContactField.FirstName), ("surname", (int)ContactField.LastName), ("familyname", (int)ContactField.LastName),
                ("organization", (int)ContactField.Company), ("organisation", (int)ContactField.Company), ("companyname", (int)ContactField.Company),
                ("title", (int)ContactField.JobTitle), ("stage", (int)ContactField.LifecycleStage),
            ])
    {
    }

    public override string? Parse(int field, string text, out object? value) => (ContactField)field switch
    {
        ContactField.Email => ParseEmail(text, out value),
        ContactField.Phone => ParsePhone(text, out value),
        ContactField.LifecycleStage or ContactField.EmailConsent or ContactField.SmsConsent => ParseNonBlank(text, out value),
        ContactField.CreatedAt or ContactField.UpdatedAt => ParseTime(text, out value),
        _ => ParseText(text, out value),
    };

    public override Contact Create(object?[] v, CustomFieldCollection customFields) => new()
    {
        Id = (string?)v[(int)ContactField.Id],
        Email = (EmailAddress?)v[(int)ContactField.Email],
        Phone = (PhoneNumber?)v[(int)ContactField.Phone],
        FirstName = (string?)v[(int)ContactField.FirstName],
        LastName = (string?)v[(int)ContactField.LastName],
        Company = (string?)v[(int)ContactField.Company],
        JobTitle = (string?)v[(int)ContactField.JobTitle],
        LifecycleStage = v[(int)ContactField.LifecycleStage] is string stage ? LifecycleStage.Create(stage) : null,
        EmailConsent = v[(int)ContactField.EmailConsent] is string email ? new Consent(ConsentStatus.Create(email)) : null,
        SmsConsent = v[(int)ContactField.SmsConsent] is string sms ? new Consent(ConsentStatus.Create(sms)) : null,
        OwnerId = (string?)v[(int)ContactField.OwnerId],
        CreatedAt = (DateTimeOffset?)v[(int)ContactField.CreatedAt],
        UpdatedAt = (DateTimeOffset?)v[(int)ContactField.UpdatedAt],
        CustomFields = customFields,
    };

    public override string? Format(Contact c, int field) => Fields[field].GetText(c);

    public override CustomFieldCollection CustomFields(Contact record) => record.CustomFields;
}

internal sealed class LeadCsvSchema : CsvSchema<Lead>
{
    public static LeadCsvSchema Instance { get; } = new();

    private LeadCsvSchema()
        : base(
            "lead",
            [
                RecordField.Id, RecordField.ContactId, RecordField.Email, RecordField.Phone, RecordField.FirstName, RecordField.LastName,
                RecordField.Company, RecordField.JobTitle, RecordField.Status, RecordField.Source, RecordField.Score, RecordField.OwnerId,
                RecordField.CreatedAt, RecordField.UpdatedAt,
            ],
            ["id", "contact_id", "email", "phone", "first_name", "last_name", "company", "title", "status", "source", "score", "owner_id", "created_at", "updated_at"],
            [
                ("emailaddress", (int)LeadField.Email), ("mail", (int)LeadField.Email),
                ("phonenumber", (int)LeadField.Phone), ("mobile", (int)LeadField.Phone), ("mobilephone", (int)LeadField.Phone),
                ("givenname", (int)LeadField.FirstName), ("surname", (int)LeadField.LastName), ("familyname", (int)LeadField.LastName),
                ("organization", (int)LeadField.Company), ("organisation", (int)LeadField.Company), ("companyname", (int)LeadField.Company),
                ("leadstatus", (int)LeadField.Status), ("leadsource", (int)LeadField.Source), ("leadscore", (int)LeadField.Score),
            ])
    {
    }

    public override string? Parse(int field, string text, out object? value)
    {
        switch ((LeadField)field)
        {
            case LeadField.Email:
                return ParseEmail(text, out value);
            case LeadField.Phone:
                return ParsePhone(text, out value);
            case LeadField.Status:
                return ParseNonBlank(text, out value);
            case LeadField.Score:
                if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int score))
                {
                    value = score;
                    return null;
                }

                value = null;
                return "Not a whole number.";
            case LeadField.CreatedAt or LeadField.UpdatedAt:
                return ParseTime(text, out value);
            default:
                return ParseText(text, out value);
        }
    }

    public override Lead Create(object?[] v, CustomFieldCollection customFields) => new()
    {
        Id = (string?)v[(int)LeadField.Id],
        ContactId = (string?)v[(int)LeadField.ContactId],
        Email = (EmailAddress?)v[(int)LeadField.Email],
        Phone = (PhoneNumber?)v[(int)LeadField.Phone],
        FirstName = (string?)v[(int)LeadField.FirstName],
        LastName = (string?)v[(int)LeadField.LastName],
        Company = (string?)v[(int)LeadField.Company],
        Title = (string?)v[(int)LeadField.Title],
        Status = v[(int)LeadField.Status] is string status ? LeadStatus.Create(status) : null,
        Source = (string?)v[(int)LeadField.Source],
        Score = (int?)v[(int)LeadField.Score],
        OwnerId = (string?)v[(int)LeadField.OwnerId],
        CreatedAt = (DateTimeOffset?)v[(int)LeadField.CreatedAt],
        UpdatedAt = (DateTimeOffset?)v[(int)LeadField.UpdatedAt],
        CustomFields = customFields,
    };

    public override string? Format(Lead l, int field) => Fields[field].GetText(l);

    public override CustomFieldCollection CustomFields(Lead record) => record.CustomFields;
}
