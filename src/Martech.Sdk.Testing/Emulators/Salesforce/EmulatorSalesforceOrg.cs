using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Martech.Sdk.Testing;

/// <summary>An error the emulated org answers: the HTTP status of a single-record request and the Salesforce error.</summary>
/// <param name="Status">The status a single-record request gets (400, 404, …).</param>
/// <param name="ErrorCode">The Salesforce code, such as <c>REQUIRED_FIELD_MISSING</c>.</param>
/// <param name="Message">The message.</param>
/// <param name="Fields">The fields at fault.</param>
internal sealed record EmulatorApiError(int Status, string ErrorCode, string Message, IReadOnlyList<string> Fields)
{
    public static EmulatorApiError NotFound() => new(404, "NOT_FOUND", "The requested resource does not exist", []);

    public static EmulatorApiError Bad(string code, string message, params string[] fields) => new(400, code, message, fields);
}

/// <summary>A custom validation rule added by a test.</summary>
internal sealed record EmulatorValidationRule(string Type, string Field, Func<JsonNode?, bool> IsValid, string Message);

/// <summary>
/// The records and rules of the emulated org: sObject stores with a recycle bin, the checks Salesforce makes on writes
/// (required, read-only, length, email, reference and duplicate-member checks, validation rules), external-id upserts,
/// cascading deletes, computed fields, SOQL and query cursors. Every public member takes the org's lock.
/// </summary>
/// <remarks>Look-ups by a field's value (external-id upserts, SOQL <c>=</c> and <c>IN</c>, campaign members, cascades) go
/// through indexes of the stores, made on first use of a field and kept up to date by every write, so they do not scan
/// the records. Stored records are replaced, never changed in place, so that the indexes stay true.</remarks>
internal sealed partial class EmulatorSalesforceOrg
{
    /// <summary>The id of the emulated run-as user, the owner of records created through the API.</summary>
    public static readonly string UserId = EmulatorSalesforceIds.Create("005", 1);

    private readonly Lock _gate = new();
    private readonly Func<DateTimeOffset> _now;
    private readonly Dictionary<string, EmulatorSObject> _objects = EmulatorSObject.CreateStandardObjects();
    private readonly Dictionary<string, EmulatorStore<JsonObject>> _live = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, JsonObject> _recycleBin = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueryCursor> _cursors = new(StringComparer.Ordinal);
    private readonly List<EmulatorValidationRule> _rules = [];
    private readonly HashSet<string> _respondedStatuses = new(StringComparer.OrdinalIgnoreCase) { "Responded" };
    private readonly Dictionary<(string Type, string Field, bool ById), EmulatorStoreIndex<JsonObject>> _indexes = [];
    private List<Action>? _undo;
    private long _sequence;

    public EmulatorSalesforceOrg(Func<DateTimeOffset> now)
    {
        _now = now;
        foreach (string type in _objects.Keys)
        {
            _live[type] = new EmulatorStore<JsonObject>();
        }
    }

    public IReadOnlyCollection<string> ObjectNames => _objects.Keys;

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();

    // ----- configuration -------------------------------------------------------------------------------------------

    public void AddValidationRule(EmulatorValidationRule rule)
    {
        lock (_gate)
        {
            RequireObject(rule.Type);
            _rules.Add(rule);
        }
    }

    public void MarkExternalId(string type, string fieldName)
    {
        lock (_gate)
        {
            EmulatorSObject obj = RequireObject(type);
            EmulatorSField field = obj.Find(fieldName) ?? obj.AddCustom(fieldName, null);
            if (!field.IsText)
            {
                throw new ArgumentException($"{type}.{fieldName} is a {field.Type} field; external ids here are text fields.", nameof(fieldName));
            }

            field.ExternalId = true;
        }
    }

    public void SetRespondedStatuses(IEnumerable<string> statuses)
    {
        lock (_gate)
        {
            _respondedStatuses.Clear();
            _respondedStatuses.UnionWith(statuses);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            foreach (EmulatorStore<JsonObject> store in _live.Values)
            {
                store.Clear();
            }

            foreach (EmulatorSObject obj in _objects.Values)
            {
                obj.RemoveCustomFields();
            }

            _recycleBin.Clear();
            _cursors.Clear();
            _rules.Clear();
            _respondedStatuses.Clear();
            _respondedStatuses.Add("Responded");
        }
    }

    // ----- reads ---------------------------------------------------------------------------------------------------

    public EmulatorSObject? Object(string type) => _objects.GetValueOrDefault(type);

    public JsonObject? Get(string type, string id, string version, IReadOnlyList<string>? fields, out EmulatorApiError? error)
    {
        lock (_gate)
        {
            error = null;
            if (Object(type) is not { } obj)
            {
                error = EmulatorApiError.NotFound();
                return null;
            }

            if (!EmulatorSalesforceIds.IsWellFormed(id) || !_live[obj.Name].TryGet(EmulatorSalesforceIds.To18(id), out JsonObject? record))
            {
                error = _recycleBin.ContainsKey(EmulatorSalesforceIds.IsWellFormed(id) ? EmulatorSalesforceIds.To18(id) : id)
                    ? new EmulatorApiError(404, "ENTITY_IS_DELETED", "entity is deleted", [])
                    : EmulatorApiError.NotFound();
                return null;
            }

            if (fields is not null)
            {
                foreach (string field in fields)
                {
                    if (obj.Find(field) is null)
                    {
                        error = EmulatorApiError.Bad("INVALID_FIELD", $"No such column '{field}' on sobject of type {obj.Name}");
                        return null;
                    }
                }
            }

            return Render(version, obj, record, fields ?? [.. obj.Fields.Select(static f => f.Name)]);
        }
    }

    public JsonObject Describe(string type)
    {
        lock (_gate)
        {
            EmulatorSObject obj = RequireObject(type);
            var fields = new JsonArray();
            foreach (EmulatorSField field in obj.Fields)
            {
                fields.Add(new JsonObject
                {
                    ["name"] = field.Name,
                    ["label"] = field.Label,
                    ["type"] = field.Type,
                    ["length"] = field.Length ?? 0,
                    ["createable"] = field.Createable,
                    ["updateable"] = field.Updateable,
                    ["custom"] = field.Custom,
                    ["nillable"] = !field.Required && field.Type != "boolean" && field.Type != "id",
                    ["externalId"] = field.ExternalId,
                    ["idLookup"] = field.Type == "id" || field.ExternalId || field.Name == "Email",
                    ["relationshipName"] = field.RelationshipName,
                    ["referenceTo"] = field.ReferenceTo is null ? new JsonArray() : new JsonArray(field.ReferenceTo),
                });
            }

            return new JsonObject
            {
                ["name"] = obj.Name,
                ["label"] = obj.Name,
                ["keyPrefix"] = obj.KeyPrefix,
                ["custom"] = false,
                ["createable"] = true,
                ["updateable"] = true,
                ["queryable"] = true,
                ["fields"] = fields,
            };
        }
    }

    /// <summary>Snapshots of the live records of a type, in creation order, rendered with every field.</summary>
    public List<JsonObject> Snapshot(string type, string version)
    {
        lock (_gate)
        {
            EmulatorSObject obj = RequireObject(type);
            return [.. _live[obj.Name].Items.Select(r => Render(version, obj, r, [.. obj.Fields.Select(static f => f.Name)]))];
        }
    }

    public int Count(string type)
    {
        lock (_gate)
        {
            return _live[RequireObject(type).Name].Count;
        }
    }

    // ----- writes --------------------------------------------------------------------------------------------------

    public (string? Id, EmulatorApiError? Error) Create(string type, JsonObject input)
    {
        lock (_gate)
        {
            if (Object(type) is not { } obj)
            {
                return (null, EmulatorApiError.Bad("INVALID_TYPE", $"sObject type '{type}' is not supported."));
            }

            if (input.ContainsKey("Id") || input.ContainsKey("id"))
            {
                return (null, EmulatorApiError.Bad("INVALID_FIELD", "Record ID: cannot specify Id in an insert call", "Id"));
            }

            return CreateLocked(obj, input);
        }
    }

    public EmulatorApiError? Update(string type, string id, JsonObject input)
    {
        lock (_gate)
        {
            if (Object(type) is not { } obj)
            {
                return EmulatorApiError.NotFound();
            }

            return UpdateLocked(obj, id, input, collection: false);
        }
    }

    /// <summary>Updates a record named in a collection request; errors are those of a collection item.</summary>
    public EmulatorApiError? UpdateInCollection(string type, string? id, JsonObject input)
    {
        lock (_gate)
        {
            if (Object(type) is not { } obj)
            {
                return EmulatorApiError.Bad("INVALID_TYPE", $"sObject type '{type}' is not supported.");
            }

            if (string.IsNullOrEmpty(id))
            {
                return EmulatorApiError.Bad("MISSING_ARGUMENT", "Id not specified in an update call");
            }

            return UpdateLocked(obj, id, input, collection: true);
        }
    }

    /// <summary>Upserts by an external id: created, updated, or the ids of several matches.</summary>
    public (string? Id, bool Created, IReadOnlyList<string>? Matches, EmulatorApiError? Error) Upsert(string type, string fieldName, string value, JsonObject input)
    {
        lock (_gate)
        {
            if (Object(type) is not { } obj)
            {
                return (null, false, null, EmulatorApiError.NotFound());
            }

            EmulatorSField? field = obj.Find(fieldName);
            if (field is null || !(field.ExternalId || field.Type == "id"))
            {
                return (null, false, null, EmulatorApiError.Bad("NOT_FOUND", $"Provided external ID field does not exist or is not accessible: {fieldName}"));
            }

            if (input[field.Name] is JsonNode given && !string.Equals(Text(given), value, StringComparison.OrdinalIgnoreCase))
            {
                return (null, false, null, EmulatorApiError.Bad("INVALID_FIELD", $"The external ID field {field.Name} in the body does not match the one in the URL", field.Name));
            }

            List<JsonObject> matches = [.. TextIndex(obj, field.Name).GetAll(value).Where(r => string.Equals(Text(r[field.Name]), value, StringComparison.OrdinalIgnoreCase))];
            if (matches.Count > 1)
            {
                return (null, false, [.. matches.Select(static r => Text(r["Id"])!)], null);
            }

            var body = (JsonObject)input.DeepClone();
            body.Remove(field.Name);
            if (matches.Count == 1)
            {
                string id = Text(matches[0]["Id"])!;
                EmulatorApiError? error = UpdateLocked(obj, id, body, collection: true);
                return (error is null ? id : null, false, null, error);
            }

            body[field.Name] = value;
            var (created, createError) = CreateLocked(obj, body);
            return (created, created is not null, null, createError);
        }
    }

    public EmulatorApiError? Delete(string type, string id)
    {
        lock (_gate)
        {
            if (Object(type) is not { } obj)
            {
                return EmulatorApiError.NotFound();
            }

            return DeleteLocked(obj, id);
        }
    }

    /// <summary>Deletes a record of whatever type its id says.</summary>
    public EmulatorApiError? DeleteAny(string id)
    {
        lock (_gate)
        {
            if (!EmulatorSalesforceIds.IsWellFormed(id))
            {
                return EmulatorApiError.Bad("MALFORMED_ID", $"malformed id {id}");
            }

            EmulatorSObject? obj = _objects.Values.FirstOrDefault(o => id.StartsWith(o.KeyPrefix, StringComparison.Ordinal));
            return obj is null
                ? EmulatorApiError.Bad("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id")
                : DeleteLocked(obj, id);
        }
    }

    /// <summary>Sets a member's status as a user would in Salesforce (responses are counted from it).</summary>
    public void SetMemberStatus(string campaignId, string contactId, string status)
    {
        lock (_gate)
        {
            JsonObject member = MembersBy("ContactId", contactId).FirstOrDefault(m =>
                    SameId(Text(m["CampaignId"]), campaignId) && SameId(Text(m["ContactId"]), contactId))
                ?? throw new InvalidOperationException($"Contact {contactId} is not a member of campaign {campaignId}.");
            EmulatorApiError? error = UpdateLocked(_objects["CampaignMember"], Text(member["Id"])!, new JsonObject { ["Status"] = status }, collection: false);
            if (error is not null)
            {
                throw new InvalidOperationException(error.Message);
            }
        }
    }

    /// <summary>Marks a lead converted into a contact, as Salesforce's conversion does.</summary>
    public void MarkConverted(string leadId, string contactId)
    {
        lock (_gate)
        {
            EmulatorStore<JsonObject> leads = _live["Lead"];
            if (!EmulatorSalesforceIds.IsWellFormed(leadId) || !leads.TryGet(EmulatorSalesforceIds.To18(leadId), out JsonObject? lead))
            {
                throw new InvalidOperationException($"There is no lead {leadId}.");
            }

            if (!EmulatorSalesforceIds.IsWellFormed(contactId) || !_live["Contact"].TryGet(EmulatorSalesforceIds.To18(contactId), out JsonObject? contact))
            {
                throw new InvalidOperationException($"There is no contact {contactId}.");
            }

            DateTimeOffset now = _now();
            var converted = (JsonObject)lead.DeepClone();
            converted["IsConverted"] = true;
            converted["ConvertedContactId"] = Text(contact["Id"]);
            converted["ConvertedAccountId"] = contact["AccountId"]?.DeepClone();
            converted["ConvertedDate"] = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            converted["Status"] = "Closed - Converted";
            Touch(converted, now);
            leads.Set(Text(lead["Id"])!, converted);
        }
    }

    // ----- SOQL ----------------------------------------------------------------------------------------------------

    /// <summary>Runs a query; its rows are rendered when read (<see cref="Render(SoqlResult, int, int)"/>).</summary>
    /// <exception cref="SoqlException">Salesforce would refuse the query.</exception>
    public SoqlResult Query(string soql, string version)
    {
        lock (_gate)
        {
            return new SoqlRunner(this, version).Run(SoqlParser.Parse(soql));
        }
    }

    /// <summary>Renders a batch of a query's rows, under the lock the writes take.</summary>
    public JsonArray Render(SoqlResult result, int start, int end)
    {
        lock (_gate)
        {
            return result.Render(start, end);
        }
    }

    /// <summary>Keeps a query's rows under a new locator, for <c>nextRecordsUrl</c>.</summary>
    public string OpenCursor(SoqlResult rows, int batchSize)
    {
        lock (_gate)
        {
            string locator = "01g5E" + (++_sequence).ToString("D10", CultureInfo.InvariantCulture) + "AAA";
            _cursors[locator] = new QueryCursor(rows, batchSize);
            return locator;
        }
    }

    public (SoqlResult Rows, int BatchSize)? Cursor(string locator)
    {
        lock (_gate)
        {
            return _cursors.TryGetValue(locator, out QueryCursor? cursor) ? (cursor.Rows, cursor.BatchSize) : null;
        }
    }

    /// <summary>Runs writes as one transaction: when <paramref name="body"/> returns <see langword="false"/>, every record
    /// is put back as it was (an allOrNone request with a failure).</summary>
    public T Transaction<T>(Func<T> body, Func<T, bool> commit)
    {
        lock (_gate)
        {
            if (_undo is not null)
            {
                // Already in a transaction: the outer one decides.
                return body();
            }

            // Each write logs how to undo it, so a transaction costs what it writes, not a copy of the org.
            _undo = [];
            T result;
            try
            {
                result = body();
            }
            catch
            {
                RollBack();
                throw;
            }

            if (commit(result))
            {
                _undo = null;
            }
            else
            {
                RollBack();
            }

            return result;
        }
    }

    private void RollBack()
    {
        List<Action> undo = _undo!;
        _undo = null;
        for (int i = undo.Count - 1; i >= 0; i--)
        {
            undo[i]();
        }
    }

    // ----- internals (under the lock) ------------------------------------------------------------------------------

    internal IEnumerable<JsonObject> LiveRecords(EmulatorSObject obj) => _live[obj.Name].Items;

    internal JsonObject? FindLive(string type, string? id) =>
        id is not null && EmulatorSalesforceIds.IsWellFormed(id) && _live.TryGetValue(type, out EmulatorStore<JsonObject>? store)
        && store.TryGet(EmulatorSalesforceIds.To18(id), out JsonObject? record) ? record : null;

    internal EmulatorSObject RequireObject(string type) =>
        Object(type) ?? throw new ArgumentException($"The emulator has no sObject '{type}'; it knows {string.Join(", ", _objects.Keys)}.", nameof(type));

    /// <summary>The records of a type whose field's value equals one of <paramref name="values"/> as SOQL compares it
    /// (ignoring case; an id field by its 15-character key), in creation order: the candidates of a query or look-up, which
    /// the caller still filters. <see langword="null"/> when the field cannot be indexed (numbers, dates, booleans).</summary>
    internal IReadOnlyList<JsonObject>? Equal(EmulatorSObject obj, EmulatorSField field, IReadOnlyList<string> values)
    {
        if (field.IsIdLike)
        {
            return IdIndex(obj, field.Name).GetAll(values.Select(EmulatorSalesforceIds.Key));
        }

        return field.Type is "boolean" or "date" or "datetime" || field.IsNumber ? null : TextIndex(obj, field.Name).GetAll(values);
    }

    /// <summary>The index of a field's value as text (a non-text JSON value as its JSON), ignoring case.</summary>
    private EmulatorStoreIndex<JsonObject> TextIndex(EmulatorSObject obj, string fieldName) =>
        Index(obj, fieldName, byId: false, record => record[fieldName] switch
        {
            null => null,
            JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
            JsonNode other => other.GetValueKind() == JsonValueKind.Null ? null : other.ToJsonString(),
        });

    /// <summary>The index of an id field's 15-character key.</summary>
    private EmulatorStoreIndex<JsonObject> IdIndex(EmulatorSObject obj, string fieldName) =>
        Index(obj, fieldName, byId: true, record => Text(record[fieldName]) is { } id ? EmulatorSalesforceIds.Key(id) : null);

    private EmulatorStoreIndex<JsonObject> Index(EmulatorSObject obj, string fieldName, bool byId, Func<JsonObject, string?> keyOf)
    {
        if (!_indexes.TryGetValue((obj.Name, fieldName, byId), out EmulatorStoreIndex<JsonObject>? index))
        {
            index = _live[obj.Name].AddIndex(keyOf, byId ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase);
            _indexes.Add((obj.Name, fieldName, byId), index);
        }

        return index;
    }

    /// <summary>The campaign members whose reference field (<c>CampaignId</c>, <c>ContactId</c>, <c>LeadId</c>) has the
    /// id's key, in creation order.</summary>
    private IReadOnlyList<JsonObject> MembersBy(string field, string id) =>
        IdIndex(_objects["CampaignMember"], field).GetAll(EmulatorSalesforceIds.Key(id));

    /// <summary>A field's value, including the computed ones (campaign roll-ups, names).</summary>
    internal JsonNode? Value(EmulatorSObject obj, JsonObject record, EmulatorSField field)
    {
        if (obj.Name == "Campaign")
        {
            string id = Text(record["Id"])!;
            switch (field.Name)
            {
                case "NumberOfContacts":
                    return Members(id).Count(m => m["ContactId"] is not null);
                case "NumberOfLeads":
                    return Members(id).Count(m => m["LeadId"] is not null);
                case "NumberOfResponses":
                    return Members(id).Count(m => m["HasResponded"]?.GetValue<bool>() == true);
                case "NumberOfConvertedLeads":
                    return Members(id).Count(m => FindLive("Lead", Text(m["LeadId"]))?["IsConverted"]?.GetValue<bool>() == true);
            }
        }

        return record[field.Name]?.DeepClone();
    }

    internal JsonObject Render(string version, EmulatorSObject obj, JsonObject record, IReadOnlyList<string> fields)
    {
        var rendered = new JsonObject { ["attributes"] = Attributes(version, obj.Name, Text(record["Id"])) };
        foreach (string name in fields)
        {
            EmulatorSField field = obj.Find(name)!;
            rendered[field.Name] = Value(obj, record, field);
        }

        return rendered;
    }

    internal static JsonObject Attributes(string version, string type, string? id) => id is null
        ? new JsonObject { ["type"] = type }
        : new JsonObject { ["type"] = type, ["url"] = $"/services/data/{version}/sobjects/{type}/{id}" };

    internal static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    internal static bool SameId(string? left, string? right) =>
        left is not null && right is not null && string.Equals(EmulatorSalesforceIds.Key(left), EmulatorSalesforceIds.Key(right), StringComparison.Ordinal);

    private IEnumerable<JsonObject> Members(string campaignId) =>
        MembersBy("CampaignId", campaignId).Where(m => SameId(Text(m["CampaignId"]), campaignId));

    private (string? Id, EmulatorApiError? Error) CreateLocked(EmulatorSObject obj, JsonObject input)
    {
        var record = new JsonObject();
        foreach (EmulatorSField field in obj.Fields)
        {
            if (field.Default is { } value)
            {
                record[field.Name] = value.DeepClone();
            }
        }

        if (obj.Find("OwnerId") is not null)
        {
            record["OwnerId"] = UserId;
        }

        if (Apply(obj, record, input, create: true) is { } error)
        {
            return (null, error);
        }

        if (Check(obj, record, existingId: null) is { } invalid)
        {
            return (null, invalid);
        }

        DateTimeOffset now = _now();
        string id = EmulatorSalesforceIds.Create(obj.KeyPrefix, ++_sequence);
        string stamp = Stamp(now);
        var stored = new JsonObject { ["Id"] = id, ["IsDeleted"] = false, ["CreatedDate"] = stamp, ["CreatedById"] = UserId };
        foreach (var (name, value) in record)
        {
            stored[name] = value?.DeepClone();
        }

        Compute(obj, stored, null, now);
        Touch(stored, now);
        EmulatorStore<JsonObject> store = _live[obj.Name];
        store.TryAdd(id, stored);
        _undo?.Add(() => store.TryRemove(id, out _));
        return (id, null);
    }

    private EmulatorApiError? UpdateLocked(EmulatorSObject obj, string id, JsonObject input, bool collection)
    {
        if (!EmulatorSalesforceIds.IsWellFormed(id))
        {
            return collection ? EmulatorApiError.Bad("MALFORMED_ID", $"malformed id {id}") : EmulatorApiError.NotFound();
        }

        string full = EmulatorSalesforceIds.To18(id);
        if (!_live[obj.Name].TryGet(full, out JsonObject? existing))
        {
            return _recycleBin.ContainsKey(full)
                ? new EmulatorApiError(404, "ENTITY_IS_DELETED", "entity is deleted", [])
                : collection ? new EmulatorApiError(404, "INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id", []) : EmulatorApiError.NotFound();
        }

        if (obj.Name == "Lead" && existing["IsConverted"]?.GetValue<bool>() == true)
        {
            return EmulatorApiError.Bad("CANNOT_UPDATE_CONVERTED_LEAD", "cannot reference converted lead");
        }

        var candidate = (JsonObject)existing.DeepClone();
        JsonObject? previous = (JsonObject)existing.DeepClone();
        if (Apply(obj, candidate, input, create: false) is { } error)
        {
            return error;
        }

        if (Check(obj, candidate, full) is { } invalid)
        {
            return invalid;
        }

        DateTimeOffset now = _now();
        Compute(obj, candidate, previous, now);
        Touch(candidate, now);
        EmulatorStore<JsonObject> store = _live[obj.Name];
        store.Set(full, candidate);
        _undo?.Add(() => store.Set(full, existing));
        return null;
    }

    private EmulatorApiError? DeleteLocked(EmulatorSObject obj, string id)
    {
        if (!EmulatorSalesforceIds.IsWellFormed(id))
        {
            return EmulatorApiError.NotFound();
        }

        string full = EmulatorSalesforceIds.To18(id);
        EmulatorStore<JsonObject> store = _live[obj.Name];
        if (!store.TryRemove(full, out JsonObject? removed, out long sequence))
        {
            return _recycleBin.ContainsKey(full) ? new EmulatorApiError(404, "ENTITY_IS_DELETED", "entity is deleted", []) : EmulatorApiError.NotFound();
        }

        if (_undo is not null)
        {
            // Put back as it was, in its place: the live record is the one removed, before it is marked deleted.
            var live = (JsonObject)removed.DeepClone();
            JsonObject? binned = _recycleBin.GetValueOrDefault(full);
            _undo.Add(() =>
            {
                store.TryRestore(full, sequence, live);
                if (binned is null)
                {
                    _recycleBin.Remove(full);
                }
                else
                {
                    _recycleBin[full] = binned;
                }
            });
        }

        removed["IsDeleted"] = true;
        _recycleBin[full] = removed;

        // Salesforce cascades: an Account takes its Contacts, and Contacts and Leads take their campaign memberships.
        if (obj.Name == "Account")
        {
            foreach (JsonObject contact in IdIndex(_objects["Contact"], "AccountId").GetAll(EmulatorSalesforceIds.Key(full)).Where(c => SameId(Text(c["AccountId"]), full)).ToList())
            {
                DeleteLocked(_objects["Contact"], Text(contact["Id"])!);
            }
        }
        else if (obj.Name is "Contact" or "Lead")
        {
            string reference = obj.Name + "Id";
            foreach (JsonObject member in MembersBy(reference, full).Where(m => SameId(Text(m[reference]), full)).ToList())
            {
                DeleteLocked(_objects["CampaignMember"], Text(member["Id"])!);
            }
        }
        else if (obj.Name == "Campaign")
        {
            foreach (JsonObject member in Members(full).ToList())
            {
                DeleteLocked(_objects["CampaignMember"], Text(member["Id"])!);
            }
        }

        return null;
    }

    /// <summary>Copies the input's fields onto a candidate record, refusing what Salesforce refuses field by field.</summary>
    private EmulatorApiError? Apply(EmulatorSObject obj, JsonObject record, JsonObject input, bool create)
    {
        var readOnly = new List<string>();
        foreach (var (name, value) in input)
        {
            if (name == "attributes")
            {
                continue;
            }

            if (value is JsonObject or JsonArray)
            {
                return EmulatorApiError.Bad("JSON_PARSER_ERROR", $"Cannot deserialize instance of {obj.Find(name)?.Type ?? "string"} from {(value is JsonObject ? "START_OBJECT" : "START_ARRAY")} value for field {name}", name);
            }

            EmulatorSField field = obj.Find(name) ?? obj.AddCustom(name, value);
            if (!(create ? field.Createable : field.Updateable))
            {
                readOnly.Add(field.Name);
                continue;
            }

            if (value is not null && Invalid(field, value) is { } error)
            {
                return error;
            }

            record[field.Name] = value?.DeepClone();
        }

        return readOnly.Count == 0
            ? null
            : EmulatorApiError.Bad(
                "INVALID_FIELD_FOR_INSERT_UPDATE",
                $"Unable to {(create ? "create" : "create/update")} fields: {string.Join(", ", readOnly)}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.",
                [.. readOnly]);
    }

    private EmulatorApiError? Invalid(EmulatorSField field, JsonNode value)
    {
        JsonValueKind kind = value.GetValueKind();
        if (field.Type == "boolean")
        {
            return kind is JsonValueKind.True or JsonValueKind.False ? null
                : EmulatorApiError.Bad("JSON_PARSER_ERROR", $"Cannot deserialize instance of boolean from VALUE_{kind.ToString().ToUpperInvariant()} value {value.ToJsonString()} for field {field.Name}", field.Name);
        }

        if (field.IsNumber)
        {
            return kind == JsonValueKind.Number || (kind == JsonValueKind.String && decimal.TryParse(Text(value), NumberStyles.Float, CultureInfo.InvariantCulture, out _)) ? null
                : EmulatorApiError.Bad("JSON_PARSER_ERROR", $"Cannot deserialize instance of {field.Type} from value {value.ToJsonString()} for field {field.Name}", field.Name);
        }

        if (kind != JsonValueKind.String)
        {
            return field.Custom || field.Type is "string" or "textarea" ? null
                : EmulatorApiError.Bad("JSON_PARSER_ERROR", $"Cannot deserialize instance of {field.Type} from value {value.ToJsonString()} for field {field.Name}", field.Name);
        }

        string text = Text(value)!;
        if (field.Length is int max && field.IsText && text.Length > max)
        {
            return EmulatorApiError.Bad("STRING_TOO_LONG", $"{field.Label}: data value too large: {text} (max length={max})", field.Name);
        }

        if (field.Type == "email" && text.Length > 0 && !EmailPattern().IsMatch(text))
        {
            return EmulatorApiError.Bad("INVALID_EMAIL_ADDRESS", $"{field.Label}: invalid email address: {text}", field.Name);
        }

        if (field.IsIdLike && text.Length > 0)
        {
            if (!EmulatorSalesforceIds.IsWellFormed(text))
            {
                return EmulatorApiError.Bad("MALFORMED_ID", $"{field.Label}: id value of incorrect type: {text}", field.Name);
            }

            if (field.ReferenceTo is { } target && target != "User" && FindLive(target, text) is null)
            {
                return EmulatorApiError.Bad("INVALID_CROSS_REFERENCE_KEY", $"{field.Label}: invalid cross reference id", field.Name);
            }
        }

        if ((field.Type == "date" && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            || (field.Type == "datetime" && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)))
        {
            return EmulatorApiError.Bad("INVALID_TYPE_ON_FIELD_IN_RECORD", $"{field.Label}: value not of required type: {text}", field.Name);
        }

        return null;
    }

    /// <summary>The checks on the whole record: required fields, membership rules, validation rules.</summary>
    private EmulatorApiError? Check(EmulatorSObject obj, JsonObject record, string? existingId)
    {
        var missing = obj.Fields.Where(f => f.Required && (record[f.Name] is null || Text(record[f.Name]) is "")).Select(static f => f.Name).ToList();
        if (missing.Count > 0)
        {
            return EmulatorApiError.Bad("REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", [.. missing]);
        }

        if (obj.Name == "CampaignMember")
        {
            string? contact = Text(record["ContactId"]);
            string? lead = Text(record["LeadId"]);
            if (contact is null && lead is null)
            {
                return EmulatorApiError.Bad("REQUIRED_FIELD_MISSING", "Required fields are missing: [ContactId, LeadId]", "ContactId", "LeadId");
            }

            string campaign = Text(record["CampaignId"])!;
            IEnumerable<JsonObject> sameContactOrLead = (contact is null ? [] : MembersBy("ContactId", contact)).Concat(lead is null ? [] : MembersBy("LeadId", lead));
            bool duplicate = sameContactOrLead.Any(m =>
                SameId(Text(m["CampaignId"]), campaign)
                && !SameId(Text(m["Id"]), existingId)
                && ((contact is not null && SameId(Text(m["ContactId"]), contact)) || (lead is not null && SameId(Text(m["LeadId"]), lead))));
            if (duplicate)
            {
                return EmulatorApiError.Bad("DUPLICATE_VALUE", "Already a campaign member.");
            }
        }

        foreach (EmulatorValidationRule rule in _rules)
        {
            if (string.Equals(rule.Type, obj.Name, StringComparison.OrdinalIgnoreCase) && !rule.IsValid(record[rule.Field]))
            {
                return EmulatorApiError.Bad("FIELD_CUSTOM_VALIDATION_EXCEPTION", rule.Message, rule.Field);
            }
        }

        return null;
    }

    /// <summary>Computed fields: names, and a member's response.</summary>
    private void Compute(EmulatorSObject obj, JsonObject record, JsonObject? previous, DateTimeOffset now)
    {
        if (obj.Name is "Contact" or "Lead")
        {
            string name = string.Join(' ', new[] { Text(record["FirstName"]), Text(record["LastName"]) }.Where(static s => !string.IsNullOrEmpty(s)));
            record["Name"] = name;
        }
        else if (obj.Name == "CampaignMember")
        {
            bool responded = Text(record["Status"]) is { } status && _respondedStatuses.Contains(status);
            record["HasResponded"] = responded;
            if (responded && previous?["HasResponded"]?.GetValue<bool>() != true && record["FirstRespondedDate"] is null)
            {
                record["FirstRespondedDate"] = now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }
        }
    }

    private static void Touch(JsonObject record, DateTimeOffset now)
    {
        string stamp = Stamp(now);
        record["LastModifiedDate"] = stamp;
        record["LastModifiedById"] = UserId;
        record["SystemModstamp"] = stamp;
    }

    /// <summary>Salesforce's datetime format: <c>2025-03-01T12:30:00.000+0000</c>.</summary>
    internal static string Stamp(DateTimeOffset moment) =>
        moment.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);

    private sealed record QueryCursor(SoqlResult Rows, int BatchSize);
}
