namespace Martech.Sdk;

/// <summary>
/// Settings of the SLA monitor, bound from <c>Martech:Slas</c> and validated when the host starts. Time policies are
/// in <c>Martech:Slas:Policies:&lt;name&gt;</c> and volume policies in <c>Martech:Slas:Volumes:&lt;name&gt;</c>
/// (or added in code with <c>AddPolicy</c> and <c>AddVolumePolicy</c>).
/// </summary>
public sealed class SlaOptions
{
    /// <summary>How often the monitor evaluates every policy.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan EvaluationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The provider instance whose leads the monitor lists on each pass (any instance that supplies leads,
    /// such as <c>InMemory</c> or <c>HubSpot</c>); <see langword="null"/> to evaluate only recorded histories.</summary>
    public string? LeadsProvider { get; set; }

    /// <summary>Where escalation cards go (<c>Martech:Slas:Escalation</c>: <c>Provider</c>, <c>Destination</c>,
    /// <c>AtRisk</c>, <c>ItemLinkFormat</c>, <c>ClaimTimeout</c>); no escalation without a provider.</summary>
    public SlaEscalationOptions Escalation { get; set; } = new();

    /// <summary>How long an item whose clocks are all closed is kept after its last event: each pass removes older ones
    /// (history and notification states) from a store that supports it, such as <see cref="InMemorySlaStore"/>, so its
    /// memory stays bounded. Campaigns (bounce rates) follow the same age rule. Volume results of periods older than this
    /// no longer see the removed items; leads listed from <see cref="LeadsProvider"/> are not removed.</summary>
    /// <value>The default value is 62 days: the longest volume period (a month) and a month of margin.</value>
    public TimeSpan ClosedItemRetention { get; set; } = TimeSpan.FromDays(62);

    /// <summary>Senders of inbound messages (<see cref="MessageReceivedEvent.From"/>) who are your own agents: their
    /// messages count as replies (<see cref="SlaItemEventType.Responded"/>), not as customer messages.</summary>
    public IReadOnlyList<string> AgentIds { get; set; } = [];

    /// <summary>Email event types that count as a touch of the leads (and other items) with the recipient's address,
    /// such as <c>delivered</c>; empty (the default) for none.</summary>
    public IReadOnlyList<string> EmailTouchEvents { get; set; } = [];

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:Slas</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        string p = configurationPath;
        if (EvaluationInterval < TimeSpan.FromSeconds(1) || EvaluationInterval > TimeSpan.FromDays(1))
        {
            yield return $"{p}:{nameof(EvaluationInterval)} must be between 1 second and 1 day (was {EvaluationInterval}).";
        }

        if (Escalation is null)
        {
            yield return $"{p}:{nameof(Escalation)} must not be null.";
        }
        else
        {
            foreach (string problem in Escalation.Validate($"{p}:{nameof(Escalation)}"))
            {
                yield return problem;
            }
        }

        if (ClosedItemRetention < TimeSpan.FromHours(1))
        {
            yield return $"{p}:{nameof(ClosedItemRetention)} must be at least 1 hour, and longer than your longest volume period (was {ClosedItemRetention}).";
        }

        if (AgentIds is null || AgentIds.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{p}:{nameof(AgentIds)} must not hold empty values.";
        }

        if (EmailTouchEvents is null || EmailTouchEvents.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{p}:{nameof(EmailTouchEvents)} must not hold empty values; use email event types such as delivered.";
        }
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(SlaOptions);
}
