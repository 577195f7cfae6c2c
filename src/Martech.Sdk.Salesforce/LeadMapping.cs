using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// Maps between <see cref="Lead"/> and the Salesforce Lead sObject: <c>Email</c>, <c>Phone</c>, <c>FirstName</c>,
/// <c>LastName</c>, <c>Company</c>, <c>LeadSource</c>, <c>Status</c> (through <see cref="SalesforceOptions.LeadStatusMap"/>),
/// <c>OwnerId</c>, <c>CreatedDate</c>, <c>LastModifiedDate</c>, the title field
/// (<see cref="SalesforceOptions.LeadTitleField"/>), the score field (<see cref="SalesforceOptions.LeadScoreField"/>), and
/// <c>ConvertedContactId</c> as <see cref="Lead.ContactId"/> (read-only: a lead's contact is set by conversion, so
/// <see cref="Lead.ContactId"/> is not written). Everything else is a custom field, as for contacts.
/// </summary>
internal sealed class LeadMapping
{
    public const string Type = "Lead";

    private readonly SalesforceOptions _options;
    private readonly Dictionary<string, string> _toSalesforce;
    private readonly Dictionary<string, LeadStatus> _fromSalesforce;

    public LeadMapping(SalesforceOptions options)
    {
        _options = options;
        _toSalesforce = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        _fromSalesforce = new Dictionary<string, LeadStatus>(StringComparer.OrdinalIgnoreCase);
        foreach (KeyValuePair<string, string> entry in options.LeadStatusMap)
        {
            _toSalesforce[entry.Key] = entry.Value;
            _fromSalesforce.TryAdd(entry.Value, new LeadStatus(entry.Key));
        }
    }

    /// <summary>The Salesforce picklist value of a status.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The mapped value, or the status's own value when it is not mapped.</returns>
    public string ToSalesforce(LeadStatus status) => _toSalesforce.TryGetValue(status.Value, out string? value) ? value : status.Value;

    /// <summary>The SOQL field list: standard fields and the described custom fields.</summary>
    /// <param name="description">The Lead describe.</param>
    /// <returns>The field list.</returns>
    public static string SelectList(SObjectDescription description) =>
        string.Join(", ", description.CustomFieldNames.Prepend("FIELDS(STANDARD)"));

    /// <summary>Reads a Lead record.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The lead.</returns>
    public Lead Read(JsonElement record)
    {
        string? id = null, contactId = null, firstName = null, lastName = null, company = null, title = null, source = null, ownerId = null;
        EmailAddress? email = null;
        PhoneNumber? phone = null;
        LeadStatus? status = null;
        int? score = null;
        DateTimeOffset? created = null, modified = null;
        var custom = new CustomFieldCollection();
        foreach (JsonProperty property in record.EnumerateObject())
        {
            JsonElement value = property.Value;
            string name = property.Name;
            if (Is(name, _options.LeadTitleField))
            {
                title = SalesforceValues.String(value);
                if (title is not null || value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }
            }
            else if (_options.LeadScoreField is { } scoreField && Is(name, scoreField))
            {
                score = SalesforceValues.Int32(value);
                if (score is not null || value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }
            }
            else
            {
                switch (name)
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
                    case "Phone":
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
                    case "Company":
                        company = SalesforceValues.String(value);
                        continue;
                    case "LeadSource":
                        source = SalesforceValues.String(value);
                        continue;
                    case "Status":
                        string? text = SalesforceValues.String(value);
                        status = string.IsNullOrWhiteSpace(text) ? null : _fromSalesforce.TryGetValue(text, out LeadStatus mapped) ? mapped : new LeadStatus(text);
                        continue;
                    case "OwnerId":
                        ownerId = SalesforceValues.String(value);
                        continue;
                    case "ConvertedContactId":
                        contactId = SalesforceValues.String(value);
                        continue;
                    case "CreatedDate":
                        created = SalesforceValues.DateTime(value);
                        continue;
                    case "LastModifiedDate":
                        modified = SalesforceValues.DateTime(value);
                        continue;
                }
            }

            custom.SetRaw(name, value);
        }

        return new Lead
        {
            Id = id,
            ContactId = contactId,
            Email = email,
            Phone = phone,
            FirstName = firstName,
            LastName = lastName,
            Company = company,
            Title = title,
            Status = status,
            Source = source,
            Score = score,
            OwnerId = ownerId,
            CreatedAt = created,
            UpdatedAt = modified,
            CustomFields = custom,
            Raw = record,
        };
    }

    /// <summary>Builds the fields to write for a lead.</summary>
    /// <param name="lead">The lead.</param>
    /// <param name="write">Create or update.</param>
    /// <param name="description">The Lead describe, to leave out fields that cannot be written; <see langword="null"/>
    /// when the lead has no custom fields.</param>
    /// <returns>The record.</returns>
    public SObjectRecord Write(Lead lead, WriteKind write, SObjectDescription? description)
    {
        var record = new SObjectRecord();
        foreach (KeyValuePair<string, JsonElement> field in lead.CustomFields)
        {
            if (field.Key is "Id" or "attributes"
                || SalesforceValues.IsRelatedRecord(field.Value)
                || (description is not null && !description.IsWritable(field.Key, write)))
            {
                continue;
            }

            record.Set(field.Key, field.Value);
        }

        if (lead.Email is { IsEmpty: false } email)
        {
            record.Set("Email", email.Value);
        }

        if (lead.Phone is { IsEmpty: false } phone)
        {
            record.Set("Phone", phone.Value);
        }

        Set(record, "FirstName", lead.FirstName);
        Set(record, "LastName", lead.LastName);
        Set(record, "Company", lead.Company);
        Set(record, _options.LeadTitleField, lead.Title);
        Set(record, "LeadSource", lead.Source);
        Set(record, "OwnerId", lead.OwnerId);
        if (lead.Score is int score && _options.LeadScoreField is { } scoreField)
        {
            record.Set(scoreField, (long)score);
        }

        LeadStatus? status = lead.Status ?? (write == WriteKind.Create ? LeadStatus.New : null);
        if (status is { } value)
        {
            record.Set("Status", ToSalesforce(value));
        }

        if (write == WriteKind.Create)
        {
            if (_options.DefaultLastName is { } lastName && string.IsNullOrWhiteSpace(record.GetString("LastName")))
            {
                record.Set("LastName", lastName);
            }

            if (_options.DefaultLeadCompany is { } company && string.IsNullOrWhiteSpace(record.GetString("Company")))
            {
                record.Set("Company", company);
            }
        }

        return record;
    }

    private static bool Is(string name, string field) => string.Equals(name, field, StringComparison.OrdinalIgnoreCase);

    private static void Set(SObjectRecord record, string name, string? value)
    {
        if (value is not null)
        {
            record.Set(name, value);
        }
    }
}
