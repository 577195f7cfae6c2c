using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Martech.Sdk.Testing;

// Single-object routes: list, get, create, update, archive, search; and how objects are stored, validated and written.
public sealed partial class HubSpotEmulator
{
    private IResult List(ObjectType type, HttpContext http)
    {
        IQueryCollection query = http.Request.Query;
        int limit = 10;
        if (query["limit"] is { Count: > 0 } rawLimit
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxPageSize))
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"limit must be between 1 and {MaxPageSize} (was '{rawLimit}').");
        }

        string? cursor = null;
        if (query["after"] is { Count: > 0 } rawAfter && !TryDecodeListCursor(rawAfter.ToString(), out cursor))
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"The paging cursor '{rawAfter}' is not valid.");
        }

        if (!type.Store.TryGetPage(cursor, limit, out EmulatorPage<HubSpotEmulatorObject>? page))
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "The paging cursor is not valid.");
        }

        IReadOnlyList<string> properties = RequestedProperties(query, type);
        bool withContacts = RequestedAssociations(query).Contains("contacts");
        var results = new JsonArray();
        foreach (HubSpotEmulatorObject item in page.Items)
        {
            results.Add(ToJson(type, item, properties, withContacts));
        }

        var body = new JsonObject { ["results"] = results };
        if (page.NextCursor is { } next)
        {
            string after = Uri.EscapeDataString(Convert.ToBase64String(Encoding.UTF8.GetBytes(next)));
            body["paging"] = new JsonObject
            {
                ["next"] = new JsonObject
                {
                    ["after"] = after,
                    ["link"] = $"{BaseAddress}{ObjectsPath.TrimStart('/')}/{type.Name}?after={after}",
                },
            };
        }

        return EmulatorJson.Result(body);
    }

    private static IResult Get(ObjectType type, HttpContext http, string id)
    {
        HubSpotEmulatorObject? item = Find(type, id, http.Request.Query["idProperty"]);
        return item is null
            ? NotFound(type, id)
            : EmulatorJson.Result(ToJson(type, item, RequestedProperties(http.Request.Query, type), RequestedAssociations(http.Request.Query).Contains("contacts")));
    }

    private async Task<IResult> CreateAsync(ObjectType type, HttpContext http)
    {
        JsonNode? body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is not JsonObject || !TryReadProperties(body["properties"], out Dictionary<string, string>? properties))
        {
            return InvalidJson();
        }

        if (Validate(type, properties, creating: true) is { } invalid)
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", invalid.Message);
        }

        List<string> associated = [];
        if (type == _leads)
        {
            if (ReadLeadAssociations(body["associations"], associated) is { } associationError)
            {
                return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", associationError);
            }
        }

        lock (_writeGate)
        {
            if (type.UniqueProperty is { } unique && properties.TryGetValue(unique, out string? value) && FindByUnique(type, value) is { } existing)
            {
                return Error(StatusCodes.Status409Conflict, "CONFLICT", $"Contact already exists. Existing ID: {existing.Id}");
            }

            return EmulatorJson.Result(ToJson(type, Create(type, properties, associated), null, withContacts: false), StatusCodes.Status201Created);
        }
    }

    private async Task<IResult> UpdateAsync(ObjectType type, HttpContext http, string id)
    {
        JsonNode? body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is not JsonObject || !TryReadProperties(body["properties"], out Dictionary<string, string>? properties))
        {
            return InvalidJson();
        }

        if (Validate(type, properties, creating: false) is { } invalid)
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", invalid.Message);
        }

        lock (_writeGate)
        {
            HubSpotEmulatorObject? item = Find(type, id, http.Request.Query["idProperty"]);
            if (item is null)
            {
                return NotFound(type, id);
            }

            if (Conflict(type, item, properties) is { } conflict)
            {
                return conflict;
            }

            return EmulatorJson.Result(ToJson(type, Update(type, item, properties), null, withContacts: false));
        }
    }

    private IResult Archive(ObjectType type, HttpContext http, string id)
    {
        lock (_writeGate)
        {
            if (Find(type, id, http.Request.Query["idProperty"]) is { } item)
            {
                type.Store.TryRemove(item.Id, out _);
            }
        }

        return Results.NoContent();
    }

    private async Task<IResult> SearchAsync(ObjectType type, HttpContext http)
    {
        JsonNode? body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body is not JsonObject)
        {
            return InvalidJson();
        }

        if (!HubSpotEmulatorSearch.TryParse(body["filterGroups"], out List<List<HubSpotEmulatorSearch.Filter>> groups, out string? filterError))
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", filterError!);
        }

        int limit = body["limit"] is JsonValue limitValue && limitValue.TryGetValue(out int requested) ? requested : 10;
        if (limit < 1 || limit > MaxSearchPageSize)
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"limit must be between 1 and {MaxSearchPageSize} (was {limit}).");
        }

        string? after = body["after"]?.ToString();
        string? cursor = string.IsNullOrEmpty(after) ? null : after;
        bool Matches(HubSpotEmulatorObject item) => HubSpotEmulatorSearch.Matches(item, groups);

        // Filtering by email goes through the index; the filters still decide.
        EmulatorPage<HubSpotEmulatorObject>? page;
        bool valid;
        if (type.UniqueIndex is { } index && type.UniqueProperty is { } unique && HubSpotEmulatorSearch.IndexKeys(groups, unique) is { } keys)
        {
            valid = index.TryGetPage(keys, cursor, limit, out page, Matches);
        }
        else
        {
            valid = type.Store.TryGetPage(cursor, limit, out page, Matches);
        }

        if (!valid || page is null)
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"The paging cursor '{after}' is not valid.");
        }

        var properties = new List<string>();
        if (body["properties"] is JsonArray requested2)
        {
            foreach (JsonNode? name in requested2)
            {
                properties.Add(name?.ToString() ?? string.Empty);
            }
        }

        var results = new JsonArray();
        foreach (HubSpotEmulatorObject item in page.Items)
        {
            results.Add(ToJson(type, item, properties.Count > 0 ? properties : type.DefaultProperties, withContacts: false));
        }

        var response = new JsonObject { ["total"] = page.Total, ["results"] = results };
        if (page.NextCursor is { } next)
        {
            response["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = next } };
        }

        return EmulatorJson.Result(response);
    }

    private static bool TryDecodeListCursor(string raw, out string? cursor)
    {
        cursor = null;
        try
        {
            cursor = Encoding.UTF8.GetString(Convert.FromBase64String(raw));
            return cursor.Length > 0 && cursor.All(char.IsAsciiDigit);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static IReadOnlyList<string> RequestedProperties(IQueryCollection query, ObjectType type)
    {
        if (query["properties"] is not { Count: > 0 } values)
        {
            return type.DefaultProperties;
        }

        var names = new List<string>();
        foreach (string? value in values)
        {
            foreach (string name in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static HashSet<string> RequestedAssociations(IQueryCollection query)
    {
        var types = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (string? value in query["associations"])
        {
            foreach (string name in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                types.Add(name);
            }
        }

        return types;
    }

    private static IResult NotFound(ObjectType type, string id) =>
        Error(StatusCodes.Status404NotFound, "OBJECT_NOT_FOUND", $"resource not found: no {type.Singular.ToLowerInvariant()} with id {id}");

    private static HubSpotEmulatorObject? Find(ObjectType type, string id, string? idProperty)
    {
        if (!string.IsNullOrEmpty(idProperty) && !string.Equals(idProperty, "hs_object_id", StringComparison.OrdinalIgnoreCase))
        {
            return string.Equals(idProperty, type.UniqueProperty, StringComparison.OrdinalIgnoreCase) ? FindByUnique(type, id) : null;
        }

        return type.Store.TryGet(id, out HubSpotEmulatorObject? item) ? item : null;
    }

    // HubSpot compares email addresses ignoring case: so does the index (see ObjectType).
    private static HubSpotEmulatorObject? FindByUnique(ObjectType type, string value) =>
        type.UniqueIndex!.TryGetFirst(value, out HubSpotEmulatorObject? item) ? item : null;

    /// <summary>A 409 when an update would give a contact another contact's email.</summary>
    private static IResult? Conflict(ObjectType type, HubSpotEmulatorObject item, Dictionary<string, string> properties)
    {
        if (type.UniqueProperty is { } unique && properties.TryGetValue(unique, out string? value) && value.Length > 0
            && FindByUnique(type, value) is { } holder && holder.Id != item.Id)
        {
            return Error(StatusCodes.Status409Conflict, "CONFLICT", $"A contact with the email '{value}' already exists. Existing ID: {holder.Id}");
        }

        return null;
    }

    /// <summary>Reads a <c>properties</c> object; values are strings (numbers and booleans are taken as their text,
    /// null as the empty string, which clears a property).</summary>
    private static bool TryReadProperties(JsonNode? node, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Dictionary<string, string>? properties)
    {
        properties = null;
        if (node is not JsonObject json)
        {
            return false;
        }

        properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in json)
        {
            if (value is JsonObject or JsonArray)
            {
                return false;
            }

            properties[name] = value?.ToString() ?? string.Empty;
        }

        return true;
    }

    /// <summary>Checks properties as HubSpot does: read-only properties, lifecycle stage options, email format, and a
    /// lead's name.</summary>
    private PropertyProblem? Validate(ObjectType type, Dictionary<string, string> properties, bool creating)
    {
        var problems = new List<(string Name, string Code, string Message)>();
        foreach (var (name, value) in properties)
        {
            if (ReadOnlyProperties.Contains(name))
            {
                problems.Add((name, "READ_ONLY_VALUE", $"\"{name}\" is a read only property; its value cannot be set."));
            }
            else if (type == _contacts && string.Equals(name, "lifecyclestage", StringComparison.OrdinalIgnoreCase) && value.Length > 0 && !LifecycleStages.Contains(value))
            {
                problems.Add((name, "INVALID_OPTION", $"{value} was not one of the allowed options: [{string.Join(", ", LifecycleStages)}]"));
            }
            else if (type == _contacts && string.Equals(name, "email", StringComparison.OrdinalIgnoreCase) && value.Length > 0 && !LooksLikeEmail(value))
            {
                problems.Add((name, "INVALID_EMAIL", $"Email address {value} is invalid"));
            }
        }

        if (type == _leads && creating && (!properties.TryGetValue("hs_lead_name", out string? leadName) || string.IsNullOrWhiteSpace(leadName)))
        {
            problems.Add(("hs_lead_name", "REQUIRED_PROPERTY", "hs_lead_name is required to create a lead."));
        }

        if (problems.Count == 0)
        {
            return null;
        }

        var list = new JsonArray();
        foreach (var (name, code, message) in problems)
        {
            list.Add(new JsonObject { ["isValid"] = false, ["message"] = message, ["error"] = code, ["name"] = name });
        }

        return new PropertyProblem($"Property values were not valid: {list.ToJsonString()}", problems);
    }

    private static bool LooksLikeEmail(string value)
    {
        int at = value.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1 && !value.Any(char.IsWhiteSpace);
    }

    private string? ReadLeadAssociations(JsonNode? node, List<string> associated)
    {
        if (node is JsonArray associations)
        {
            foreach (JsonNode? association in associations)
            {
                string? to = association?["to"]?["id"]?.ToString();
                bool typed = association?["types"] is JsonArray types && types.Any(t =>
                    t?["associationTypeId"] is JsonValue id && id.TryGetValue(out int typeId) && typeId == LeadContactAssociationTypeId
                    && string.Equals(t["associationCategory"]?.ToString(), "HUBSPOT_DEFINED", StringComparison.Ordinal));
                if (to is null || !typed)
                {
                    return $"Each association needs to.id and a type; a lead's contact association is HUBSPOT_DEFINED {LeadContactAssociationTypeId}.";
                }

                if (!Contacts.TryGet(to, out _))
                {
                    return $"The association target contact {to} does not exist.";
                }

                associated.Add(to);
            }
        }

        return associated.Count == 0 ? "A lead must be associated with an existing contact (associations is empty)." : null;
    }

    /// <summary>Stores a new object; the caller holds the write lock.</summary>
    private HubSpotEmulatorObject Create(ObjectType type, IReadOnlyDictionary<string, string> properties, List<string> associated)
    {
        DateTimeOffset now = TimeProvider.GetUtcNow();
        string id = type.NextId();
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in properties)
        {
            if (value.Length > 0)
            {
                stored[name] = Normalize(type, name, value);
            }
        }

        stored["hs_object_id"] = id;
        stored[type.CreatedProperty] = Format(now);
        stored[type.ModifiedProperty] = Format(now);
        var item = new HubSpotEmulatorObject(id, stored, now, now) { AssociatedContactIds = [.. associated] };
        type.Store.TryAdd(id, item);
        return item;
    }

    /// <summary>Applies properties to a stored object (the empty string clears one); the caller holds the write lock.</summary>
    private HubSpotEmulatorObject Update(ObjectType type, HubSpotEmulatorObject item, IReadOnlyDictionary<string, string> properties)
    {
        DateTimeOffset now = TimeProvider.GetUtcNow();
        var stored = new Dictionary<string, string>(item.Properties, StringComparer.Ordinal);
        foreach (var (name, value) in properties)
        {
            if (value.Length == 0)
            {
                stored.Remove(name);
            }
            else
            {
                stored[name] = Normalize(type, name, value);
            }
        }

        stored[type.ModifiedProperty] = Format(now);
        HubSpotEmulatorObject updated = item with { Properties = stored, UpdatedAt = now };
        type.Store.Set(item.Id, updated);
        return updated;
    }

    // HubSpot stores email addresses in lower case.
    private static string Normalize(ObjectType type, string name, string value) =>
        type.UniqueProperty is { } unique && string.Equals(name, unique, StringComparison.OrdinalIgnoreCase) ? value.Trim().ToLowerInvariant() : value;

    private static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Writes an object: the requested properties (null when it has no value; every stored one when
    /// <paramref name="properties"/> is null, as write answers do), plus its id and dates.</summary>
    private static JsonObject ToJson(ObjectType type, HubSpotEmulatorObject item, IReadOnlyList<string>? properties, bool withContacts, bool? isNew = null)
    {
        var values = new JsonObject();
        if (properties is null)
        {
            foreach (var (name, value) in item.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                values[name] = value;
            }
        }
        else
        {
            foreach (string name in properties)
            {
                values[name] = item[name];
            }

            foreach (string always in (ReadOnlySpan<string>)["hs_object_id", type.CreatedProperty, type.ModifiedProperty])
            {
                values[always] = item[always];
            }
        }

        var json = new JsonObject
        {
            ["id"] = item.Id,
            ["properties"] = values,
            ["createdAt"] = Format(item.CreatedAt),
            ["updatedAt"] = Format(item.UpdatedAt),
            ["archived"] = false,
        };
        if (isNew is { } created)
        {
            json["new"] = created;
        }

        if (withContacts && item.AssociatedContactIds.Count > 0)
        {
            var results = new JsonArray();
            foreach (string contactId in item.AssociatedContactIds)
            {
                results.Add(new JsonObject { ["id"] = contactId, ["type"] = "lead_to_contact" });
            }

            json["associations"] = new JsonObject { ["contacts"] = new JsonObject { ["results"] = results } };
        }

        return json;
    }

    /// <summary>Why properties were refused: HubSpot's message (with its embedded list) and each property's error.</summary>
    private sealed record PropertyProblem(string Message, List<(string Name, string Code, string Message)> Problems);
}
