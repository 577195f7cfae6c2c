using System.Text.Json.Nodes;

namespace Martech.Sdk.Testing;

/// <summary>One field of an emulated sObject: its type and what the API may do with it.</summary>
internal sealed class EmulatorSField
{
    public required string Name { get; init; }

    /// <summary>The describe type: id, string, email, phone, url, textarea, picklist, boolean, int, double, currency,
    /// date, datetime, reference.</summary>
    public required string Type { get; init; }

    public bool Createable { get; init; } = true;

    public bool Updateable { get; init; } = true;

    public bool Custom { get; init; }

    /// <summary>Required on create and cannot be cleared (not nillable, no default).</summary>
    public bool Required { get; init; }

    public int? Length { get; init; }

    /// <summary>The referenced sObject of a reference field.</summary>
    public string? ReferenceTo { get; init; }

    /// <summary>The relationship name of a reference field (<c>AccountId</c> → <c>Account</c>).</summary>
    public string? RelationshipName { get; init; }

    /// <summary>The value a created record gets when none is given.</summary>
    public JsonNode? Default { get; init; }

    /// <summary>Whether the field is an external id (upsert key).</summary>
    public bool ExternalId { get; set; }

    public string Label => Name.EndsWith("__c", StringComparison.Ordinal) ? Name[..^3].Replace('_', ' ') : Name;

    public bool IsText => Type is "string" or "email" or "phone" or "url" or "textarea" or "picklist";

    public bool IsIdLike => Type is "id" or "reference";

    public bool IsNumber => Type is "int" or "double" or "currency" or "percent";
}

/// <summary>An emulated sObject type: its key prefix and fields. Standard fields are fixed; custom fields are added on
/// first write (the emulator's open schema).</summary>
internal sealed class EmulatorSObject
{
    private readonly List<EmulatorSField> _fields;
    private readonly Dictionary<string, EmulatorSField> _byName = new(StringComparer.OrdinalIgnoreCase);

    public EmulatorSObject(string name, string keyPrefix, IEnumerable<EmulatorSField> fields)
    {
        Name = name;
        KeyPrefix = keyPrefix;
        _fields = [.. fields];
        foreach (EmulatorSField field in _fields)
        {
            _byName.Add(field.Name, field);
        }
    }

    public string Name { get; }

    public string KeyPrefix { get; }

    /// <summary>Standard fields, then custom fields in the order they were added.</summary>
    public IReadOnlyList<EmulatorSField> Fields => _fields;

    public EmulatorSField? Find(string name) => _byName.GetValueOrDefault(name);

    public EmulatorSField? FindRelationship(string relationshipName) =>
        _fields.FirstOrDefault(f => f.RelationshipName is not null && string.Equals(f.RelationshipName, relationshipName, StringComparison.OrdinalIgnoreCase));

    /// <summary>Adds a custom field for a name first written, typed by its first value.</summary>
    public EmulatorSField AddCustom(string name, JsonNode? firstValue)
    {
        string type = firstValue?.GetValueKind() switch
        {
            System.Text.Json.JsonValueKind.Number => "double",
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
            _ => "string",
        };
        var field = new EmulatorSField { Name = name, Type = type, Custom = true, Length = type == "string" ? 255 : null };
        _fields.Add(field);
        _byName.Add(name, field);
        return field;
    }

    /// <summary>Forgets the custom fields (a reset).</summary>
    public void RemoveCustomFields()
    {
        foreach (EmulatorSField field in _fields.Where(static f => f.Custom).ToList())
        {
            _fields.Remove(field);
            _byName.Remove(field.Name);
        }

        foreach (EmulatorSField field in _fields)
        {
            field.ExternalId = false;
        }
    }

    /// <summary>The standard objects the emulator knows.</summary>
    public static Dictionary<string, EmulatorSObject> CreateStandardObjects()
    {
        static EmulatorSField Text(string name, int length, bool required = false) => new() { Name = name, Type = "string", Length = length, Required = required };
        static EmulatorSField ReadOnly(string name, string type) => new() { Name = name, Type = type, Createable = false, Updateable = false };
        static EmulatorSField Reference(string name, string to, string relationship, bool updateable = true, bool required = false) =>
            new() { Name = name, Type = "reference", ReferenceTo = to, RelationshipName = relationship, Updateable = updateable, Required = required, Length = 18 };
        static EmulatorSField Flag(string name, bool createable = true) => new() { Name = name, Type = "boolean", Default = false, Createable = createable, Updateable = createable };
        static IEnumerable<EmulatorSField> System(bool owned)
        {
            yield return new EmulatorSField { Name = "Id", Type = "id", Createable = false, Updateable = false, Length = 18 };
            yield return ReadOnly("IsDeleted", "boolean");
            if (owned)
            {
                yield return Reference("OwnerId", "User", "Owner");
            }

            yield return ReadOnly("CreatedDate", "datetime");
            yield return new EmulatorSField { Name = "CreatedById", Type = "reference", ReferenceTo = "User", RelationshipName = "CreatedBy", Createable = false, Updateable = false, Length = 18 };
            yield return ReadOnly("LastModifiedDate", "datetime");
            yield return new EmulatorSField { Name = "LastModifiedById", Type = "reference", ReferenceTo = "User", RelationshipName = "LastModifiedBy", Createable = false, Updateable = false, Length = 18 };
            yield return ReadOnly("SystemModstamp", "datetime");
        }

        var account = new EmulatorSObject("Account", "001", System(owned: true).Concat(
        [
            Text("Name", 255, required: true),
            new() { Name = "Type", Type = "picklist", Length = 255 },
            new() { Name = "Industry", Type = "picklist", Length = 255 },
            new() { Name = "Website", Type = "url", Length = 255 },
            new() { Name = "Phone", Type = "phone", Length = 40 },
            new() { Name = "NumberOfEmployees", Type = "int" },
            new() { Name = "Description", Type = "textarea", Length = 32000 },
        ]));
        var contact = new EmulatorSObject("Contact", "003", System(owned: true).Concat(
        [
            Reference("AccountId", "Account", "Account"),
            Text("LastName", 80, required: true),
            Text("FirstName", 40),
            new() { Name = "Salutation", Type = "picklist", Length = 40 },
            ReadOnly("Name", "string"),
            Text("Title", 128),
            Text("Department", 80),
            new() { Name = "Email", Type = "email", Length = 80 },
            new() { Name = "Phone", Type = "phone", Length = 40 },
            new() { Name = "MobilePhone", Type = "phone", Length = 40 },
            Flag("HasOptedOutOfEmail"),
            Flag("DoNotCall"),
            new() { Name = "LeadSource", Type = "picklist", Length = 255 },
            new() { Name = "Description", Type = "textarea", Length = 32000 },
            new() { Name = "IsEmailBounced", Type = "boolean", Default = false, Createable = false, Updateable = false },
        ]));
        var lead = new EmulatorSObject("Lead", "00Q", System(owned: true).Concat(
        [
            Text("LastName", 80, required: true),
            Text("FirstName", 40),
            ReadOnly("Name", "string"),
            Text("Title", 128),
            Text("Company", 255, required: true),
            new() { Name = "Email", Type = "email", Length = 80 },
            new() { Name = "Phone", Type = "phone", Length = 40 },
            new() { Name = "MobilePhone", Type = "phone", Length = 40 },
            new() { Name = "LeadSource", Type = "picklist", Length = 255 },
            new() { Name = "Status", Type = "picklist", Length = 255, Required = true, Default = "Open - Not Contacted" },
            new() { Name = "Rating", Type = "picklist", Length = 255 },
            Flag("HasOptedOutOfEmail"),
            new() { Name = "IsConverted", Type = "boolean", Default = false, Createable = false, Updateable = false },
            ReadOnly("ConvertedDate", "date"),
            new() { Name = "ConvertedContactId", Type = "reference", ReferenceTo = "Contact", RelationshipName = "ConvertedContact", Createable = false, Updateable = false, Length = 18 },
            new() { Name = "ConvertedAccountId", Type = "reference", ReferenceTo = "Account", RelationshipName = "ConvertedAccount", Createable = false, Updateable = false, Length = 18 },
            new() { Name = "Description", Type = "textarea", Length = 32000 },
        ]));
        var campaign = new EmulatorSObject("Campaign", "701", System(owned: true).Concat(
        [
            Text("Name", 80, required: true),
            new() { Name = "Type", Type = "picklist", Length = 255 },
            new() { Name = "Status", Type = "picklist", Length = 255, Default = "Planned" },
            new() { Name = "StartDate", Type = "date" },
            new() { Name = "EndDate", Type = "date" },
            Flag("IsActive"),
            new() { Name = "NumberSent", Type = "double" },
            new() { Name = "BudgetedCost", Type = "currency" },
            new() { Name = "ActualCost", Type = "currency" },
            ReadOnly("NumberOfLeads", "int"),
            ReadOnly("NumberOfContacts", "int"),
            ReadOnly("NumberOfResponses", "int"),
            ReadOnly("NumberOfConvertedLeads", "int"),
            new() { Name = "Description", Type = "textarea", Length = 32000 },
        ]));
        var member = new EmulatorSObject("CampaignMember", "00v", System(owned: false).Concat(
        [
            Reference("CampaignId", "Campaign", "Campaign", updateable: false, required: true),
            Reference("ContactId", "Contact", "Contact", updateable: false),
            Reference("LeadId", "Lead", "Lead", updateable: false),
            new() { Name = "Status", Type = "picklist", Length = 40, Default = "Sent" },
            new() { Name = "HasResponded", Type = "boolean", Default = false, Createable = false, Updateable = false },
            ReadOnly("FirstRespondedDate", "date"),
        ]));
        return new Dictionary<string, EmulatorSObject>(StringComparer.OrdinalIgnoreCase)
        {
            [account.Name] = account,
            [contact.Name] = contact,
            [lead.Name] = lead,
            [campaign.Name] = campaign,
            [member.Name] = member,
        };
    }
}
