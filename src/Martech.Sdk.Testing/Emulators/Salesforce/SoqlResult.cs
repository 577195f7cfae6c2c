using System.Text.Json.Nodes;

namespace Martech.Sdk.Testing;

/// <summary>
/// The rows of a SOQL query, in order: for a plain query, the matching records (references, not copies), each rendered
/// into a result row only when a batch that holds it is read, so a query costs what it matches, and a batch what it
/// returns; for an aggregate, the result rows themselves.
/// </summary>
internal sealed class SoqlResult
{
    private readonly IReadOnlyList<JsonObject> _rows;
    private readonly Func<JsonObject, JsonObject>? _render;

    private SoqlResult(IReadOnlyList<JsonObject> rows, Func<JsonObject, JsonObject>? render, int totalSize, bool countOnly)
    {
        _rows = rows;
        _render = render;
        TotalSize = totalSize;
        CountOnly = countOnly;
    }

    /// <summary>Gets the <c>totalSize</c> Salesforce reports.</summary>
    public int TotalSize { get; }

    /// <summary>Gets whether the query was <c>SELECT COUNT()</c>: a size and no rows.</summary>
    public bool CountOnly { get; }

    /// <summary>Gets the rows the cursor returns.</summary>
    public int Count => _rows.Count;

    /// <summary>Records rendered on read by <paramref name="render"/>, which must run under the org's lock.</summary>
    public static SoqlResult Records(IReadOnlyList<JsonObject> records, Func<JsonObject, JsonObject> render) =>
        new(records, render, records.Count, countOnly: false);

    /// <summary>Rows already rendered (aggregates), copied on read.</summary>
    public static SoqlResult Rendered(IReadOnlyList<JsonObject> rows, int totalSize) => new(rows, null, totalSize, countOnly: false);

    /// <summary>The size of a <c>SELECT COUNT()</c>.</summary>
    public static SoqlResult CountOf(int totalSize) => new([], null, totalSize, countOnly: true);

    /// <summary>Renders the rows from <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive); call it
    /// under the org's lock.</summary>
    public JsonArray Render(int start, int end)
    {
        var records = new JsonArray();
        for (int i = start; i < end; i++)
        {
            records.Add(_render is { } render ? render(_rows[i]) : _rows[i].DeepClone());
        }

        return records;
    }
}
