using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <content>The v2 persons routes.</content>
public sealed partial class PipedriveEmulator
{
    private static readonly HashSet<string> PersonProperties = new(StringComparer.Ordinal)
    {
        "name", "owner_id", "org_id", "add_time", "update_time", "emails", "phones", "visible_to", "label_ids", "marketing_status", "custom_fields",
    };

    private static readonly HashSet<string> MarketingStatuses = new(StringComparer.Ordinal) { "no_consent", "unsubscribed", "subscribed", "archived" };

    private static string EncodeCursor(string cursor) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes("pd:" + cursor));

    private static string? DecodeCursor(string cursor)
    {
        try
        {
            string text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("pd:", StringComparison.Ordinal) ? text[3..] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool TryParsePersonId(string raw, out long id) =>
        long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static void Name(JsonObject person, string name)
    {
        string trimmed = name.Trim();
        int space = trimmed.IndexOf(' ', StringComparison.Ordinal);
        person["name"] = trimmed;
        person["first_name"] = space < 0 ? trimmed : trimmed[..space];
        person["last_name"] = space < 0 ? null : trimmed[(space + 1)..].Trim();
    }

    private static IResult? CheckDetails(JsonObject body, string property)
    {
        if (!body.TryGetPropertyValue(property, out JsonNode? node))
        {
            return null;
        }

        if (node is not JsonArray list)
        {
            return Error(StatusCodes.Status400BadRequest, $"Validation failed: {property}: must be an array.");
        }

        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject detail
                || detail["value"] is not JsonValue value || value.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetValue<string>())
                || (detail["primary"] is { } primary && primary.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                || (detail["label"] is { } label && label.GetValueKind() != JsonValueKind.String)
                || detail.Any(p => p.Key is not ("value" or "primary" or "label")))
            {
                return Error(StatusCodes.Status400BadRequest, $"Validation failed: {property}[{i}]: must be an object with a string 'value', and optionally 'primary' (boolean) and 'label' (string).");
            }
        }

        return null;
    }

    /// <summary>Adds a person directly, as if created in Pipedrive (the body is not validated), and returns its id: to
    /// seed the emulator quickly, such as with a million persons for a listing benchmark.</summary>
    /// <param name="name">The person's name.</param>
    /// <param name="emails">The person's email addresses, the first one primary.</param>
    /// <returns>The new person's id.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="emails"/> is <see langword="null"/>.</exception>
    public long AddPerson(string name, params IEnumerable<string> emails)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(emails);
        var list = new JsonArray();
        foreach (string email in emails)
        {
            list.Add(new JsonObject { ["value"] = email, ["primary"] = list.Count == 0, ["label"] = "work" });
        }

        var body = new JsonObject { ["emails"] = list };
        lock (_gate)
        {
            string now = V2Time(TimeProvider.GetUtcNow());
            return _persons.Create(id => NewPerson(id, body, name, now))["id"]!.GetValue<long>();
        }
    }

    /// <summary>A new stored person from a create body that has been checked.</summary>
    private static JsonObject NewPerson(string id, JsonObject body, string name, string now)
    {
        var person = new JsonObject
        {
            ["id"] = long.Parse(id, CultureInfo.InvariantCulture),
            ["owner_id"] = IsSafeInteger(body["owner_id"], out long owner) ? owner : OwnerId,
            ["org_id"] = body["org_id"]?.DeepClone(),
            ["add_time"] = now,
            ["update_time"] = now,
            ["emails"] = body["emails"]?.DeepClone() ?? new JsonArray(),
            ["phones"] = body["phones"]?.DeepClone() ?? new JsonArray(),
            ["is_deleted"] = false,
            ["visible_to"] = body["visible_to"]?.DeepClone() ?? 3,
            ["label_ids"] = body["label_ids"]?.DeepClone() ?? new JsonArray(),
            ["picture_id"] = null,
            ["custom_fields"] = new JsonObject(),
        };
        Name(person, name);
        ApplyCustomFields(person, body["custom_fields"] as JsonObject);

        // Pipedrive sets no_consent for a person with an email address and no status given.
        string? status = body["marketing_status"]?.GetValue<string>() ?? (((JsonArray)person["emails"]!).Count > 0 ? "no_consent" : null);
        if (status is not null)
        {
            person["marketing_status"] = status;
        }

        return person;
    }

    private void MapPersonRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v2/persons", (HttpContext context) => Guard(context) ?? ListPersons(context.Request));
        routes.MapPost("/api/v2/persons", (HttpContext context) => Guard(context) ?? CreatePerson(context.Request));
        routes.MapGet("/api/v2/persons/search", (HttpContext context) => Guard(context) ?? SearchPersons(context.Request));
        routes.MapGet("/api/v2/persons/{id}", (HttpContext context, string id) => Guard(context) ?? GetPerson(context.Request, id));
        routes.MapMethods("/api/v2/persons/{id}", ["PATCH"], (HttpContext context, string id) => Guard(context) ?? UpdatePerson(context.Request, id));
        routes.MapDelete("/api/v2/persons/{id}", (HttpContext context, string id) => Guard(context) ?? DeletePerson(id));
    }

    private IResult ListPersons(HttpRequest request)
    {
        if (!TryReadLimit(request, out int limit, out IResult? error))
        {
            return error!;
        }

        string? storeCursor = null;
        if (request.Query["cursor"].FirstOrDefault() is { Length: > 0 } cursor && (storeCursor = DecodeCursor(cursor)) is null)
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: cursor: invalid cursor.");
        }

        HashSet<long>? ids = null;
        if (request.Query["ids"].FirstOrDefault() is { Length: > 0 } rawIds)
        {
            ids = [];
            foreach (string part in rawIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!TryParsePersonId(part, out long id))
                {
                    return Error(StatusCodes.Status400BadRequest, $"Validation failed: ids: '{part}' is not an id.");
                }

                ids.Add(id);
            }

            if (ids.Count > MaxIds)
            {
                return Error(StatusCodes.Status400BadRequest, $"Validation failed: ids: at most {MaxIds} ids are allowed.");
            }
        }

        DateTimeOffset? since = null;
        if (request.Query["updated_since"].FirstOrDefault() is { Length: > 0 } rawSince)
        {
            if (!DateTimeOffset.TryParse(rawSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                return Error(StatusCodes.Status400BadRequest, "Validation failed: updated_since: must be an RFC 3339 date-time.");
            }

            since = parsed;
        }

        bool marketing = IncludesMarketingStatus(request);
        lock (_gate)
        {
            // Without ids or updated_since, no filter: the page is found by its cursor, not by visiting every person.
            Func<JsonObject, bool>? filter = ids is null && since is null
                ? null
                : p => (ids is null || ids.Contains(p["id"]!.GetValue<long>()))
                    && (since is null || DateTimeOffset.Parse(p["update_time"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= since);
            if (!_persons.TryGetPage(storeCursor, limit, out EmulatorPage<JsonObject>? page, filter))
            {
                return Error(StatusCodes.Status400BadRequest, "Validation failed: cursor: invalid cursor.");
            }

            var data = new JsonArray();
            foreach (JsonObject person in page.Items)
            {
                data.Add(RenderPerson(person, marketing));
            }

            return Success(data, new JsonObject { ["next_cursor"] = page.NextCursor is null ? null : EncodeCursor(page.NextCursor) });
        }
    }

    private IResult GetPerson(HttpRequest request, string rawId)
    {
        if (!TryParsePersonId(rawId, out long id))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: id: must be a positive integer.");
        }

        lock (_gate)
        {
            return _persons.TryGet(id.ToString(CultureInfo.InvariantCulture), out JsonObject? person)
                ? Success(RenderPerson(person, IncludesMarketingStatus(request)))
                : Error(StatusCodes.Status404NotFound, "Person not found");
        }
    }

    private IResult CreatePerson(HttpRequest request)
    {
        var (body, error) = ReadObject(request);
        if (body is null)
        {
            return error!;
        }

        if (body["name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetValue<string>()))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: name: Name must be given.");
        }

        lock (_gate)
        {
            if (CheckPersonBody(body) is { } invalid)
            {
                return invalid;
            }

            string now = V2Time(TimeProvider.GetUtcNow());
            JsonObject created = _persons.Create(id => NewPerson(id, body, name.GetValue<string>(), now));
            return Success(RenderPerson(created, marketing: true), null);
        }
    }

    private IResult UpdatePerson(HttpRequest request, string rawId)
    {
        if (!TryParsePersonId(rawId, out long id))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: id: must be a positive integer.");
        }

        var (body, error) = ReadObject(request);
        if (body is null)
        {
            return error!;
        }

        if (body.TryGetPropertyValue("name", out JsonNode? name)
            && (name is not JsonValue text || text.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(text.GetValue<string>())))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: name: Name must be given.");
        }

        lock (_gate)
        {
            if (CheckPersonBody(body) is { } invalid)
            {
                return invalid;
            }

            if (!_persons.TryUpdate(id.ToString(CultureInfo.InvariantCulture), stored => ApplyPersonUpdate(stored, body), out JsonObject? updated))
            {
                return Error(StatusCodes.Status404NotFound, "Person not found");
            }

            return Success(RenderPerson(updated, marketing: true));
        }
    }

    private IResult DeletePerson(string rawId)
    {
        if (!TryParsePersonId(rawId, out long id))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: id: must be a positive integer.");
        }

        lock (_gate)
        {
            return _persons.TryRemove(id.ToString(CultureInfo.InvariantCulture), out _)
                ? Success(new JsonObject { ["id"] = id })
                : Error(StatusCodes.Status404NotFound, "Person not found");
        }
    }

    private IResult SearchPersons(HttpRequest request)
    {
        string? term = request.Query["term"].FirstOrDefault();
        bool exact = string.Equals(request.Query["exact_match"].FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
        if (term is null || term.Trim().Length < (exact ? 1 : 2))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: term: must be at least 2 characters long (1 with exact_match).");
        }

        string[] fields = request.Query["fields"].FirstOrDefault()?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? ["email", "name", "phone"];
        term = term.Trim();
        // An exact search of the email field alone (how an upsert finds its person) reads the email index.
        bool byEmailIndex = exact && fields.Contains("email") && !fields.Contains("phone") && !fields.Contains("name");
        var items = new JsonArray();
        lock (_gate)
        {
            foreach (JsonObject person in byEmailIndex ? _personsByEmail.GetAll(term) : _persons.Items)
            {
                bool Matches(string? value) =>
                    value is not null && (exact ? string.Equals(value, term, StringComparison.OrdinalIgnoreCase) : value.Contains(term, StringComparison.OrdinalIgnoreCase));
                bool hit = (fields.Contains("email") && ((JsonArray)person["emails"]!).Any(e => Matches(e?["value"]?.GetValue<string>())))
                    || (fields.Contains("phone") && ((JsonArray)person["phones"]!).Any(p => Matches(p?["value"]?.GetValue<string>())))
                    || (fields.Contains("name") && Matches(person["name"]?.GetValue<string>()));
                if (!hit)
                {
                    continue;
                }

                items.Add(new JsonObject
                {
                    ["result_score"] = exact ? 1.0 : 0.5,
                    ["item"] = new JsonObject
                    {
                        ["id"] = person["id"]!.GetValue<long>(),
                        ["type"] = "person",
                        ["name"] = person["name"]?.GetValue<string>(),
                        ["phones"] = new JsonArray([.. ((JsonArray)person["phones"]!).Select(p => (JsonNode?)JsonValue.Create(p?["value"]?.GetValue<string>()))]),
                        ["emails"] = new JsonArray([.. ((JsonArray)person["emails"]!).Select(e => (JsonNode?)JsonValue.Create(e?["value"]?.GetValue<string>()))]),
                        ["visible_to"] = person["visible_to"]?.DeepClone(),
                        ["owner"] = new JsonObject { ["id"] = person["owner_id"]?.DeepClone() },
                        ["organization"] = null,
                        ["custom_fields"] = new JsonArray(),
                        ["notes"] = new JsonArray(),
                    },
                });
            }
        }

        return Success(new JsonObject { ["items"] = items }, new JsonObject { ["next_cursor"] = null });
    }

    private static bool IncludesMarketingStatus(HttpRequest request) =>
        request.Query["include_fields"].FirstOrDefault()?.Split(',').Contains("marketing_status", StringComparer.Ordinal) == true;

    /// <summary>Checks a person body against Pipedrive's schema (under the lock, for the field list).</summary>
    private IResult? CheckPersonBody(JsonObject body)
    {
        foreach (var (property, _) in body)
        {
            if (!PersonProperties.Contains(property))
            {
                return Error(StatusCodes.Status400BadRequest, $"Validation failed: '{property}' is not a property of a person.");
            }
        }

        if (body.TryGetPropertyValue("owner_id", out JsonNode? owner) && !IsSafeInteger(owner, out _))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: owner_id: must be an integer.");
        }

        if ((CheckDetails(body, "emails") ?? CheckDetails(body, "phones")) is { } details)
        {
            return details;
        }

        if (body.TryGetPropertyValue("marketing_status", out JsonNode? status)
            && (status is not JsonValue value || value.GetValueKind() != JsonValueKind.String || !MarketingStatuses.Contains(value.GetValue<string>())))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: marketing_status: must be one of no_consent, unsubscribed, subscribed, archived.");
        }

        if (body.TryGetPropertyValue("custom_fields", out JsonNode? custom))
        {
            if (custom is not JsonObject fields)
            {
                return Error(StatusCodes.Status400BadRequest, "Validation failed: custom_fields: must be an object.");
            }

            foreach (var (key, _) in fields)
            {
                if (!_personFields.Any(f => f.IsCustom && f.Key == key))
                {
                    return Error(StatusCodes.Status400BadRequest, $"Validation failed: custom_fields: the custom field '{key}' does not exist.");
                }
            }
        }

        return null;
    }

    private JsonObject ApplyPersonUpdate(JsonObject stored, JsonObject body)
    {
        var person = (JsonObject)stored.DeepClone();
        if (body["name"] is JsonValue name)
        {
            Name(person, name.GetValue<string>());
        }

        foreach (string property in (string[])["owner_id", "org_id", "emails", "phones", "visible_to", "label_ids", "marketing_status"])
        {
            if (body.TryGetPropertyValue(property, out JsonNode? value))
            {
                person[property] = value?.DeepClone();
            }
        }

        ApplyCustomFields(person, body["custom_fields"] as JsonObject);
        person["update_time"] = V2Time(TimeProvider.GetUtcNow());
        return person;
    }

    private static void ApplyCustomFields(JsonObject target, JsonObject? values)
    {
        if (values is null)
        {
            return;
        }

        var custom = (JsonObject)target["custom_fields"]!;
        foreach (var (key, value) in values)
        {
            if (value is null)
            {
                custom.Remove(key);
            }
            else
            {
                custom[key] = value.DeepClone();
            }
        }
    }

    /// <summary>A person as v2 answers it: every custom field present (null when unset), <c>marketing_status</c> only
    /// when asked for.</summary>
    private JsonObject RenderPerson(JsonObject stored, bool marketing)
    {
        var person = (JsonObject)stored.DeepClone();
        if (!marketing)
        {
            person.Remove("marketing_status");
        }

        var custom = (JsonObject)person["custom_fields"]!;
        foreach (PipedriveEmulatorField field in _personFields)
        {
            if (field.IsCustom && !custom.ContainsKey(field.Key))
            {
                custom[field.Key] = null;
            }
        }

        return person;
    }
}
