using System.Globalization;
using System.Text.Json.Nodes;

namespace Martech.Sdk.Testing;

/// <summary>Evaluates a HubSpot search request's <c>filterGroups</c> against an object, as HubSpot's CRM search does:
/// the groups are ORed, the filters in a group ANDed; strings compare ignoring case, numbers and dates by value.</summary>
internal static class HubSpotEmulatorSearch
{
    public const int MaxFilterGroups = 5;
    public const int MaxFiltersPerGroup = 10;
    public const int MaxFilters = 25;

    private static readonly HashSet<string> Operators = new(StringComparer.Ordinal)
    {
        "EQ", "NEQ", "LT", "LTE", "GT", "GTE", "BETWEEN", "IN", "NOT_IN", "HAS_PROPERTY", "NOT_HAS_PROPERTY", "CONTAINS_TOKEN", "NOT_CONTAINS_TOKEN",
    };

    /// <summary>Reads the filter groups, or says what is wrong with them the way HubSpot would.</summary>
    public static bool TryParse(JsonNode? groupsNode, out List<List<Filter>> groups, out string? error)
    {
        groups = [];
        error = null;
        if (groupsNode is null)
        {
            return true;
        }

        if (groupsNode is not JsonArray array)
        {
            error = "filterGroups must be an array.";
            return false;
        }

        if (array.Count > MaxFilterGroups)
        {
            error = $"There are {array.Count} filter groups; the maximum is {MaxFilterGroups}.";
            return false;
        }

        int total = 0;
        foreach (JsonNode? groupNode in array)
        {
            var filters = new List<Filter>();
            if (groupNode?["filters"] is JsonArray filterArray)
            {
                if (filterArray.Count > MaxFiltersPerGroup)
                {
                    error = $"A filter group has {filterArray.Count} filters; the maximum is {MaxFiltersPerGroup} per group.";
                    return false;
                }

                foreach (JsonNode? filterNode in filterArray)
                {
                    string? property = filterNode?["propertyName"]?.GetValue<string>();
                    string? op = filterNode?["operator"]?.GetValue<string>();
                    if (string.IsNullOrEmpty(property) || op is null || !Operators.Contains(op))
                    {
                        error = $"A filter needs a propertyName and a known operator (got '{property}' '{op}').";
                        return false;
                    }

                    var values = new List<string>();
                    if (filterNode?["values"] is JsonArray valueArray)
                    {
                        foreach (JsonNode? value in valueArray)
                        {
                            values.Add(value?.ToString() ?? string.Empty);
                        }
                    }

                    filters.Add(new Filter(property, op, filterNode?["value"]?.ToString(), filterNode?["highValue"]?.ToString(), values));
                }
            }

            total += filters.Count;
            groups.Add(filters);
        }

        if (total > MaxFilters)
        {
            error = $"There are {total} filters; the maximum is {MaxFilters}.";
            return false;
        }

        return true;
    }

    /// <summary>Whether an object matches the groups (no groups match everything).</summary>
    public static bool Matches(HubSpotEmulatorObject item, List<List<Filter>> groups)
    {
        if (groups.Count == 0)
        {
            return true;
        }

        foreach (List<Filter> group in groups)
        {
            if (group.TrueForAll(filter => Matches(item[filter.PropertyName], filter)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The values of <paramref name="property"/> that every match must have, when each group has an <c>EQ</c> or
    /// <c>IN</c> filter on it with text values (which compare ignoring case, as an index on the property does); otherwise
    /// <see langword="null"/>, and the search visits every object.</summary>
    public static List<string>? IndexKeys(List<List<Filter>> groups, string property)
    {
        if (groups.Count == 0)
        {
            return null;
        }

        var keys = new List<string>();
        foreach (List<Filter> group in groups)
        {
            Filter? indexed = group.Find(f => string.Equals(f.PropertyName, property, StringComparison.Ordinal)
                && ((f.Operator == "EQ" && f.Value is { } value && !TryNumber(value, out _))
                    || (f.Operator == "IN" && f.Values.TrueForAll(v => !TryNumber(v, out _)))));
            if (indexed is null)
            {
                return null;
            }

            if (indexed.Operator == "EQ")
            {
                keys.Add(indexed.Value!);
            }
            else
            {
                keys.AddRange(indexed.Values);
            }
        }

        return keys;
    }

    private static bool Matches(string? actual, Filter filter)
    {
        bool has = !string.IsNullOrEmpty(actual);
        switch (filter.Operator)
        {
            case "HAS_PROPERTY":
                return has;
            case "NOT_HAS_PROPERTY":
                return !has;
            case "IN":
                return has && filter.Values.Exists(v => Compare(actual!, v) == 0);
            case "NOT_IN":
                return !has || !filter.Values.Exists(v => Compare(actual!, v) == 0);
            case "NEQ":
                return !has || Compare(actual!, filter.Value ?? string.Empty) != 0;
            case "CONTAINS_TOKEN":
                return has && actual!.Contains((filter.Value ?? string.Empty).Trim('*'), StringComparison.OrdinalIgnoreCase);
            case "NOT_CONTAINS_TOKEN":
                return !has || !actual!.Contains((filter.Value ?? string.Empty).Trim('*'), StringComparison.OrdinalIgnoreCase);
        }

        if (!has || filter.Value is null)
        {
            return false;
        }

        int comparison = Compare(actual!, filter.Value);
        return filter.Operator switch
        {
            "EQ" => comparison == 0,
            "LT" => comparison < 0,
            "LTE" => comparison <= 0,
            "GT" => comparison > 0,
            "GTE" => comparison >= 0,
            "BETWEEN" => comparison >= 0 && filter.HighValue is not null && Compare(actual!, filter.HighValue) <= 0,
            _ => false,
        };
    }

    /// <summary>Compares as numbers when both are numbers or dates (dates as Unix milliseconds), else as text ignoring case.</summary>
    private static int Compare(string actual, string expected)
    {
        if (TryNumber(actual, out decimal a) && TryNumber(expected, out decimal b))
        {
            return a.CompareTo(b);
        }

        return string.Compare(actual, expected, StringComparison.OrdinalIgnoreCase);
    }

    private static bool TryNumber(string value, out decimal number)
    {
        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out number))
        {
            return true;
        }

        if (value.Length >= 10 && value[4] == '-' && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
        {
            number = date.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }

    /// <summary>One filter of a search.</summary>
    internal sealed record Filter(string PropertyName, string Operator, string? Value, string? HighValue, List<string> Values);
}
