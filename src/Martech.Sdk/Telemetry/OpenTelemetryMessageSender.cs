namespace Martech.Sdk;

/// <summary>Traces and times each chat or SMS send (<c>messaging.send</c>).</summary>
public sealed class OpenTelemetryMessageSender : DelegatingMessageSender
{
    private readonly TelemetryPipeline _telemetry;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerSender">The sender to forward to.</param>
    /// <param name="provider">The provider instance name tagged on every activity and measurement.</param>
    public OpenTelemetryMessageSender(IMessageSender innerSender, string provider)
        : base(innerSender)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _telemetry = new TelemetryPipeline(provider);
    }

    /// <inheritdoc />
    public override Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("messaging.send", (InnerSender, message), static (s, ct) => s.InnerSender.SendAsync(s.message, ct), cancellationToken);
}
