using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <content>The v1 leads routes and the v2 lead conversion routes.</content>
public sealed partial class PipedriveEmulator
{
    private static readonly HashSet<string> LeadProperties = new(StringComparer.Ordinal)
    {
        "title", "owner_id", "label_ids", "person_id", "organization_id", "value", "expected_close_date", "visible_to", "was_seen", "origin_id", "channel", "channel_id",
    };

    private static bool TryParseLeadId(string raw, out string id)
    {
        id = Guid.TryParse(raw, out Guid uuid) ? uuid.ToString("D") : string.Empty;
        return id.Length > 0;
    }

    private static bool IsNonEmptyString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetValue<string>());

    private void MapLeadRoutes(IEndpointRouteBuilder routes)
    {
        foreach (string prefix in (string[])["/v1", "/api/v1"])
        {
            routes.MapGet(prefix + "/leads", (HttpContext context) => Guard(context) ?? ListLeads(context.Request, archived: false));
            routes.MapGet(prefix + "/leads/archived", (HttpContext context) => Guard(context) ?? ListLeads(context.Request, archived: true));
            routes.MapPost(prefix + "/leads", (HttpContext context) => Guard(context) ?? CreateLead(context.Request));
            routes.MapGet(prefix + "/leads/{id}", (HttpContext context, string id) => Guard(context) ?? GetLead(id));
            routes.MapMethods(prefix + "/leads/{id}", ["PATCH"], (HttpContext context, string id) => Guard(context) ?? UpdateLead(context.Request, id));
            routes.MapDelete(prefix + "/leads/{id}", (HttpContext context, string id) => Guard(context) ?? DeleteLead(id));
        }

        routes.MapPost("/api/v2/leads/{id}/convert/deal", (HttpContext context, string id) => Guard(context) ?? StartConversion(context.Request, id));
        routes.MapGet("/api/v2/leads/{id}/convert/status/{conversionId}", (HttpContext context, string id, string conversionId) => Guard(context) ?? ConversionStatus(id, conversionId));
    }

    private IResult ListLeads(HttpRequest request, bool archived)
    {
        if (!TryReadLimit(request, out int limit, out IResult? error))
        {
            return error!;
        }

        int start = 0;
        if (request.Query["start"].FirstOrDefault() is { } rawStart
            && (!int.TryParse(rawStart, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: start: must be a non-negative integer.");
        }

        DateTimeOffset? since = null;
        if (request.Query["updated_since"].FirstOrDefault() is { Length: > 0 } rawSince)
        {
            if (archived)
            {
                return Error(StatusCodes.Status400BadRequest, "Validation failed: updated_since is not a parameter of this endpoint.");
            }

            if (!DateTimeOffset.TryParse(rawSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed))
            {
                return Error(StatusCodes.Status400BadRequest, "Validation failed: updated_since: must be an ISO 8601 date-time.");
            }

            since = parsed;
        }

        lock (_gate)
        {
            var matching = _leads.Items
                .Where(l => l["is_archived"]!.GetValue<bool>() == archived
                    && (since is null || DateTimeOffset.Parse(l["update_time"]!.GetValue<string>(), CultureInfo.InvariantCulture) >= since))
                .ToList();
            var data = new JsonArray();
            foreach (JsonObject lead in matching.Skip(start).Take(limit))
            {
                data.Add(lead.DeepClone());
            }

            // Pipedrive answers an empty listing with "data": null.
            return Success(data.Count == 0 ? null : data, Pagination(start, limit, start + limit < matching.Count));
        }
    }

    private IResult GetLead(string rawId)
    {
        if (!TryParseLeadId(rawId, out string id))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: id: must be a UUID.");
        }

        lock (_gate)
        {
            return _leads.TryGet(id, out JsonObject? lead) ? Success(lead.DeepClone()) : Error(StatusCodes.Status404NotFound, "Lead not found");
        }
    }

    private IResult CreateLead(HttpRequest request)
    {
        var (body, error) = ReadObject(request);
        if (body is null)
        {
            return error!;
        }

        if (!IsNonEmptyString(body["title"]))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: title: The title must be given.");
        }

        lock (_gate)
        {
            if (CheckLeadBody(body, update: false) is { } invalid)
            {
                return invalid;
            }

            if (body["person_id"] is null && body["organization_id"] is null)
            {
                return Error(StatusCodes.Status400BadRequest, "Validation failed: A lead must be linked to a person or an organization (person_id or organization_id).");
            }

            string id = Guid.NewGuid().ToString("D");
            string now = V1Time(TimeProvider.GetUtcNow());
            var lead = new JsonObject
            {
                ["id"] = id,
                ["title"] = body["title"]!.GetValue<string>(),
                ["owner_id"] = IsSafeInteger(body["owner_id"], out long owner) ? owner : OwnerId,
                ["creator_id"] = OwnerId,
                ["label_ids"] = body["label_ids"]?.DeepClone() ?? new JsonArray(),
                ["person_id"] = body["person_id"]?.DeepClone(),
                ["organization_id"] = body["organization_id"]?.DeepClone(),
                ["source_name"] = "API",
                ["origin"] = "API",
                ["origin_id"] = body["origin_id"]?.DeepClone(),
                ["channel"] = body["channel"]?.DeepClone(),
                ["channel_id"] = body["channel_id"]?.DeepClone(),
                ["source_deal_id"] = null,
                ["is_archived"] = false,
                ["was_seen"] = body["was_seen"]?.DeepClone() ?? false,
                ["value"] = body["value"]?.DeepClone(),
                ["expected_close_date"] = body["expected_close_date"]?.DeepClone(),
                ["next_activity_id"] = null,
                ["add_time"] = now,
                ["update_time"] = now,
                ["visible_to"] = body["visible_to"]?.DeepClone() ?? "3",
                ["cc_email"] = $"emulator+deal{id[..8]}@pipedrivemail.example",
            };
            ApplyLeadCustomFields(lead, body);
            _leads.TryAdd(id, lead);
            return Json(new JsonObject { ["success"] = true, ["data"] = lead.DeepClone(), ["additional_data"] = null }, StatusCodes.Status201Created);
        }
    }

    private IResult UpdateLead(HttpRequest request, string rawId)
    {
        if (!TryParseLeadId(rawId, out string id))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: id: must be a UUID.");
        }

        var (body, error) = ReadObject(request);
        if (body is null)
        {
            return error!;
        }

        if (body.TryGetPropertyValue("title", out JsonNode? title) && !IsNonEmptyString(title))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: title: The title cannot be empty.");
        }

        lock (_gate)
        {
            if (!_leads.TryGet(id, out JsonObject? stored))
            {
                return Error(StatusCodes.Status404NotFound, "Lead not found");
            }

            if (CheckLeadBody(body, update: true) is { } invalid)
            {
                return invalid;
            }

            var lead = (JsonObject)stored.DeepClone();
            foreach (var (property, value) in body)
            {
                if (LeadProperties.Contains(property) || property == "is_archived")
                {
                    lead[property] = value?.DeepClone();
                }
            }

            if (lead["person_id"] is null && lead["organization_id"] is null)
            {
                return Error(StatusCodes.Status400BadRequest, "Validation failed: A lead must be linked to a person or an organization (person_id or organization_id).");
            }

            ApplyLeadCustomFields(lead, body);
            lead["update_time"] = V1Time(TimeProvider.GetUtcNow());
            _leads.Set(id, lead);
            return Success(lead.DeepClone());
        }
    }

    private IResult DeleteLead(string rawId)
    {
        if (!TryParseLeadId(rawId, out string id))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: id: must be a UUID.");
        }

        lock (_gate)
        {
            return _leads.TryRemove(id, out _) ? Success(new JsonObject { ["id"] = id }) : Error(StatusCodes.Status404NotFound, "Lead not found");
        }
    }

    private IResult StartConversion(HttpRequest request, string rawId)
    {
        if (!TryParseLeadId(rawId, out string id))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: id: must be a UUID.");
        }

        var (body, error) = ReadObject(request, allowEmpty: true);
        if (body is null)
        {
            return error!;
        }

        foreach (var (property, value) in body)
        {
            if (property is not ("stage_id" or "pipeline_id") || (value is not null && !IsSafeInteger(value, out _)))
            {
                return Error(StatusCodes.Status400BadRequest, $"Validation failed: '{property}' is not a property of a conversion (stage_id and pipeline_id are integers).");
            }
        }

        lock (_gate)
        {
            if (!_leads.TryGet(id, out _))
            {
                return Error(StatusCodes.Status404NotFound, "Lead not found");
            }

            string conversionId = Guid.NewGuid().ToString("D");
            _jobs[conversionId] = new ConversionJob(id, ConversionPollsBeforeCompletion, ConversionOutcome);
            return Success(new JsonObject { ["conversion_id"] = conversionId });
        }
    }

    private IResult ConversionStatus(string rawId, string conversionId)
    {
        if (!TryParseLeadId(rawId, out string id))
        {
            return Error(StatusCodes.Status400BadRequest, "Validation failed: id: must be a UUID.");
        }

        lock (_gate)
        {
            if (!_jobs.TryGetValue(conversionId, out ConversionJob? job) || job.LeadId != id)
            {
                return Error(StatusCodes.Status404NotFound, "Conversion not found");
            }

            if (job.Status is "not_started" or "running")
            {
                if (job.PollsLeft > 0)
                {
                    job.PollsLeft--;
                    job.Status = "running";
                }
                else if (job.Outcome == "completed")
                {
                    // A successful conversion creates the deal and deletes the lead.
                    job.DealId = ++_lastDealId;
                    _deals.Add(job.DealId.Value);
                    _leads.TryRemove(id, out _);
                    job.Status = "completed";
                }
                else
                {
                    job.Status = job.Outcome;
                }
            }

            var data = new JsonObject { ["conversion_id"] = conversionId, ["status"] = job.Status };
            if (job.DealId is long deal)
            {
                data["deal_id"] = deal;
            }

            return Success(data);
        }
    }

    /// <summary>Checks a lead body against Pipedrive's schema (under the lock).</summary>
    private IResult? CheckLeadBody(JsonObject body, bool update)
    {
        foreach (var (property, value) in body)
        {
            bool known = LeadProperties.Contains(property) || (update && property == "is_archived");
            bool custom = _leadFields.Any(f => f.IsCustom && f.Key == property);
            if (!known && !custom)
            {
                return Error(StatusCodes.Status400BadRequest, property.Length == 40
                    ? $"Validation failed: the custom field '{property}' does not exist."
                    : $"Validation failed: '{property}' is not a property of a lead.");
            }

            if (property is "owner_id" && !IsSafeInteger(value, out _))
            {
                return Error(StatusCodes.Status400BadRequest, "Validation failed: owner_id: must be an integer.");
            }

            if (property is "is_archived" && value?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Error(StatusCodes.Status400BadRequest, "Validation failed: is_archived: must be a boolean.");
            }

            if (property is "person_id" && value is not null)
            {
                if (!IsSafeInteger(value, out long personId))
                {
                    return Error(StatusCodes.Status400BadRequest, "Validation failed: person_id: must be an integer.");
                }

                if (!_persons.TryGet(personId.ToString(CultureInfo.InvariantCulture), out _))
                {
                    return Error(StatusCodes.Status400BadRequest, $"Person with id {personId} not found.");
                }
            }
        }

        return null;
    }

    private void ApplyLeadCustomFields(JsonObject lead, JsonObject body)
    {
        foreach (var (property, value) in body)
        {
            if (!_leadFields.Any(f => f.IsCustom && f.Key == property))
            {
                continue;
            }

            // An unset custom field is left out of a lead's JSON.
            if (value is null)
            {
                lead.Remove(property);
            }
            else
            {
                lead[property] = value.DeepClone();
            }
        }
    }
}
