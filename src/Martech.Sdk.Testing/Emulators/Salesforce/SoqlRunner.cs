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
    public (List<JsonObject> Rows, int TotalSize, bool CountOnly) Run(SoqlQuery query)
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
        var rows = records.Where(r => query.Where is null || Matches(obj, r, query.Where)).ToList();
        if (query.IsAggregate)
        {
            return Aggregate(obj, query, rows);
        }

        List<(string Path, EmulatorSField Field, EmulatorSField? Relationship)> select = ExpandSelect(obj, query);
        if (query.OrderBy.Count > 0)
        {
            var keys = query.OrderBy.Select(o => (Order: o, Resolved: Resolve(obj, o.Path))).ToList();
            rows.Sort((a, b) =>
            {
                foreach (var (order, resolved) in keys)
                {
                    int compared = CompareForOrder(ValueAt(obj, a, resolved), ValueAt(obj, b, resolved), resolved.Field, order);
                    if (compared != 0)
                    {
                        return compared;
                    }
                }

                return 0;
            });
        }

        IEnumerable<JsonObject> page = rows;
        if (query.Offset is int offset)
        {
            page = page.Skip(offset);
        }

        if (query.Limit is int limit)
        {
            page = page.Take(limit);
        }

        List<JsonObject> projected = [.. page.Select(r => Project(obj, r, select))];
        return (projected, projected.Count, false);
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

    private (List<JsonObject>, int, bool) Aggregate(EmulatorSObject obj, SoqlQuery query, List<JsonObject> rows)
    {
        if (query.Select.Any(static s => s.Kind == SoqlSelectKind.CountAll))
        {
            if (query.Select.Count > 1 || query.GroupBy.Count > 0)
            {
                throw new SoqlException("MALFORMED_QUERY", "COUNT() must be the only element in the SELECT list");
            }

            return ([], rows.Count, true);
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
        return (limit is int n ? [.. result.Take(n)] : result, result.Count, false);
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

    private static int CompareForOrder(JsonNode? a, JsonNode? b, EmulatorSField field, SoqlOrder order)
    {
        if (a is null || b is null)
        {
            if (a is null && b is null)
            {
                return 0;
            }

            // Nulls first unless NULLS LAST, whatever the direction.
            return (a is null) == order.NullsLast ? 1 : -1;
        }

        int compared;
        if (field.IsIdLike)
        {
            compared = string.CompareOrdinal(EmulatorSalesforceIds.Key(EmulatorSalesforceOrg.Text(a) ?? string.Empty), EmulatorSalesforceIds.Key(EmulatorSalesforceOrg.Text(b) ?? string.Empty));
        }
        else if (field.IsNumber)
        {
            compared = (Number(a) ?? 0).CompareTo(Number(b) ?? 0);
        }
        else if (field.Type is "datetime" or "date")
        {
            compared = (Moment(a) ?? default).CompareTo(Moment(b) ?? default);
        }
        else if (field.Type == "boolean")
        {
            compared = a.GetValue<bool>().CompareTo(b.GetValue<bool>());
        }
        else
        {
            compared = string.Compare(a.ToJsonString(), b.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        }

        return order.Descending ? -compared : compared;
    }

    private static decimal? Number(JsonNode? value) => value?.GetValueKind() switch
    {
        JsonValueKind.Number => decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
        JsonValueKind.String => decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out decimal n) ? n : null,
        _ => null,
    };

    private static DateTimeOffset? Moment(JsonNode? value) =>
        EmulatorSalesforceOrg.Text(value) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset moment)
            ? moment
            : null;
}
