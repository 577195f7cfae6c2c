using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Logs each send: Debug with timing, Error on failure; recipients and subject only at Trace, never
/// attachment bytes or template data.</summary>
public sealed class LoggingEmailSender : DelegatingEmailSender
{
    private readonly LoggingPipeline _log;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerSender">The sender to forward to.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="provider">The provider instance name written with every entry.</param>
    public LoggingEmailSender(IEmailSender innerSender, ILogger logger, string provider)
        : base(innerSender)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _log = new LoggingPipeline(logger, provider);
    }

    /// <inheritdoc />
    public override Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
        _log.RunAsync("SendEmail", (InnerSender, message), static (s, ct) => s.InnerSender.SendAsync(s.message, ct), static s => s.message is null ? "null" : LoggingPayloads.Of(s.message), LoggingPayloads.Of, cancellationToken);

    /// <inheritdoc />
    public override Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("SendEmails", (InnerSender, messages, options), static (s, ct) => s.InnerSender.SendManyAsync(s.messages, s.options, ct), static s => $"count={s.messages?.Count}", LoggingPayloads.Of, cancellationToken);
}
