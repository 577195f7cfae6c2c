using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// Maps between <see cref="Contact"/> and the Salesforce Contact sObject.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>Email</c>, <c>FirstName</c>, <c>LastName</c>, <c>Title</c> (job title), <c>MobilePhone</c> (the model's phone is
/// the mobile number), <c>OwnerId</c>, <c>CreatedDate</c>, <c>LastModifiedDate</c>.</item>
/// <item><see cref="Contact.EmailConsent"/> ↔ <c>HasOptedOutOfEmail</c>: Denied writes <see langword="true"/>, Granted
/// <see langword="false"/>; Pending and Unknown write nothing. Reading, <see langword="true"/> is Denied and
/// <see langword="false"/> is "no decision recorded" (<see langword="null"/>): Salesforce records opt-outs, not opt-ins.
/// SMS consent has no Contact field and is neither written nor read.</item>
/// <item><see cref="Contact.Company"/> through <see cref="SalesforceOptions.ContactCompanyField"/>;
/// <see cref="Contact.LifecycleStage"/> through <see cref="SalesforceOptions.ContactLifecycleStageField"/>.</item>
/// <item>Every other field is a custom field, kept as raw JSON. Writing, fields the describe marks as not writable
/// (formula, system and compound fields read back earlier) and related records are left out; a mapped property that is
/// set wins over a custom field of the same name. A mapped value Salesforce holds in a form the model cannot (a phone
/// number that is not E.164, say) is kept as a custom field under its own name, so it round-trips.</item>
/// </list>
/// </remarks>
internal sealed class ContactMapping
{
    public const string Type = "Contact";

    private readonly SalesforceOptions _options;
    private readonly HashSet<string> _mapped;

    public ContactMapping(SalesforceOptions options)
    {
        _options = options;
        AccountMode = options.ContactCompanyField == SalesforceOptions.AccountNameCompanyField;
        _mapped = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Id", "Email", "MobilePhone", "FirstName", "LastName", "Title", "OwnerId", "HasOptedOutOfEmail", "CreatedDate", "LastModifiedDate",
        };
        if (!AccountMode)
        {
            _mapped.Add(options.ContactCompanyField);
        }

        if (options.ContactLifecycleStageField is { } stage)
        {
            _mapped.Add(stage);
        }
    }

    /// <summary>Whether the company lives on the contact's Account.</summary>
    public bool AccountMode { get; }

    /// <summary>The SOQL field list: standard fields, the described custom fields and, in account mode, the Account's name.</summary>
    /// <param name="description">The Contact describe.</param>
    /// <returns>The field list.</returns>
    public string SelectList(SObjectDescription description)
    {
        var fields = new List<string>(description.CustomFieldNames.Count + 2) { "FIELDS(STANDARD)" };
        fields.AddRange(description.CustomFieldNames);
        if (AccountMode)
        {
            fields.Add("Account.Name");
        }

        return string.Join(", ", fields);
    }

    /// <summary>Reads a Contact record.</summary>
    /// <param name="record">The record as Salesforce returned it.</param>
    /// <returns>The contact.</returns>
    public Contact Read(JsonElement record)
    {
        string? id = null, firstName = null, lastName = null, title = null, ownerId = null, company = null;
        EmailAddress? email = null;
        PhoneNumber? phone = null;
        Consent? emailConsent = null;
        LifecycleStage? stage = null;
        DateTimeOffset? created = null, modified = null;
        var custom = new CustomFieldCollection();
        foreach (JsonProperty property in record.EnumerateObject())
        {
            JsonElement value = property.Value;
            switch (property.Name)
            {
                case "attributes":
                    continue;
                case "Id":
                    id = SalesforceValues.String(value);
                    continue;
                case "Email":
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    if (EmailAddress.TryParse(SalesforceValues.String(value), out EmailAddress parsedEmail))
                    {
                        email = parsedEmail;
                        continue;
                    }

                    break;
                case "MobilePhone":
                    if (value.ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    if (PhoneNumber.TryParse(SalesforceValues.String(value), out PhoneNumber parsedPhone))
                    {
                        phone = parsedPhone;
                        continue;
                    }

                    break;
                case "FirstName":
                    firstName = SalesforceValues.String(value);
                    continue;
                case "LastName":
                    lastName = SalesforceValues.String(value);
                    continue;
                case "Title":
                    title = SalesforceValues.String(value);
                    continue;
                case "OwnerId":
                    ownerId = SalesforceValues.String(value);
                    continue;
                case "HasOptedOutOfEmail":
                    emailConsent = value.ValueKind == JsonValueKind.True ? new Consent(ConsentStatus.Denied) : null;
                    continue;
                case "CreatedDate":
                    created = SalesforceValues.DateTime(value);
                    continue;
                case "LastModifiedDate":
                    modified = SalesforceValues.DateTime(value);
                    continue;
                case "Account" when AccountMode:
                    company = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("Name", out JsonElement name) ? SalesforceValues.String(name) : null;
                    continue;
            }

            if (!AccountMode && string.Equals(property.Name, _options.ContactCompanyField, StringComparison.OrdinalIgnoreCase))
            {
                company = SalesforceValues.String(value);
                if (company is not null || value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }
            }
            else if (string.Equals(property.Name, _options.ContactLifecycleStageField, StringComparison.OrdinalIgnoreCase))
            {
                string? text = SalesforceValues.String(value);
                if (!string.IsNullOrWhiteSpace(text))
                {
                    stage = new LifecycleStage(text);
                    continue;
                }

                if (value.ValueKind is JsonValueKind.Null or JsonValueKind.String)
                {
                    continue;
                }
            }

            custom.SetRaw(property.Name, value);
        }

        return new Contact
        {
            Id = id,
            Email = email,
            Phone = phone,
            FirstName = firstName,
            LastName = lastName,
            Company = company,
            JobTitle = title,
            LifecycleStage = stage,
            EmailConsent = emailConsent,
            OwnerId = ownerId,
            CreatedAt = created,
            UpdatedAt = modified,
            CustomFields = custom,
            Raw = record,
        };
    }

    /// <summary>Builds the fields to write for a contact.</summary>
    /// <param name="contact">The contact.</param>
    /// <param name="write">Whether the write creates, updates or upserts.</param>
    /// <param name="description">The Contact describe, to leave out fields that cannot be written; <see langword="null"/>
    /// when the contact has no custom fields.</param>
    /// <param name="accountId">In account mode, the Account for <see cref="Contact.Company"/>.</param>
    /// <param name="creates">Whether the write is known to create the contact, so a missing last name gets
    /// <see cref="SalesforceOptions.DefaultLastName"/>.</param>
    /// <returns>The record.</returns>
    public SObjectRecord Write(Contact contact, WriteKind write, SObjectDescription? description, string? accountId, bool creates)
    {
        var record = new SObjectRecord();
        foreach (KeyValuePair<string, JsonElement> field in contact.CustomFields)
        {
            if (field.Key is "Id" or "attributes"
                || SalesforceValues.IsRelatedRecord(field.Value)
                || (description is not null && !description.IsWritable(field.Key, write)))
            {
                continue;
            }

            record.Set(field.Key, field.Value);
        }

        if (contact.Email is { IsEmpty: false } email)
        {
            record.Set("Email", email.Value);
        }

        if (contact.Phone is { IsEmpty: false } phone)
        {
            record.Set("MobilePhone", phone.Value);
        }

        SetIfNotNull(record, "FirstName", contact.FirstName);
        SetIfNotNull(record, "LastName", contact.LastName);
        SetIfNotNull(record, "Title", contact.JobTitle);
        SetIfNotNull(record, "OwnerId", contact.OwnerId);
        if (contact.EmailConsent?.Status is { } consent)
        {
            if (consent == ConsentStatus.Denied)
            {
                record.Set("HasOptedOutOfEmail", true);
            }
            else if (consent == ConsentStatus.Granted)
            {
                record.Set("HasOptedOutOfEmail", false);
            }
        }

        if (contact.Company is not null)
        {
            if (!AccountMode)
            {
                record.Set(_options.ContactCompanyField, contact.Company);
            }
            else if (string.IsNullOrWhiteSpace(contact.Company))
            {
                // An empty company takes the contact off its Account.
                record.Set("AccountId", null);
            }
            else if (accountId is not null)
            {
                record.Set("AccountId", accountId);
            }
        }

        if (contact.LifecycleStage is { } stage && _options.ContactLifecycleStageField is { } stageField)
        {
            record.Set(stageField, stage.Value);
        }

        if (creates && _options.DefaultLastName is { } defaultLastName && string.IsNullOrWhiteSpace(record.GetString("LastName")))
        {
            record.Set("LastName", defaultLastName);
        }

        return record;
    }

    /// <summary>Whether a custom-field name is one of the mapped fields (kept there only when its value cannot be
    /// mapped).</summary>
    /// <param name="name">The field's API name.</param>
    /// <returns><see langword="true"/> when mapped.</returns>
    public bool IsMapped(string name) => _mapped.Contains(name);

    private static void SetIfNotNull(SObjectRecord record, string name, string? value)
    {
        if (value is not null)
        {
            record.Set(name, value);
        }
    }
}
