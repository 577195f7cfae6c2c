namespace Martech.Sdk;

/// <summary>Traces and times each send (<c>email.send</c>, <c>email.send_many</c>).</summary>
public sealed class OpenTelemetryEmailSender : DelegatingEmailSender
{
    private readonly TelemetryPipeline _telemetry;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerSender">The sender to forward to.</param>
    /// <param name="provider">The provider instance name tagged on every activity and measurement.</param>
    public OpenTelemetryEmailSender(IEmailSender innerSender, string provider)
        : base(innerSender)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _telemetry = new TelemetryPipeline(provider);
    }

    /// <inheritdoc />
    public override Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("email.send", (InnerSender, message), static (s, ct) => s.InnerSender.SendAsync(s.message, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("email.send_many", (InnerSender, messages, options), static (s, ct) => s.InnerSender.SendManyAsync(s.messages, s.options, ct), cancellationToken);
}
