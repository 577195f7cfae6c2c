using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

// The suppression lists: bounces, blocks, spam reports and invalid emails (read and delete), global unsubscribes and
// unsubscribe groups (read, add and delete), each kept in the order added and paged with limit/offset.
public sealed partial class SendGridEmulator
{
    /// <summary>The largest <c>limit</c> the list endpoints accept.</summary>
    public const int MaxSuppressionPageSize = 500;

    private const string Unsubscribes = "unsubscribes";
    private const string Groups = "groups";
    private static readonly string[] EntryLists = ["bounces", "blocks", "spam_reports", "invalid_emails"];

    private readonly Dictionary<string, List<SendGridEmulatorSuppression>> _lists = new(StringComparer.Ordinal)
    {
        ["bounces"] = [],
        ["blocks"] = [],
        ["spam_reports"] = [],
        ["invalid_emails"] = [],
        [Unsubscribes] = [],
    };

    private readonly SortedDictionary<int, UnsubscribeGroup> _groups = [];

    /// <summary>Gets a snapshot of every suppression: the lists in the order bounces, blocks, spam reports, invalid
    /// emails, global unsubscribes, then each group by id; entries in the order added.</summary>
    public IReadOnlyList<SendGridEmulatorSuppression> Suppressions
    {
        get
        {
            lock (_gate)
            {
                var all = new List<SendGridEmulatorSuppression>();
                foreach (string list in (string[])[.. EntryLists, Unsubscribes])
                {
                    all.AddRange(_lists[list]);
                }

                foreach (UnsubscribeGroup group in _groups.Values)
                {
                    all.AddRange(group.Members);
                }

                return all;
            }
        }
    }

    /// <summary>Records a bounce, as SendGrid does when a receiving server refuses an address.</summary>
    /// <param name="email">The address.</param>
    /// <param name="reason">The bounce message.</param>
    /// <param name="status">The enhanced SMTP status.</param>
    /// <returns>The entry.</returns>
    public SendGridEmulatorSuppression AddBounce(string email, string reason = "550 5.1.1 The email account that you tried to reach does not exist.", string status = "5.1.1") =>
        AddToList("bounces", email, reason, status, null);

    /// <summary>Records a block (a temporary refusal by the receiving server).</summary>
    /// <param name="email">The address.</param>
    /// <param name="reason">The block message.</param>
    /// <param name="status">The enhanced SMTP status.</param>
    /// <returns>The entry.</returns>
    public SendGridEmulatorSuppression AddBlock(string email, string reason = "unable to resolve MX record for example.com: servfail", string status = "4.0.0") =>
        AddToList("blocks", email, reason, status, null);

    /// <summary>Records a spam report.</summary>
    /// <param name="email">The address.</param>
    /// <param name="ip">The sending IP the report names.</param>
    /// <returns>The entry.</returns>
    public SendGridEmulatorSuppression AddSpamReport(string email, string ip = "10.63.202.100") =>
        AddToList("spam_reports", email, null, null, ip);

    /// <summary>Records an invalid email.</summary>
    /// <param name="email">The address.</param>
    /// <param name="reason">Why it is invalid.</param>
    /// <returns>The entry.</returns>
    public SendGridEmulatorSuppression AddInvalidEmail(string email, string reason = "Mail domain mentioned in email address is unknown") =>
        AddToList("invalid_emails", email, reason, null, null);

    /// <summary>Records a global unsubscribe.</summary>
    /// <param name="email">The address.</param>
    /// <returns>The entry.</returns>
    public SendGridEmulatorSuppression AddGlobalUnsubscribe(string email) => AddToList(Unsubscribes, email, null, null, null);

    /// <summary>Creates an unsubscribe group (or renames an existing one).</summary>
    /// <param name="id">The group id.</param>
    /// <param name="name">The group name.</param>
    /// <param name="isDefault">Whether it is the default group.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not positive.</exception>
    public void AddUnsubscribeGroup(int id, string name, bool isDefault = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        lock (_gate)
        {
            if (_groups.TryGetValue(id, out UnsubscribeGroup? group))
            {
                _groups[id] = group with { Name = name, IsDefault = isDefault };
            }
            else
            {
                _groups[id] = new UnsubscribeGroup(id, name, isDefault, []);
            }
        }
    }

    /// <summary>Records that an address left an unsubscribe group.</summary>
    /// <param name="groupId">The group, created with <see cref="AddUnsubscribeGroup"/>.</param>
    /// <param name="email">The address.</param>
    /// <returns>The entry.</returns>
    /// <exception cref="InvalidOperationException">The group does not exist.</exception>
    public SendGridEmulatorSuppression AddGroupUnsubscribe(int groupId, string email)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        lock (_gate)
        {
            if (!_groups.TryGetValue(groupId, out UnsubscribeGroup? group))
            {
                throw new InvalidOperationException($"There is no unsubscribe group {groupId}; add it with AddUnsubscribeGroup first.");
            }

            return Add(group.Members, Groups, email.Trim(), null, null, null, groupId);
        }
    }

    private static SendGridEmulatorSuppression? Find(List<SendGridEmulatorSuppression> list, string email) =>
        list.Find(s => string.Equals(s.Email, email, StringComparison.OrdinalIgnoreCase));

    private static long Unix(DateTimeOffset at) => at.ToUnixTimeSeconds();

    private static JsonObject ToJson(SendGridEmulatorSuppression entry)
    {
        var json = new JsonObject { ["created"] = Unix(entry.Created), ["email"] = entry.Email };
        switch (entry.List)
        {
            case "bounces" or "blocks":
                json["reason"] = entry.Reason;
                json["status"] = entry.Status;
                break;
            case "spam_reports":
                json["ip"] = entry.Ip;
                break;
            case "invalid_emails":
                json["reason"] = entry.Reason;
                break;
        }

        return json;
    }

    private static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Text(node.ToJsonString(), EmulatorJson.ContentType, statusCode: status);

    private static bool TryInt(string? value, int min, int max, int fallback, out int result)
    {
        result = fallback;
        return string.IsNullOrEmpty(value)
            || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out result) && result >= min && result <= max);
    }

    private static async Task<List<string>?> ReadEmailsAsync(HttpRequest request, string property)
    {
        try
        {
            JsonNode? body = await EmulatorJson.ReadNodeAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
            if (body?[property] is not JsonArray array)
            {
                return null;
            }

            var emails = new List<string>(array.Count);
            foreach (JsonNode? item in array)
            {
                if (item is not JsonValue value || !value.TryGetValue(out string? email) || !EmailAddress.TryParse(email, out _))
                {
                    return null;
                }

                emails.Add(email.Trim());
            }

            return emails;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void ClearSuppressions()
    {
        foreach (List<SendGridEmulatorSuppression> list in _lists.Values)
        {
            list.Clear();
        }

        _groups.Clear();
    }

    private SendGridEmulatorSuppression AddToList(string list, string email, string? reason, string? status, string? ip)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        lock (_gate)
        {
            return Add(_lists[list], list, email.Trim(), reason, status, ip, null);
        }
    }

    // An address already on the list keeps its entry, as SendGrid's adds do.
    private SendGridEmulatorSuppression Add(List<SendGridEmulatorSuppression> list, string name, string email, string? reason, string? status, string? ip, int? groupId)
    {
        if (Find(list, email) is { } existing)
        {
            return existing;
        }

        var entry = new SendGridEmulatorSuppression(name, email, TimeProvider.GetUtcNow(), reason, status, ip, groupId);
        list.Add(entry);
        return entry;
    }

    private void MapSuppressionRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v3/suppression/{list}", (HttpRequest request, string list) => Authorized(request, () => ListEntries(request, list)));
        routes.MapGet("/v3/suppression/{list}/{email}", (HttpRequest request, string list, string email) => Authorized(request, () => GetEntry(list, email)));
        routes.MapDelete("/v3/suppression/{list}", async (HttpRequest request, string list) => Unauthorized(request) ?? await DeleteEntriesAsync(request, list).ConfigureAwait(false));
        routes.MapDelete("/v3/suppression/{list}/{email}", (HttpRequest request, string list, string email) => Authorized(request, () => DeleteEntry(list, email)));

        routes.MapPost("/v3/asm/suppressions/global", async (HttpRequest request) => Unauthorized(request) ?? await AddMembersAsync(request, null).ConfigureAwait(false));
        routes.MapGet("/v3/asm/suppressions/global/{email}", (HttpRequest request, string email) => Authorized(request, () => GetGlobal(email)));
        routes.MapDelete("/v3/asm/suppressions/global/{email}", (HttpRequest request, string email) => Authorized(request, () => DeleteEntry(Unsubscribes, email)));

        routes.MapGet("/v3/asm/groups", (HttpRequest request) => Authorized(request, ListGroups));
        routes.MapPost("/v3/asm/groups/{groupId:int}/suppressions", async (HttpRequest request, int groupId) => Unauthorized(request) ?? await AddMembersAsync(request, groupId).ConfigureAwait(false));
        routes.MapGet("/v3/asm/groups/{groupId:int}/suppressions", (HttpRequest request, int groupId) => Authorized(request, () => ListGroupMembers(groupId)));
        routes.MapDelete("/v3/asm/groups/{groupId:int}/suppressions/{email}", (HttpRequest request, int groupId, string email) => Authorized(request, () => DeleteGroupMember(groupId, email)));
        routes.MapGet("/v3/asm/suppressions", (HttpRequest request) => Authorized(request, ListAllGroupMembers));
        routes.MapGet("/v3/asm/suppressions/{email}", (HttpRequest request, string email) => Authorized(request, () => GroupStatus(email)));
    }

    private IResult Authorized(HttpRequest request, Func<IResult> handle) => Unauthorized(request) ?? handle();

    private IResult ListEntries(HttpRequest request, string list)
    {
        if (!_lists.TryGetValue(list, out List<SendGridEmulatorSuppression>? entries))
        {
            return Error(StatusCodes.Status404NotFound, null, "resource not found");
        }

        if (!TryInt(request.Query["limit"], 1, MaxSuppressionPageSize, MaxSuppressionPageSize, out int limit))
        {
            return Error(StatusCodes.Status400BadRequest, "limit", $"limit must be an integer between 1 and {MaxSuppressionPageSize}");
        }

        if (!TryInt(request.Query["offset"], 0, int.MaxValue, 0, out int offset))
        {
            return Error(StatusCodes.Status400BadRequest, "offset", "offset must be a non-negative integer");
        }

        long? start = long.TryParse(request.Query["start_time"], NumberStyles.None, CultureInfo.InvariantCulture, out long s) ? s : null;
        long? end = long.TryParse(request.Query["end_time"], NumberStyles.None, CultureInfo.InvariantCulture, out long e) ? e : null;
        string? match = request.Query["email"];
        var page = new JsonArray();
        lock (_gate)
        {
            foreach (SendGridEmulatorSuppression entry in entries
                .Where(x => (start is null || Unix(x.Created) >= start) && (end is null || Unix(x.Created) <= end)
                    && (string.IsNullOrEmpty(match) || x.Email.Contains(match, StringComparison.OrdinalIgnoreCase)))
                .Skip(offset)
                .Take(limit))
            {
                page.Add(ToJson(entry));
            }
        }

        return Json(page);
    }

    private IResult GetEntry(string list, string email)
    {
        if (!EntryLists.Contains(list, StringComparer.Ordinal))
        {
            return Error(StatusCodes.Status404NotFound, null, "resource not found");
        }

        var found = new JsonArray();
        lock (_gate)
        {
            if (Find(_lists[list], email) is { } entry)
            {
                found.Add(ToJson(entry));
            }
        }

        return Json(found);
    }

    private async Task<IResult> DeleteEntriesAsync(HttpRequest request, string list)
    {
        if (!EntryLists.Contains(list, StringComparer.Ordinal))
        {
            return Error(StatusCodes.Status404NotFound, null, "resource not found");
        }

        JsonNode? body;
        try
        {
            body = await EmulatorJson.ReadNodeAsync(request, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return Error(StatusCodes.Status400BadRequest, null, "Bad Request");
        }

        bool all = body?["delete_all"] is JsonValue value && value.TryGetValue(out bool flag) && flag;
        if (!all && body?["emails"] is not JsonArray)
        {
            return Error(StatusCodes.Status400BadRequest, "emails", "emails or delete_all is required");
        }

        lock (_gate)
        {
            if (all)
            {
                _lists[list].Clear();
            }
            else
            {
                foreach (JsonNode? item in (JsonArray)body!["emails"]!)
                {
                    if (item is JsonValue email && email.TryGetValue(out string? address))
                    {
                        _lists[list].RemoveAll(s => string.Equals(s.Email, address.Trim(), StringComparison.OrdinalIgnoreCase));
                    }
                }
            }
        }

        return Results.NoContent();
    }

    private IResult DeleteEntry(string list, string email)
    {
        lock (_gate)
        {
            if (!_lists.TryGetValue(list, out List<SendGridEmulatorSuppression>? entries) || Find(entries, email) is not { } entry)
            {
                return Error(StatusCodes.Status404NotFound, null, "Email not found");
            }

            entries.Remove(entry);
        }

        return Results.NoContent();
    }

    private IResult GetGlobal(string email)
    {
        lock (_gate)
        {
            return Find(_lists[Unsubscribes], email) is { } entry
                ? Json(new JsonObject { ["recipient_email"] = entry.Email })
                : Json(new JsonObject());
        }
    }

    private async Task<IResult> AddMembersAsync(HttpRequest request, int? groupId)
    {
        List<string>? emails = await ReadEmailsAsync(request, "recipient_emails").ConfigureAwait(false);
        if (emails is null)
        {
            return Error(StatusCodes.Status400BadRequest, "recipient_emails", "recipient_emails must be an array of valid email addresses");
        }

        lock (_gate)
        {
            UnsubscribeGroup? group = null;
            if (groupId is int id && !_groups.TryGetValue(id, out group))
            {
                return Error(StatusCodes.Status404NotFound, "group_id", "Unsubscribe group not found");
            }

            foreach (string email in emails)
            {
                _ = group is null ? Add(_lists[Unsubscribes], Unsubscribes, email, null, null, null, null) : Add(group.Members, Groups, email, null, null, null, group.Id);
            }
        }

        var echoed = new JsonArray();
        foreach (string email in emails)
        {
            echoed.Add(email);
        }

        return Json(new JsonObject { ["recipient_emails"] = echoed }, StatusCodes.Status201Created);
    }

    private IResult ListGroups()
    {
        var groups = new JsonArray();
        lock (_gate)
        {
            foreach (UnsubscribeGroup group in _groups.Values)
            {
                groups.Add(new JsonObject { ["id"] = group.Id, ["name"] = group.Name, ["description"] = group.Name, ["is_default"] = group.IsDefault, ["unsubscribes"] = group.Members.Count });
            }
        }

        return Json(groups);
    }

    private IResult ListGroupMembers(int groupId)
    {
        var emails = new JsonArray();
        lock (_gate)
        {
            if (!_groups.TryGetValue(groupId, out UnsubscribeGroup? group))
            {
                return Error(StatusCodes.Status404NotFound, "group_id", "Unsubscribe group not found");
            }

            foreach (SendGridEmulatorSuppression member in group.Members)
            {
                emails.Add(member.Email);
            }
        }

        return Json(emails);
    }

    private IResult DeleteGroupMember(int groupId, string email)
    {
        lock (_gate)
        {
            if (!_groups.TryGetValue(groupId, out UnsubscribeGroup? group) || Find(group.Members, email) is not { } entry)
            {
                return Error(StatusCodes.Status404NotFound, null, "Email not found");
            }

            group.Members.Remove(entry);
        }

        return Results.NoContent();
    }

    private IResult ListAllGroupMembers()
    {
        var all = new JsonArray();
        lock (_gate)
        {
            foreach (UnsubscribeGroup group in _groups.Values)
            {
                foreach (SendGridEmulatorSuppression member in group.Members)
                {
                    all.Add(new JsonObject { ["email"] = member.Email, ["group_id"] = group.Id, ["group_name"] = group.Name, ["created_at"] = Unix(member.Created) });
                }
            }
        }

        return Json(all);
    }

    private IResult GroupStatus(string email)
    {
        var statuses = new JsonArray();
        lock (_gate)
        {
            foreach (UnsubscribeGroup group in _groups.Values)
            {
                statuses.Add(new JsonObject
                {
                    ["id"] = group.Id,
                    ["name"] = group.Name,
                    ["description"] = group.Name,
                    ["is_default"] = group.IsDefault,
                    ["suppressed"] = Find(group.Members, email) is not null,
                });
            }
        }

        return Json(new JsonObject { ["suppressions"] = statuses });
    }

    private sealed record UnsubscribeGroup(int Id, string Name, bool IsDefault, List<SendGridEmulatorSuppression> Members);
}
