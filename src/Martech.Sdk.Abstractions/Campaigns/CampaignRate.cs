namespace Martech.Sdk;

/// <summary>A rate in percent that names what it divides: <see cref="Numerator"/> ÷ <see cref="Denominator"/> × 100.</summary>
/// <remarks>Vendors define the same rate differently (Mailchimp divides opens by deliveries, others by sends; some count
/// unique clicks per link, others clickers), so a rate always carries its two counts and their names.</remarks>
/// <param name="Name">What the rate is called, such as <c>"click-through rate"</c>.</param>
/// <param name="Numerator">The count divided.</param>
/// <param name="NumeratorValue">Its value.</param>
/// <param name="Denominator">The count divided by.</param>
/// <param name="DenominatorValue">Its value.</param>
/// <param name="Percent"><see cref="NumeratorValue"/> ÷ <see cref="DenominatorValue"/> × 100; <see langword="null"/> when
/// the denominator is 0 or the source does not report one of the two counts.</param>
public sealed record CampaignRate(
    string Name,
    CampaignMetric Numerator,
    long NumeratorValue,
    CampaignMetric Denominator,
    long DenominatorValue,
    double? Percent)
{
    /// <summary>Writes the rate with its definition, such as <c>click-through rate 3.50 % (UniqueClicks 7 ÷ UniqueRecipients 200)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Name} {(Percent is { } p ? p.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " %" : "n/a")} ({Numerator} {NumeratorValue} ÷ {Denominator} {DenominatorValue})";
}
