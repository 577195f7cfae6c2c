using System.Globalization;

namespace Martech.Sdk;

/// <summary>A fit rule: points when a field of the lead or contact passes a test, such as 20 points when
/// <c>JobTitle</c> contains "VP" or 15 when the custom field <c>employees</c> is between 200 and 5000. Rules add up
/// (several may count); negative points take away (a student address, a competitor).</summary>
public sealed record FitScoringRule
{
    /// <summary>The rule's name, unique among the fit and engagement rules; explanations name it.</summary>
    public required string Name { get; init; }

    /// <summary>The field tested: a standard field or a custom field (see <see cref="RecordField"/>).</summary>
    public required RecordField Field { get; init; }

    /// <summary>The test.</summary>
    public required FitOperator Operator { get; init; }

    /// <summary>The value(s) compared with: exactly one for <see cref="FitOperator.Equals"/>, one or more for
    /// <see cref="FitOperator.OneOf"/>, <see cref="FitOperator.Contains"/> and <see cref="FitOperator.StartsWith"/>
    /// (the rule counts when any matches); none for the others.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>The lower bound (inclusive) of <see cref="FitOperator.Between"/>.</summary>
    public double? Min { get; init; }

    /// <summary>The upper bound (exclusive) of <see cref="FitOperator.Between"/>.</summary>
    public double? Max { get; init; }

    /// <summary>The points the rule adds when it counts (negative to take away).</summary>
    public required int Points { get; init; }

    /// <summary>The group the rule belongs to, whose cap (<see cref="LeadScoringOptions.FitGroupCaps"/>) limits what its
    /// rules add together; <see langword="null"/> for none.</summary>
    public string? Group { get; init; }

    internal IEnumerable<string> Validate(string path)
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return $"{path}:Name is required.";
        }

        if (Field.Name.Length == 0)
        {
            yield return $"{path}:Field is required: a standard field (Email, Company, JobTitle, Source, ...) or a custom field's name.";
        }

        if (!Enum.IsDefined(Operator))
        {
            yield return $"{path}:Operator ({(int)Operator}) is not one of {string.Join(", ", Enum.GetNames<FitOperator>())}.";
            yield break;
        }

        int values = Values?.Count ?? 0;
        bool blank = Values?.Any(string.IsNullOrWhiteSpace) ?? false;
        switch (Operator)
        {
            case FitOperator.Equals when values != 1 || blank:
                yield return $"{path}:Values must hold exactly one value for Equals (has {values}); use OneOf for several.";
                break;
            case FitOperator.OneOf or FitOperator.Contains or FitOperator.StartsWith when values == 0 || blank:
                yield return $"{path}:Values must hold at least one non-blank value for {Operator}, such as [\"VP\", \"Head of\"].";
                break;
            case FitOperator.Between when Min is null && Max is null:
                yield return $"{path} uses Between without Min or Max: set Min (inclusive) and/or Max (exclusive), such as Min = 200 and Max = 5000.";
                break;
            case FitOperator.Between when Min is { } min && Max is { } max && min >= max:
                yield return $"{path}:Min ({Format(min)}) must be below Max ({Format(max)}).";
                break;
            case FitOperator.Between or FitOperator.Present or FitOperator.Missing when values > 0:
                yield return $"{path}:Values is not used by {Operator}: remove it{(Operator == FitOperator.Between ? " and set Min and/or Max" : string.Empty)}.";
                break;
        }

        if (Operator != FitOperator.Between && (Min is not null || Max is not null))
        {
            yield return $"{path}:Min and Max are only used by Between (the operator is {Operator}).";
        }

        if (Min is { } m && !double.IsFinite(m) || Max is { } x && !double.IsFinite(x))
        {
            yield return $"{path}:Min and Max must be finite numbers.";
        }

        if (Points == 0)
        {
            yield return $"{path}:Points is 0, so the rule counts nothing: give it points (negative to take away) or remove it.";
        }
    }

    /// <summary>Whether the value passes the test.</summary>
    internal bool Matches(string? value)
    {
        string text = value?.Trim() ?? string.Empty;
        switch (Operator)
        {
            case FitOperator.Present:
                return text.Length > 0;
            case FitOperator.Missing:
                return text.Length == 0;
            case FitOperator.Between:
                return text.Length > 0
                    && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
                    && (Min is not { } min || number >= min)
                    && (Max is not { } max || number < max);
        }

        if (text.Length == 0)
        {
            return false;
        }

        foreach (string candidate in Values)
        {
            string wanted = candidate.Trim();
            bool hit = Operator switch
            {
                FitOperator.Contains => text.Contains(wanted, StringComparison.OrdinalIgnoreCase),
                FitOperator.StartsWith => text.StartsWith(wanted, StringComparison.OrdinalIgnoreCase),
                _ => string.Equals(text, wanted, StringComparison.OrdinalIgnoreCase),
            };
            if (hit)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What the test was, for explanations: <c>JobTitle 'VP Marketing' contains 'vp'</c>.</summary>
    internal string Describe(string? value)
    {
        string shown = value is null ? "(none)" : $"'{value}'";
        return Operator switch
        {
            FitOperator.Present => $"{Field.Name} {shown} is present",
            FitOperator.Missing => $"{Field.Name} is missing",
            FitOperator.Between => $"{Field.Name} {shown} is {(Min is { } min ? "≥ " + Format(min) : string.Empty)}{(Min is not null && Max is not null ? " and " : string.Empty)}{(Max is { } max ? "< " + Format(max) : string.Empty)}",
            FitOperator.Equals => $"{Field.Name} {shown} equals '{Values[0]}'",
            FitOperator.OneOf => $"{Field.Name} {shown} is one of {Quoted()}",
            FitOperator.Contains => $"{Field.Name} {shown} contains {Quoted()}",
            _ => $"{Field.Name} {shown} starts with {Quoted()}",
        };
    }

    private string Quoted() => Values.Count == 1 ? $"'{Values[0]}'" : "[" + string.Join(", ", Values.Select(v => $"'{v}'")) + "]";

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
