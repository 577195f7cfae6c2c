namespace Martech.Sdk.Testing;

/// <summary>A parsed SOQL statement, as far as the Salesforce emulator understands SOQL.</summary>
internal sealed class SoqlQuery
{
    public required IReadOnlyList<SoqlSelectItem> Select { get; init; }

    public required string From { get; init; }

    public SoqlCondition? Where { get; init; }

    public IReadOnlyList<string> GroupBy { get; init; } = [];

    public IReadOnlyList<SoqlOrder> OrderBy { get; init; } = [];

    public int? Limit { get; init; }

    public int? Offset { get; init; }

    public bool IsAggregate => GroupBy.Count > 0 || Select.Any(static s => s.Kind is SoqlSelectKind.Count or SoqlSelectKind.CountAll);
}

/// <summary>What a select item is.</summary>
internal enum SoqlSelectKind
{
    /// <summary>A field or a relationship path (<c>Account.Name</c>).</summary>
    Field,

    /// <summary><c>FIELDS(STANDARD|CUSTOM|ALL)</c>.</summary>
    Fields,

    /// <summary><c>COUNT(field) [alias]</c>.</summary>
    Count,

    /// <summary><c>COUNT()</c>: only <c>totalSize</c> is answered.</summary>
    CountAll,
}

/// <summary>One item of a SELECT list.</summary>
/// <param name="Kind">What it is.</param>
/// <param name="Path">The field path (<c>Email</c>, <c>Account.Name</c>), the FIELDS group, or the counted field.</param>
/// <param name="Alias">The alias of an aggregate, if given.</param>
internal sealed record SoqlSelectItem(SoqlSelectKind Kind, string Path, string? Alias = null);

/// <summary>One ORDER BY key.</summary>
/// <param name="Path">The field path.</param>
/// <param name="Descending">DESC.</param>
/// <param name="NullsLast">Where nulls go: NULLS LAST, by default for DESC.</param>
internal sealed record SoqlOrder(string Path, bool Descending, bool NullsLast);

/// <summary>A WHERE condition tree.</summary>
internal abstract record SoqlCondition;

/// <summary><c>a AND b</c>.</summary>
internal sealed record SoqlAnd(SoqlCondition Left, SoqlCondition Right) : SoqlCondition;

/// <summary><c>a OR b</c>.</summary>
internal sealed record SoqlOr(SoqlCondition Left, SoqlCondition Right) : SoqlCondition;

/// <summary><c>NOT a</c>.</summary>
internal sealed record SoqlNot(SoqlCondition Inner) : SoqlCondition;

/// <summary><c>field op value</c>, <c>field [NOT] IN (…)</c> or <c>field LIKE 'pattern'</c>.</summary>
/// <param name="Path">The field path.</param>
/// <param name="Operator">=, !=, &lt;, &lt;=, &gt;, &gt;=, IN, NOT IN, LIKE.</param>
/// <param name="Values">The literal (one, or the IN list).</param>
internal sealed record SoqlComparison(string Path, string Operator, IReadOnlyList<SoqlLiteral> Values) : SoqlCondition;

/// <summary>What a literal is.</summary>
internal enum SoqlLiteralKind
{
    String,
    Number,
    Boolean,
    Null,
    DateTime,
    Date,
}

/// <summary>A literal value of a condition.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="Text">The string value, or the literal's text for numbers.</param>
/// <param name="Number">The number, for numbers.</param>
/// <param name="Boolean">The boolean, for booleans.</param>
/// <param name="Moment">The moment, for datetimes and dates (midnight UTC).</param>
internal sealed record SoqlLiteral(SoqlLiteralKind Kind, string? Text = null, decimal Number = 0, bool Boolean = false, DateTimeOffset Moment = default);

/// <summary>A query Salesforce would refuse: the emulator answers 400 with <see cref="ErrorCode"/>.</summary>
internal sealed class SoqlException(string errorCode, string message) : Exception(message)
{
    public string ErrorCode { get; } = errorCode;
}
