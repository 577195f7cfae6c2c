namespace Martech.Sdk;

/// <summary>
/// Where SLA escalation cards go, bound from <c>Martech:Slas:Escalation</c> — the same shape as the vendor SLOs'
/// <c>Martech:Slos:Escalation</c> (<see cref="Provider"/> and <see cref="Destination"/>), plus what only SLAs have.
/// </summary>
public sealed class SlaEscalationOptions
{
    /// <summary>The messaging provider instance cards are sent through (any that sends messages: Slack, Teams, Intercom,
    /// Twilio, InMemory).</summary>
    /// <value>The default value is <see langword="null"/>: no escalation.</value>
    public string? Provider { get; set; }

    /// <summary>Where on it, as <see cref="MessageDestination.Parse"/> reads it: <c>#channel</c>,
    /// <c>channel:&lt;id&gt;</c>, <c>channel:&lt;id&gt;/&lt;thread&gt;</c>, <c>user:&lt;id&gt;</c>,
    /// <c>conversation:&lt;id&gt;</c> or <c>phone:&lt;E.164&gt;</c>.</summary>
    /// <value>The default value is <see langword="null"/>; required with <see cref="Provider"/>.</value>
    public string? Destination { get; set; }

    /// <summary>Whether "at risk" transitions are escalated too (breaches always are).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AtRisk { get; set; }

    /// <summary>A link to the item for the cards, with <c>{kind}</c> and <c>{id}</c> replaced, such as
    /// <c>https://crm.example.com/{kind}s/{id}</c>; <see langword="null"/> for none.</summary>
    public string? ItemLinkFormat { get; set; }

    /// <summary>How long an escalation a monitor claimed may stay unsent before any monitor on the store sends it: the
    /// claimant stopped or crashed between the claim and the send. Longer than the slowest send.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Parses <see cref="Destination"/>.</summary>
    /// <returns>The destination.</returns>
    /// <exception cref="ArgumentException"><see cref="Destination"/> is not a destination; the message shows the
    /// accepted forms.</exception>
    public MessageDestination ParseDestination() => MessageDestination.Parse(Destination ?? string.Empty);

    internal IEnumerable<string> Validate(string path)
    {
        if ((Provider is null) != (Destination is null))
        {
            yield return $"{path}: set both {nameof(Provider)} and {nameof(Destination)} to escalate, or neither (were '{Provider}' and '{Destination}').";
        }

        if (Destination is not null && !MessageDestination.TryParse(Destination, out _, out string? error))
        {
            yield return $"{path}:{nameof(Destination)} {error}";
        }

        if (ItemLinkFormat is not null && SlaEscalation.ItemLink(ItemLinkFormat, SlaItemKind.Lead, "1") is null)
        {
            yield return $"{path}:{nameof(ItemLinkFormat)} must be an absolute http(s) address, such as https://crm.example.com/{{kind}}s/{{id}} (was '{ItemLinkFormat}').";
        }

        if (ClaimTimeout < TimeSpan.FromSeconds(1) || ClaimTimeout > TimeSpan.FromDays(1))
        {
            yield return $"{path}:{nameof(ClaimTimeout)} must be between 1 second and 1 day (was {ClaimTimeout}).";
        }
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(SlaEscalationOptions);
}
