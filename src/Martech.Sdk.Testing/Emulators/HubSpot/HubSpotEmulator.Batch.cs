using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Martech.Sdk.Testing;

// Batch routes (upsert, update, read) with 200 or 207 answers, and GDPR delete.
public sealed partial class HubSpotEmulator
{
    private async Task<IResult> BatchUpsertAsync(ObjectType type, HttpContext http)
    {
        DateTimeOffset startedAt = TimeProvider.GetUtcNow();
        if (await ReadInputsAsync(http).ConfigureAwait(false) is not { } inputs)
        {
            return InvalidJson();
        }

        if (CheckBatch(inputs, byUnique: true) is { } invalid)
        {
            return invalid;
        }

        var results = new JsonArray();
        var errors = new JsonArray();
        foreach (JsonNode? input in inputs)
        {
            string id = input!["id"]!.ToString();
            string? idProperty = input["idProperty"]?.ToString();
            if (type.UniqueProperty is null || !string.Equals(idProperty, type.UniqueProperty, StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(InputError("VALIDATION_ERROR", $"idProperty must be a unique property of {type.Name} ({type.UniqueProperty ?? "none"}), not '{idProperty}'.", id));
                continue;
            }

            if (!TryReadProperties(input["properties"], out Dictionary<string, string>? properties))
            {
                errors.Add(InputError("VALIDATION_ERROR", "properties must be an object of strings.", id));
                continue;
            }

            // The id is the unique value: it is what the record gets.
            properties[type.UniqueProperty] = id;
            if (Validate(type, properties, creating: true) is { } problem)
            {
                errors.Add(InputError("VALIDATION_ERROR", problem.Message, id, problem.Problems));
                continue;
            }

            lock (_writeGate)
            {
                if (FindByUnique(type, id) is { } existing)
                {
                    results.Add(ToJson(type, Update(type, existing, properties), null, withContacts: false, isNew: false));
                }
                else
                {
                    results.Add(ToJson(type, Create(type, properties, []), null, withContacts: false, isNew: true));
                }
            }
        }

        return BatchAnswer(results, errors, startedAt);
    }

    private async Task<IResult> BatchUpdateAsync(ObjectType type, HttpContext http)
    {
        DateTimeOffset startedAt = TimeProvider.GetUtcNow();
        if (await ReadInputsAsync(http).ConfigureAwait(false) is not { } inputs)
        {
            return InvalidJson();
        }

        if (CheckBatch(inputs, byUnique: false) is { } invalid)
        {
            return invalid;
        }

        var results = new JsonArray();
        var errors = new JsonArray();
        var missing = new List<string>();
        foreach (JsonNode? input in inputs)
        {
            string id = input!["id"]!.ToString();
            if (!TryReadProperties(input["properties"], out Dictionary<string, string>? properties))
            {
                errors.Add(InputError("VALIDATION_ERROR", "properties must be an object of strings.", id));
                continue;
            }

            if (Validate(type, properties, creating: false) is { } problem)
            {
                errors.Add(InputError("VALIDATION_ERROR", problem.Message, id, problem.Problems));
                continue;
            }

            lock (_writeGate)
            {
                if (Find(type, id, input["idProperty"]?.ToString()) is not { } item)
                {
                    missing.Add(id);
                }
                else if (type.UniqueProperty is { } unique && properties.TryGetValue(unique, out string? value) && value.Length > 0
                    && FindByUnique(type, value) is { } holder && holder.Id != item.Id)
                {
                    errors.Add(InputError("CONFLICT", $"A contact with the email '{value}' already exists. Existing ID: {holder.Id}", id));
                }
                else
                {
                    results.Add(ToJson(type, Update(type, item, properties), null, withContacts: false));
                }
            }
        }

        if (missing.Count > 0)
        {
            errors.Add(InputError("OBJECT_NOT_FOUND", $"Could not get some {type.Singular} objects, they may be deleted or not exist. Check that ids are valid.", [.. missing]));
        }

        return BatchAnswer(results, errors, startedAt);
    }

    private async Task<IResult> BatchReadAsync(ObjectType type, HttpContext http)
    {
        DateTimeOffset startedAt = TimeProvider.GetUtcNow();
        JsonNode? body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body?["inputs"] is not JsonArray inputs)
        {
            return InvalidJson();
        }

        if (inputs.Count > MaxBatchSize)
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Batch input size {inputs.Count} exceeds the limit of {MaxBatchSize}.");
        }

        var properties = new List<string>();
        if (body["properties"] is JsonArray names)
        {
            foreach (JsonNode? name in names)
            {
                properties.Add(name?.ToString() ?? string.Empty);
            }
        }

        var results = new JsonArray();
        var missing = new List<string>();
        foreach (JsonNode? input in inputs)
        {
            string id = input?["id"]?.ToString() ?? string.Empty;
            if (Find(type, id, body["idProperty"]?.ToString()) is { } item)
            {
                results.Add(ToJson(type, item, properties.Count > 0 ? properties : type.DefaultProperties, withContacts: false));
            }
            else
            {
                missing.Add(id);
            }
        }

        var errors = new JsonArray();
        if (missing.Count > 0)
        {
            errors.Add(InputError("OBJECT_NOT_FOUND", $"Could not get some {type.Singular} objects, they may be deleted or not exist. Check that ids are valid.", [.. missing]));
        }

        return BatchAnswer(results, errors, startedAt);
    }

    private async Task<IResult> GdprDeleteAsync(ObjectType type, HttpContext http)
    {
        JsonNode? body = await ReadBodyAsync(http).ConfigureAwait(false);
        string? objectId = body?["objectId"]?.ToString();
        if (string.IsNullOrEmpty(objectId))
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", "objectId is required.");
        }

        lock (_writeGate)
        {
            if (Find(type, objectId, body!["idProperty"]?.ToString()) is { } item)
            {
                type.Store.TryRemove(item.Id, out _);
            }
        }

        return Results.NoContent();
    }

    private static async Task<JsonArray?> ReadInputsAsync(HttpContext http)
    {
        JsonNode? body = await ReadBodyAsync(http).ConfigureAwait(false);
        if (body?["inputs"] is not JsonArray inputs)
        {
            return null;
        }

        foreach (JsonNode? input in inputs)
        {
            if (input is not JsonObject || input["id"] is not JsonValue)
            {
                return null;
            }
        }

        return inputs;
    }

    /// <summary>The checks that fail a whole batch: its size, and an id given twice.</summary>
    private IResult? CheckBatch(JsonArray inputs, bool byUnique)
    {
        if (inputs.Count > MaxBatchSize)
        {
            return Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Batch input size {inputs.Count} exceeds the limit of {MaxBatchSize}.");
        }

        var seen = new HashSet<string>(byUnique ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (JsonNode? input in inputs)
        {
            string id = input!["id"]!.ToString();
            if (!seen.Add(id))
            {
                duplicates.Add(id);
            }
        }

        return duplicates.Count == 0
            ? null
            : Error(StatusCodes.Status400BadRequest, "VALIDATION_ERROR", $"Duplicate IDs found in batch input: [{string.Join(", ", duplicates)}]. IDs must be unique");
    }

    /// <summary>A per-input error of a batch (<c>StandardError</c>), naming its inputs in <c>context.ids</c>.</summary>
    private static JsonObject InputError(string category, string message, string id, List<(string Name, string Code, string Message)>? details = null) =>
        InputError(category, message, [id], details);

    private static JsonObject InputError(string category, string message, string[] ids, List<(string Name, string Code, string Message)>? details = null)
    {
        var idArray = new JsonArray();
        foreach (string id in ids)
        {
            idArray.Add(id);
        }

        var detailArray = new JsonArray();
        foreach (var (name, code, detail) in details ?? [])
        {
            detailArray.Add(new JsonObject
            {
                ["message"] = detail,
                ["code"] = code,
                ["context"] = new JsonObject { ["propertyName"] = new JsonArray(name) },
            });
        }

        return new JsonObject
        {
            ["status"] = "error",
            ["category"] = category,
            ["message"] = message,
            ["context"] = new JsonObject { ["ids"] = idArray },
            ["errors"] = detailArray,
            ["links"] = new JsonObject(),
        };
    }

    /// <summary>200 with the results, or 207 with the results and the errors when any input failed.</summary>
    private IResult BatchAnswer(JsonArray results, JsonArray errors, DateTimeOffset startedAt)
    {
        var body = new JsonObject
        {
            ["status"] = "COMPLETE",
            ["results"] = results,
            ["startedAt"] = Format(startedAt),
            ["completedAt"] = Format(TimeProvider.GetUtcNow()),
        };
        if (errors.Count == 0)
        {
            return EmulatorJson.Result(body);
        }

        body["numErrors"] = errors.Count;
        body["errors"] = errors;
        return EmulatorJson.Result(body, StatusCodes.Status207MultiStatus);
    }
}
