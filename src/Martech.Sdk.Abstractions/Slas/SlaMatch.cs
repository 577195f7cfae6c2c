namespace Martech.Sdk;

/// <summary>
/// Which items something applies to: by kind, status, source, owner, priority and other fields. Every criterion that
/// is set must hold; within one criterion any listed value matches (values ignore case). An empty match matches every
/// item.
/// </summary>
public sealed record SlaMatch
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>(0);

    /// <summary>Every item.</summary>
    public static SlaMatch Any { get; } = new();

    /// <summary>Only items of this kind; <see langword="null"/> for any kind.</summary>
    public SlaItemKind? Kind { get; init; }

    /// <summary>Only items whose current status is one of these.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];

    /// <summary>Only items whose source is one of these.</summary>
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>Only items whose owner is one of these.</summary>
    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary>Only items whose priority is one of these.</summary>
    public IReadOnlyList<string> Priorities { get; init; } = [];

    /// <summary>Only items whose fields have these values (names and values ignore case).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = NoFields;

    /// <summary>Whether an item matches.</summary>
    /// <param name="item">The item.</param>
    /// <returns><see langword="true"/> when every criterion that is set holds.</returns>
    public bool Matches(SlaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return Matches(item.Kind, item.Status, item.Source, item.OwnerId, item.Priority, item.Fields);
    }

    internal bool Matches(SlaItemFields item) => Matches(item.Kind, item.Status, item.Source, item.OwnerId, item.Priority, item.Fields ?? NoFields);

    private bool Matches(SlaItemKind itemKind, string? status, string? source, string? owner, string? priority, IReadOnlyDictionary<string, string> fields)
    {
        if (Kind is { } kind && kind != itemKind)
        {
            return false;
        }

        if (!In(Statuses, status) || !In(Sources, source) || !In(Owners, owner) || !In(Priorities, priority))
        {
            return false;
        }

        foreach (KeyValuePair<string, string> field in Fields)
        {
            if (!fields.TryGetValue(field.Key, out string? value) || !string.Equals(value, field.Value, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }

    internal IEnumerable<string> Validate(string path)
    {
        foreach ((string name, IReadOnlyList<string> values) in new[] { (nameof(Statuses), Statuses), (nameof(Sources), Sources), (nameof(Owners), Owners), (nameof(Priorities), Priorities) })
        {
            if (values is null || values.Any(string.IsNullOrWhiteSpace))
            {
                yield return $"{path}:{name} must not hold empty values.";
            }
        }

        if (Fields is null || Fields.Any(f => string.IsNullOrWhiteSpace(f.Key) || f.Value is null))
        {
            yield return $"{path}:{nameof(Fields)} needs a name and a value for each field.";
        }
    }

    internal static bool In(IReadOnlyList<string> values, string? value)
    {
        if (values.Count == 0)
        {
            return true;
        }

        if (value is null)
        {
            return false;
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
