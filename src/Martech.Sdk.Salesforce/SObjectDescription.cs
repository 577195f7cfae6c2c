namespace Martech.Sdk.Salesforce;

/// <summary>
/// What the provider needs from an object's describe: which custom fields to select and which fields may be written on
/// create and on update. Fields it does not list (such as a custom field added since) are treated as unknown and written
/// as given, so Salesforce itself answers for them.
/// </summary>
internal sealed class SObjectDescription
{
    private readonly Dictionary<string, SalesforceDescribeField> _fields;

    public SObjectDescription(string type, IEnumerable<SalesforceDescribeField> fields)
    {
        Type = type;
        _fields = new Dictionary<string, SalesforceDescribeField>(StringComparer.OrdinalIgnoreCase);
        var custom = new List<string>();
        foreach (SalesforceDescribeField field in fields)
        {
            if (string.IsNullOrWhiteSpace(field.Name) || !_fields.TryAdd(field.Name, field))
            {
                continue;
            }

            // base64 fields can only be queried one record at a time; custom fields never are base64, but be safe.
            if (field.Custom && !string.Equals(field.Type, "base64", StringComparison.OrdinalIgnoreCase))
            {
                custom.Add(field.Name);
            }
        }

        CustomFieldNames = custom;
    }

    /// <summary>The sObject type.</summary>
    public string Type { get; }

    /// <summary>The custom fields to select, in describe order.</summary>
    public IReadOnlyList<string> CustomFieldNames { get; }

    /// <summary>Whether the object has a field of that name.</summary>
    /// <param name="name">The field's API name.</param>
    /// <returns><see langword="true"/> when it does.</returns>
    public bool HasField(string name) => _fields.ContainsKey(name);

    /// <summary>Whether a field read back from Salesforce may be written: unknown fields are, known ones when
    /// createable (for a create) or updateable (for an update; both for an upsert whose outcome is not known yet).</summary>
    /// <param name="name">The field's API name.</param>
    /// <param name="write">The kind of write.</param>
    /// <returns><see langword="true"/> when the field is sent.</returns>
    public bool IsWritable(string name, WriteKind write)
    {
        if (!_fields.TryGetValue(name, out SalesforceDescribeField? field))
        {
            return true;
        }

        return write switch
        {
            WriteKind.Create => field.Createable,
            WriteKind.Update => field.Updateable,
            _ => field.Createable && field.Updateable,
        };
    }
}

/// <summary>Whether a write creates, updates, or may do either (an upsert by external id).</summary>
internal enum WriteKind
{
    Create,
    Update,
    Upsert,
}
