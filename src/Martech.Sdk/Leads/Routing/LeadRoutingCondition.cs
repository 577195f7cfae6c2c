using System.Globalization;

namespace Martech.Sdk;

/// <summary>A condition on one field of a lead (<c>…:Conditions:&lt;n&gt;</c>), such as a territory, source or
/// company size. Text compares ignoring case and surrounding white space.</summary>
/// <remarks>Operators: <c>Equals</c> (one value), <c>OneOf</c> (any of the values), <c>Contains</c> and
/// <c>StartsWith</c> (any of the values), <c>Between</c> (a number from <see cref="Min"/> to <see cref="Max"/>, both
/// inclusive, either may be left out), <c>Present</c> and <c>Missing</c> (no values). A lead without the field matches
/// only <c>Missing</c>; a value that is not a number matches no <c>Between</c>.</remarks>
public sealed class LeadRoutingCondition
{
    private static readonly string[] Operators = ["Equals", "OneOf", "Contains", "StartsWith", "Between", "Present", "Missing"];

    /// <summary>The field, as <see cref="RecordField.Parse"/> reads it: a standard lead field (<c>Source</c>,
    /// <c>Company</c>, <c>Email</c>, …) or a custom field (<c>country</c>, <c>employees</c>).</summary>
    public string? Field { get; set; }

    /// <summary>The operator (see the remarks), ignoring case.</summary>
    public string? Operator { get; set; }

    /// <summary>The values compared with.</summary>
    public IReadOnlyList<string> Values { get; set; } = [];

    /// <summary>The smallest number <c>Between</c> accepts; <see langword="null"/> for no lower bound.</summary>
    public decimal? Min { get; set; }

    /// <summary>The largest number <c>Between</c> accepts; <see langword="null"/> for no upper bound.</summary>
    public decimal? Max { get; set; }

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The condition's section.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        string p = configurationPath;
        if (string.IsNullOrWhiteSpace(Field))
        {
            yield return $"{p}:{nameof(Field)} is required: a lead field such as Source or Company, or a custom field such as country.";
        }
        else if (!RecordField.TryParse(Field, out RecordField field, out string? error))
        {
            yield return $"{p}:{nameof(Field)}: {error}";
        }
        else if (!field.AppliesToLeads)
        {
            yield return $"{p}:{nameof(Field)} names {field}, which leads do not have: name a lead field, or write custom:{Field} for a custom field of that name.";
        }

        string? op = Known(Operator);
        if (op is null)
        {
            yield return $"{p}:{nameof(Operator)} '{Operator}' is not an operator: use one of {string.Join(", ", Operators)}.";
            yield break;
        }

        int count = Values?.Count ?? 0;
        if (Values?.Any(string.IsNullOrWhiteSpace) == true)
        {
            yield return $"{p}:{nameof(Values)} holds an empty value: remove it, or use Missing for leads without the field.";
        }

        switch (op)
        {
            case "Equals" when count != 1:
                yield return $"{p}:{nameof(Values)} must hold exactly one value for Equals (has {count}); use OneOf for several.";
                break;
            case "OneOf" or "Contains" or "StartsWith" when count == 0:
                yield return $"{p}:{nameof(Values)} is empty: {op} needs at least one value.";
                break;
            case "Between" when Min is null && Max is null:
                yield return $"{p} uses Between without {nameof(Min)} or {nameof(Max)}: set one or both, such as {nameof(Min)} = 200.";
                break;
            case "Between" when Min > Max:
                yield return $"{p}:{nameof(Min)} ({Min}) is larger than {nameof(Max)} ({Max}): swap them.";
                break;
            case "Present" or "Missing" or "Between" when count > 0:
                yield return $"{p}:{nameof(Values)} must be empty for {op} (has {count}).";
                break;
        }
    }

    /// <summary>Whether the lead meets the condition; the condition must be valid.</summary>
    internal bool Matches(Lead lead)
    {
        string? text = RecordField.Parse(Field!).GetText(lead)?.Trim();
        bool present = !string.IsNullOrEmpty(text);
        switch (Known(Operator))
        {
            case "Present": return present;
            case "Missing": return !present;
            case "Between":
                return present && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal number)
                    && (Min is null || number >= Min) && (Max is null || number <= Max);
        }

        if (!present)
        {
            return false;
        }

        foreach (string value in Values)
        {
            string wanted = value.Trim();
            bool hit = Known(Operator) switch
            {
                "Contains" => text!.Contains(wanted, StringComparison.OrdinalIgnoreCase),
                "StartsWith" => text!.StartsWith(wanted, StringComparison.OrdinalIgnoreCase),
                _ => string.Equals(text, wanted, StringComparison.OrdinalIgnoreCase),
            };
            if (hit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The condition as text, such as <c>country OneOf DE, AT</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Known(Operator) switch
    {
        "Present" or "Missing" => $"{Field} {Known(Operator)}",
        "Between" => $"{Field} Between {Min?.ToString(CultureInfo.InvariantCulture) ?? "…"} and {Max?.ToString(CultureInfo.InvariantCulture) ?? "…"}",
        _ => $"{Field} {Operator} {string.Join(", ", Values ?? [])}",
    };

    private static string? Known(string? op) =>
        op is null ? null : Array.Find(Operators, o => string.Equals(o, op.Trim(), StringComparison.OrdinalIgnoreCase));
}
