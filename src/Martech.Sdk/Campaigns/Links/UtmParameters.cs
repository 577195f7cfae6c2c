namespace Martech.Sdk;

/// <summary>The UTM parameters of a link: the nine Google Analytics 4 reads. Values are plain text (not
/// percent-encoded); <see cref="TrackedLinks"/> normalises and encodes them once.</summary>
public sealed record UtmParameters
{
    /// <summary><c>utm_id</c>: the campaign id (<see cref="Martech.Sdk.Campaign.Id"/>), what attribution ties a visit back
    /// to. Required to create a link.</summary>
    public string? Id { get; init; }

    /// <summary><c>utm_source</c>: who sends the visit, such as <c>newsletter</c>. Required to create a link.</summary>
    public string? Source { get; init; }

    /// <summary><c>utm_medium</c>: the kind of channel, such as <c>email</c> or <c>print</c>. Required to create a
    /// link.</summary>
    public string? Medium { get; init; }

    /// <summary><c>utm_campaign</c>: the campaign's name, as reports show it.</summary>
    public string? Campaign { get; init; }

    /// <summary><c>utm_source_platform</c>: the platform that directed the traffic.</summary>
    public string? SourcePlatform { get; init; }

    /// <summary><c>utm_term</c>: the paid keyword.</summary>
    public string? Term { get; init; }

    /// <summary><c>utm_content</c>: which link or creative, to tell the links of one message apart.</summary>
    public string? Content { get; init; }

    /// <summary><c>utm_creative_format</c>: the creative's format, such as <c>postcard</c>.</summary>
    public string? CreativeFormat { get; init; }

    /// <summary><c>utm_marketing_tactic</c>: the targeting tactic, such as <c>prospecting</c>.</summary>
    public string? MarketingTactic { get; init; }

    /// <summary>Gets a value by its parameter name, matched ignoring case (<c>UTM_Source</c> is <c>utm_source</c>).</summary>
    /// <param name="name">One of <see cref="UtmParameterNames.All"/>.</param>
    /// <returns>The value, or <see langword="null"/> when it is not set.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of the nine UTM parameters.</exception>
    public string? this[string name] => UtmNames.IndexOf(name) switch
    {
        0 => Id,
        1 => Source,
        2 => Medium,
        3 => Campaign,
        4 => SourcePlatform,
        5 => Term,
        6 => Content,
        7 => CreativeFormat,
        8 => MarketingTactic,
        _ => throw new ArgumentException($"'{name}' is not a UTM parameter; use one of {string.Join(", ", UtmParameterNames.All)}.", nameof(name)),
    };

    /// <summary>Returns a copy with one value replaced, the parameter named ignoring case.</summary>
    /// <param name="name">One of <see cref="UtmParameterNames.All"/>.</param>
    /// <param name="value">The value, or <see langword="null"/> to remove it.</param>
    /// <returns>The copy.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not one of the nine UTM parameters.</exception>
    public UtmParameters With(string name, string? value) => UtmNames.IndexOf(name) switch
    {
        0 => this with { Id = value },
        1 => this with { Source = value },
        2 => this with { Medium = value },
        3 => this with { Campaign = value },
        4 => this with { SourcePlatform = value },
        5 => this with { Term = value },
        6 => this with { Content = value },
        7 => this with { CreativeFormat = value },
        8 => this with { MarketingTactic = value },
        _ => throw new ArgumentException($"'{name}' is not a UTM parameter; use one of {string.Join(", ", UtmParameterNames.All)}.", nameof(name)),
    };
}
