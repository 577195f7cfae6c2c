using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Martech.Sdk.Testing;

/// <summary>Compiles an Intercom contacts search query (a single filter, or <c>AND</c>/<c>OR</c> groups of them) into a
/// predicate over the emulator's contacts.</summary>
internal static class IntercomEmulatorSearch
{
    private const int MaxFiltersPerGroup = 15;
    private const int MaxNesting = 2;

    public static bool TryCompile(JsonObject query, [NotNullWhen(true)] out Func<IntercomEmulatedContact, bool>? filter, [NotNullWhen(false)] out string? problem) =>
        TryCompile(query, depth: 0, out filter, out problem);

    private static bool TryCompile(JsonObject query, int depth, [NotNullWhen(true)] out Func<IntercomEmulatedContact, bool>? filter, [NotNullWhen(false)] out string? problem)
    {
        filter = null;
        string? op = query["operator"] is JsonValue o && o.GetValueKind() == JsonValueKind.String ? o.GetValue<string>() : null;
        if (query.ContainsKey("field"))
        {
            return TryCompileFilter(query, op, out filter, out problem);
        }

        if (op is not ("AND" or "OR"))
        {
            problem = "A query is a filter {field, operator, value} or a group {operator: AND|OR, value: [...]}.";
            return false;
        }

        if (depth >= MaxNesting)
        {
            problem = $"Filters can be nested at most {MaxNesting} levels deep.";
            return false;
        }

        if (query["value"] is not JsonArray { Count: > 0 } members || members.Count > MaxFiltersPerGroup)
        {
            problem = $"An {op} group needs 1 to {MaxFiltersPerGroup} filters in value.";
            return false;
        }

        var parts = new List<Func<IntercomEmulatedContact, bool>>(members.Count);
        foreach (JsonNode? member in members)
        {
            if (member is not JsonObject memberQuery)
            {
                problem = $"Every member of an {op} group must be an object.";
                return false;
            }

            if (!TryCompile(memberQuery, depth + 1, out Func<IntercomEmulatedContact, bool>? part, out problem))
            {
                return false;
            }

            parts.Add(part);
        }

        filter = op == "AND" ? c => parts.TrueForAll(p => p(c)) : c => parts.Exists(p => p(c));
        problem = null;
        return true;
    }

    private static bool TryCompileFilter(JsonObject query, string? op, [NotNullWhen(true)] out Func<IntercomEmulatedContact, bool>? filter, [NotNullWhen(false)] out string? problem)
    {
        filter = null;
        string? field = query["field"] is JsonValue f && f.GetValueKind() == JsonValueKind.String ? f.GetValue<string>() : null;
        if (field is "created_at")
        {
            return TryCompileDate(query, op, out filter, out problem);
        }

        Func<IntercomEmulatedContact, string?>? read = field switch
        {
            "id" => c => c.Id,
            "email" => c => c.Email,
            "email_domain" => c => c.Email is { } e && e.IndexOf('@', StringComparison.Ordinal) is var at and >= 0 ? e[(at + 1)..] : null,
            "name" => c => c.Name,
            "role" => c => c.Role,
            "external_id" => c => c.ExternalId,
            "phone" => c => c.Phone,
            _ => null,
        };
        if (read is null)
        {
            problem = $"The emulator cannot search the field '{field}'.";
            return false;
        }

        JsonNode? value = query["value"];
        if (op is "IN" or "NIN")
        {
            if (value is not JsonArray array)
            {
                problem = $"The {op} operator needs an array value.";
                return false;
            }

            var set = new HashSet<string>(array.Select(v => v?.ToString() ?? string.Empty), StringComparer.OrdinalIgnoreCase);
            bool negate = op == "NIN";
            filter = c => set.Contains(read(c) ?? string.Empty) != negate;
            problem = null;
            return true;
        }

        if (value is JsonArray)
        {
            problem = $"The {op} operator needs a single value.";
            return false;
        }

        string? wanted = value?.ToString();
        Func<string?, bool>? test = op switch
        {
            "=" => v => string.Equals(v, wanted, StringComparison.OrdinalIgnoreCase),
            "!=" => v => !string.Equals(v, wanted, StringComparison.OrdinalIgnoreCase),
            "~" => v => v is not null && wanted is not null && v.Contains(wanted, StringComparison.OrdinalIgnoreCase),
            "!~" => v => v is null || wanted is null || !v.Contains(wanted, StringComparison.OrdinalIgnoreCase),
            "^" => v => v is not null && wanted is not null && v.StartsWith(wanted, StringComparison.OrdinalIgnoreCase),
            "$" => v => v is not null && wanted is not null && v.EndsWith(wanted, StringComparison.OrdinalIgnoreCase),
            _ => null,
        };
        if (test is null)
        {
            problem = $"The operator '{op}' is not valid for the text field '{field}'.";
            return false;
        }

        filter = c => test(read(c));
        problem = null;
        return true;
    }

    // Dates match by calendar day (UTC here; Intercom uses the workspace's time zone): = the day, > from the next day,
    // < before the day.
    private static bool TryCompileDate(JsonObject query, string? op, [NotNullWhen(true)] out Func<IntercomEmulatedContact, bool>? filter, [NotNullWhen(false)] out string? problem)
    {
        filter = null;
        if (!long.TryParse(query["value"]?.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds))
        {
            problem = "created_at needs a Unix timestamp value.";
            return false;
        }

        var day = new DateTimeOffset(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.Date, TimeSpan.Zero);
        DateTimeOffset next = day.AddDays(1);
        filter = op switch
        {
            "=" => c => c.CreatedAt >= day && c.CreatedAt < next,
            ">" => c => c.CreatedAt >= next,
            "<" => c => c.CreatedAt < day,
            _ => null,
        };
        problem = filter is null ? $"The operator '{op}' is not supported on the date field created_at." : null;
        return filter is not null;
    }
}
