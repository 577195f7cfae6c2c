namespace Martech.Sdk;

/// <summary>How a <see cref="FitScoringRule"/> tests a field's value. Text comparisons ignore case and surrounding white
/// space.</summary>
public enum FitOperator
{
    /// <summary>The value equals the rule's single value.</summary>
    Equals,

    /// <summary>The value equals one of the rule's values.</summary>
    OneOf,

    /// <summary>The value contains one of the rule's values.</summary>
    Contains,

    /// <summary>The value starts with one of the rule's values.</summary>
    StartsWith,

    /// <summary>The value is a number (invariant culture, a dot for decimals) at least <see cref="FitScoringRule.Min"/>
    /// and below <see cref="FitScoringRule.Max"/>; either bound may be left out.</summary>
    Between,

    /// <summary>The field has a value that is not blank.</summary>
    Present,

    /// <summary>The field has no value, or only white space (also a field the record type does not have, such as
    /// <c>Source</c> on a contact).</summary>
    Missing,
}
