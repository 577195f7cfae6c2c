using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Martech.Sdk.Testing;

/// <summary>
/// Runs a parsed SOQL query over the emulated org's records, with Salesforce's semantics where the emulator has them:
/// string comparisons ignore case, ids compare by their 15-character key (and refuse values that are not ids), nulls sort
/// first in ascending order, <c>FIELDS(ALL)</c> and <c>FIELDS(CUSTOM)</c> need a LIMIT of at most 200, a field selected
/// twice is refused, and relationship paths (<c>Account.Name</c>) come back as nested records. Runs under the org's lock.
/// </summary>
internal sealed class SoqlRunner(EmulatorSalesforceOrg org, string version)
{
    /// <summary>Runs the query: filters, sorts (on keys computed once per row) and cuts the matching records; a plain
    /// query's rows are rendered when read (<see cref="SoqlResult.Render"/>), under the org's lock.</summary>
    public SoqlResult Run(SoqlQuery query)
    {
        EmulatorSObject obj = org.Object(query.From) ?? throw new SoqlException(
            "INVALID_TYPE",
            $"sObject type '{query.From}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.");
        if (query.Where is not null)
        {
            // Salesforce checks fields and literals when it parses, whether or not any record is there.
            Validate(obj, query.Where);
        }

        // A condition "field = value" or "field IN (…)" (alone or ANDed) takes its candidates from an index.
        IEnumerable<JsonObject> records = (query.Where is null ? null : Candidates(obj, query.Where)) ?? org.LiveRecords(obj);
        List<JsonObject> rows = query.Where is null ? [.. records] : [.. records.Where(r => Matches(obj, r, query.Where))];
        if (query.IsAggregate)
        {
            return Aggregate(obj, query, rows);
        }

        List<(string Path, EmulatorSField Field, EmulatorSField? Relationship)> select = ExpandSelect(obj, query);
        if (query.OrderBy.Count > 0)
        {
            rows = Sort(obj, query.OrderBy, rows);
        }

        int from = Math.Min(rows.Count, query.Offset ?? 0);
        int count = Math.Min(rows.Count - from, query.Limit ?? int.MaxValue);
        if (from > 0 || count < rows.Count)
        {
            rows = rows.GetRange(from, count);
        }

        return SoqlResult.Records(rows, r => Project(obj, r, select));
    }

    /// <summary>Sorts rows by the ORDER BY items: each row's keys are computed once, then compared (ties keep creation
    /// order), so the sort does not re-read and re-parse values for every comparison.</summary>
    private List<JsonObject> Sort(EmulatorSObject obj, IReadOnlyList<SoqlOrder> orderBy, List<JsonObject> rows)
    {
        var resolved = orderBy.Select(o => (Order: o, Resolved: Resolve(obj, o.Path))).ToArray();
        int width = resolved.Length;
        var keys = new SortKey[rows.Count * width];
        for (int i = 0; i < rows.Count; i++)
        {
            for (int k = 0; k < width; k++)
            {
                keys[(i * width) + k] = SortKey.Of(ValueAt(obj, rows[i], resolved[k].Resolved), resolved[k].Resolved.Field);
            }
        }

        var order = new int[rows.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            for (int k = 0; k < width; k++)
            {
                int compared = SortKey.Compare(keys[(a * width) + k], keys[(b * width) + k], resolved[k].Order);
                if (compared != 0)
                {
                    return compared;
                }
            }

            return a.CompareTo(b);
        });

        var sorted = new List<JsonObject>(rows.Count);
        foreach (int i in order)
        {
            sorted.Add(rows[i]);
        }

        return sorted;
    }

    private List<(string Path, EmulatorSField Field, EmulatorSField? Relationship)> ExpandSelect(EmulatorSObject obj, SoqlQuery query)
    {
        var items = new List<(string Path, EmulatorSField Field, EmulatorSField? Relationship)>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (SoqlSelectItem item in query.Select)
        {
            IEnumerable<(string, EmulatorSField, EmulatorSField?)> expanded;
            if (item.Kind == SoqlSelectKind.Fields)
            {
                if (item.Path != "STANDARD" && query.Limit is not (>= 0 and <= 200))
                {
                    throw new SoqlException("MALFORMED_QUERY", "The SOQL FIELDS function must have a LIMIT of at most 200");
                }

                expanded = obj.Fields
                    .Where(f => item.Path == "ALL" || (item.Path == "CUSTOM") == f.Custom)
                    .Select(f => (f.Name, f, (EmulatorSField?)null))
                    .ToList();
            }
            else
            {
                var (field, relationship) = Resolve(obj, item.Path);
                string path = relationship is null ? field.Name : $"{relationship.RelationshipName}.{field.Name}";
                expanded = [(path, field, relationship)];
            }

            foreach (var entry in expanded)
            {
                if (!seen.Add(entry.Item1))
                {
                    throw new SoqlException("MALFORMED_QUERY", $"duplicate field selected: {entry.Item1}");
                }

                items.Add(entry);
            }
        }

        return items;
    }

    private SoqlResult Aggregate(EmulatorSObject obj, SoqlQuery query, List<JsonObject> rows)
    {
        if (query.Select.Any(static s => s.Kind == SoqlSelectKind.CountAll))
        {
            if (query.Select.Count > 1 || query.GroupBy.Count > 0)
            {
                throw new SoqlException("MALFORMED_QUERY", "COUNT() must be the only element in the SELECT list");
            }

            return SoqlResult.CountOf(rows.Count);
        }

        var groupFields = query.GroupBy.Select(g => Resolve(obj, g)).ToList();
        foreach (SoqlSelectItem item in query.Select)
        {
            if (item.Kind == SoqlSelectKind.Fields
                || (item.Kind == SoqlSelectKind.Field && !query.GroupBy.Contains(item.Path, StringComparer.OrdinalIgnoreCase)))
            {
                throw new SoqlException("MALFORMED_QUERY", $"Field must be grouped or aggregated: {item.Path}");
            }
        }

        var groups = new List<(JsonNode?[] Keys, List<JsonObject> Rows)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (JsonObject row in rows)
        {
            JsonNode?[] keys = [.. groupFields.Select(g => ValueAt(obj, row, g))];
            string key = string.Join('\u0001', keys.Select(static k => k?.ToJsonString() ?? "null"));
            if (!index.TryGetValue(key, out int position))
            {
                index[key] = position = groups.Count;
                groups.Add((keys, []));
            }

            groups[position].Rows.Add(row);
        }

        if (groups.Count == 0 && groupFields.Count == 0)
        {
            groups.Add(([], []));
        }

        var result = new List<JsonObject>(groups.Count);
        foreach (var (keys, members) in groups)
        {
            var aggregate = new JsonObject { ["attributes"] = new JsonObject { ["type"] = "AggregateResult" } };
            int expression = 0;
            foreach (SoqlSelectItem item in query.Select)
            {
                if (item.Kind == SoqlSelectKind.Field)
                {
                    int g = query.GroupBy.ToList().FindIndex(p => string.Equals(p, item.Path, StringComparison.OrdinalIgnoreCase));
                    aggregate[groupFields[g].Field.Name] = keys[g]?.DeepClone();
                }
                else
                {
                    var counted = Resolve(obj, item.Path);
                    aggregate[item.Alias ?? $"expr{expression++}"] = members.Count(r => ValueAt(obj, r, counted) is not null);
                }
            }

            result.Add(aggregate);
        }

        int? limit = query.Limit;
        return SoqlResult.Rendered(limit is int n ? [.. result.Take(n)] : result, result.Count);
    }

    private JsonObject Project(EmulatorSObject obj, JsonObject record, List<(string Path, EmulatorSField Field, EmulatorSField? Relationship)> select)
    {
        var row = new JsonObject { ["attributes"] = EmulatorSalesforceOrg.Attributes(version, obj.Name, EmulatorSalesforceOrg.Text(record["Id"])) };
        foreach (var (_, field, relationship) in select)
        {
            if (relationship is null)
            {
                row[field.Name] = org.Value(obj, record, field);
                continue;
            }

            string name = relationship.RelationshipName!;
            JsonObject? related = org.FindLive(relationship.ReferenceTo!, EmulatorSalesforceOrg.Text(record[relationship.Name]));
            if (related is null)
            {
                row[name] = null;
                continue;
            }

            if (row[name] is not JsonObject nested)
            {
                row[name] = nested = new JsonObject { ["attributes"] = EmulatorSalesforceOrg.Attributes(version, relationship.ReferenceTo!, EmulatorSalesforceOrg.Text(related["Id"])) };
            }

            nested[field.Name] = org.Value(org.Object(relationship.ReferenceTo!)!, related, field);
        }

        return row;
    }

    private (EmulatorSField Field, EmulatorSField? Relationship) Resolve(EmulatorSObject obj, string path)
    {
        int dot = path.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return (obj.Find(path) ?? throw NoSuchColumn(obj, path), null);
        }

        string relationshipName = path[..dot];
        string fieldName = path[(dot + 1)..];
        EmulatorSField? relationship = obj.FindRelationship(relationshipName);
        if (relationship?.ReferenceTo is not { } target || org.Object(target) is not { } related || fieldName.Contains('.', StringComparison.Ordinal))
        {
            throw new SoqlException("INVALID_FIELD", $"Didn't understand relationship '{relationshipName}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name.");
        }

        return (related.Find(fieldName) ?? throw NoSuchColumn(related, fieldName), relationship);
    }

    private static SoqlException NoSuchColumn(EmulatorSObject obj, string field) => new(
        "INVALID_FIELD",
        $"No such column '{field}' on entity '{obj.Name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.");

    private JsonNode? ValueAt(EmulatorSObject obj, JsonObject record, (EmulatorSField Field, EmulatorSField? Relationship) resolved)
    {
        if (resolved.Relationship is not { } relationship)
        {
            return org.Value(obj, record, resolved.Field);
        }

        JsonObject? related = org.FindLive(relationship.ReferenceTo!, EmulatorSalesforceOrg.Text(record[relationship.Name]));
        return related is null ? null : org.Value(org.Object(relationship.ReferenceTo!)!, related, resolved.Field);
    }

    private void Validate(EmulatorSObject obj, SoqlCondition condition)
    {
        switch (condition)
        {
            case SoqlAnd and:
                Validate(obj, and.Left);
                Validate(obj, and.Right);
                break;
            case SoqlOr or:
                Validate(obj, or.Left);
                Validate(obj, or.Right);
                break;
            case SoqlNot not:
                Validate(obj, not.Inner);
                break;
            case SoqlComparison comparison:
                EmulatorSField field = Resolve(obj, comparison.Path).Field;
                if (comparison.Operator == "LIKE" && !(field.IsText || field.Custom))
                {
                    throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR", $"invalid operator on {field.Type} field: LIKE");
                }

                foreach (SoqlLiteral literal in comparison.Values)
                {
                    if (literal.Kind != SoqlLiteralKind.Null)
                    {
                        CompareToLiteral(field, null, literal);
                    }
                }

                break;
        }
    }

    /// <summary>The records that may match, in creation order, from an index; <see langword="null"/> when no part of the
    /// condition can use one. Every record that matches is among them; <see cref="Matches"/> still decides.</summary>
    private IReadOnlyList<JsonObject>? Candidates(EmulatorSObject obj, SoqlCondition condition) => condition switch
    {
        SoqlAnd and => Candidates(obj, and.Left) ?? Candidates(obj, and.Right),
        SoqlComparison { Operator: "=" or "IN" } comparison
            when !comparison.Path.Contains('.', StringComparison.Ordinal)
            && obj.Find(comparison.Path) is { } field
            && comparison.Values.Count > 0
            && comparison.Values.All(v => v.Kind == SoqlLiteralKind.String && (!field.IsIdLike || EmulatorSalesforceIds.IsWellFormed(v.Text)))
            => org.Equal(obj, field, [.. comparison.Values.Select(static v => v.Text!)]),
        _ => null,
    };

    private bool Matches(EmulatorSObject obj, JsonObject record, SoqlCondition condition) => condition switch
    {
        SoqlAnd and => Matches(obj, record, and.Left) && Matches(obj, record, and.Right),
        SoqlOr or => Matches(obj, record, or.Left) || Matches(obj, record, or.Right),
        SoqlNot not => !Matches(obj, record, not.Inner),
        SoqlComparison comparison => Compare(obj, record, comparison),
        _ => throw new SoqlException("MALFORMED_QUERY", "Unknown condition."),
    };

    private bool Compare(EmulatorSObject obj, JsonObject record, SoqlComparison comparison)
    {
        var resolved = Resolve(obj, comparison.Path);
        JsonNode? value = ValueAt(obj, record, resolved);
        EmulatorSField field = resolved.Field;
        switch (comparison.Operator)
        {
            case "IN":
                return comparison.Values.Any(v => Test(field, value, "=", v));
            case "NOT IN":
                return !comparison.Values.Any(v => Test(field, value, "=", v));
            case "LIKE":
                string? text = EmulatorSalesforceOrg.Text(value);
                string pattern = "^" + Regex.Escape(comparison.Values[0].Text!).Replace("%", ".*", StringComparison.Ordinal).Replace("_", ".", StringComparison.Ordinal) + "$";
                return text is not null && Regex.IsMatch(text, pattern, RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            default:
                return Test(field, value, comparison.Operator, comparison.Values[0]);
        }
    }

    private static bool Test(EmulatorSField field, JsonNode? value, string op, SoqlLiteral literal)
    {
        if (literal.Kind == SoqlLiteralKind.Null)
        {
            return op switch
            {
                "=" => value is null,
                "!=" => value is not null,
                _ => throw new SoqlException("MALFORMED_QUERY", $"null can only be compared with = or !=, not {op}"),
            };
        }

        int? compared = CompareToLiteral(field, value, literal);
        if (compared is not int c)
        {
            // A null field equals no value and differs from every value.
            return op == "!=";
        }

        return op switch
        {
            "=" => c == 0,
            "!=" => c != 0,
            "<" => c < 0,
            "<=" => c <= 0,
            ">" => c > 0,
            ">=" => c >= 0,
            _ => false,
        };
    }

    /// <summary>Compares a field value with a literal; <see langword="null"/> when the value is null.</summary>
    private static int? CompareToLiteral(EmulatorSField field, JsonNode? value, SoqlLiteral literal)
    {
        if (field.IsIdLike)
        {
            if (literal.Kind != SoqlLiteralKind.String || !EmulatorSalesforceIds.IsWellFormed(literal.Text))
            {
                throw new SoqlException("INVALID_QUERY_FILTER_OPERATOR", $"invalid ID field: {literal.Text}");
            }

            string? id = EmulatorSalesforceOrg.Text(value);
            return id is null ? null : string.CompareOrdinal(EmulatorSalesforceIds.Key(id), EmulatorSalesforceIds.Key(literal.Text!));
        }

        if (field.Type == "boolean")
        {
            if (literal.Kind != SoqlLiteralKind.Boolean)
            {
                throw WrongType(field, "boolean");
            }

            return value?.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>().CompareTo(literal.Boolean) : null;
        }

        if (field.IsNumber)
        {
            if (literal.Kind != SoqlLiteralKind.Number)
            {
                throw WrongType(field, "number");
            }

            return Number(value) is decimal number ? number.CompareTo(literal.Number) : null;
        }

        if (field.Type is "datetime" or "date")
        {
            if (literal.Kind is not (SoqlLiteralKind.DateTime or SoqlLiteralKind.Date))
            {
                throw WrongType(field, field.Type);
            }

            return Moment(value) is DateTimeOffset moment ? moment.CompareTo(literal.Moment) : null;
        }

        if (literal.Kind != SoqlLiteralKind.String)
        {
            throw WrongType(field, "string");
        }

        string? text = value?.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            null or JsonValueKind.Null => null,
            _ => value.ToJsonString(),
        };
        return text is null ? null : string.Compare(text, literal.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static SoqlException WrongType(EmulatorSField field, string type) => new(
        "INVALID_QUERY_FILTER_OPERATOR",
        $"value of filter criterion for field '{field.Name}' must be of type {type} and should not be enclosed in quotes");

    /// <summary>A row's value for one ORDER BY item, in the form it is compared in, as Salesforce orders: ids by their
    /// 15-character key, numbers, date/times, booleans, and other values by their JSON text ignoring case; nulls first
    /// unless <c>NULLS LAST</c> (stated, or by default for <c>DESC</c>).</summary>
    private readonly record struct SortKey(bool IsNull, string? Text, decimal Number, DateTimeOffset Moment, bool Flag, bool Ordinal = false)
    {
        public static SortKey Of(JsonNode? value, EmulatorSField field)
        {
            if (value is null)
            {
                return new SortKey(true, null, 0, default, false);
            }

            if (field.IsIdLike)
            {
                return new SortKey(false, EmulatorSalesforceIds.Key(EmulatorSalesforceOrg.Text(value) ?? string.Empty), 0, default, false, Ordinal: true);
            }

            if (field.IsNumber)
            {
                return new SortKey(false, null, SoqlRunner.Number(value) ?? 0, default, false);
            }

            if (field.Type is "datetime" or "date")
            {
                return new SortKey(false, null, 0, SoqlRunner.Moment(value) ?? default, false);
            }

            return field.Type == "boolean"
                ? new SortKey(false, null, 0, default, value.GetValue<bool>())
                : new SortKey(false, value.ToJsonString(), 0, default, false);
        }

        public static int Compare(in SortKey a, in SortKey b, SoqlOrder order)
        {
            if (a.IsNull || b.IsNull)
            {
                if (a.IsNull && b.IsNull)
                {
                    return 0;
                }

                return a.IsNull == order.NullsLast ? 1 : -1;
            }

            int compared = a.Text is not null || b.Text is not null
                ? string.Compare(a.Text, b.Text, a.Ordinal ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase)
                : a.Number != b.Number ? a.Number.CompareTo(b.Number)
                : a.Moment != b.Moment ? a.Moment.CompareTo(b.Moment)
                : a.Flag.CompareTo(b.Flag);
            return order.Descending ? -compared : compared;
        }
    }

    internal static decimal? Number(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.String => decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal n) ? n : null,
        _ => null,
    };

    internal static DateTimeOffset? Moment(JsonNode? value) =>
        EmulatorSalesforceOrg.Text(value) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset moment)
            ? moment
            : null;
}
