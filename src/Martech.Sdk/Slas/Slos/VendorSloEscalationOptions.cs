namespace Martech.Sdk;

/// <summary>
/// Where breach and recovery cards go, bound from <c>Martech:Slos:Escalation</c>: a messaging provider instance
/// (Slack, Teams, Intercom, Twilio, in-memory) and a destination on it. When <see cref="Provider"/> is set, a
/// <see cref="VendorSloMessageHandler"/> posts every transition there.
/// </summary>
public sealed class VendorSloEscalationOptions
{
    /// <summary>The messaging provider instance, such as <c>Slack</c>; it must supply <see cref="IMessageSender"/>.</summary>
    /// <value>The default value is <see langword="null"/>: no escalation card.</value>
    public string? Provider { get; set; }

    /// <summary>Where on it: a channel name (<c>#vendor-alerts</c>), or <c>channel:&lt;id&gt;</c>, <c>user:&lt;id&gt;</c>,
    /// <c>conversation:&lt;id&gt;</c> or <c>phone:&lt;E.164 number&gt;</c>.</summary>
    /// <value>The default value is <see langword="null"/>; required with <see cref="Provider"/>.</value>
    public string? Destination { get; set; }

    /// <summary>Parses <see cref="Destination"/>.</summary>
    /// <returns>The destination.</returns>
    /// <exception cref="ArgumentException"><see cref="Destination"/> is empty, has an unknown kind, or an invalid phone
    /// number; the message shows the accepted forms.</exception>
    public MessageDestination ParseDestination() => MessageDestination.Parse(Destination ?? string.Empty);

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(VendorSloEscalationOptions);
}
