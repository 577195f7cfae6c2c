using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Logs each chat or SMS send: Debug with timing, Error on failure, text only at Trace.</summary>
public sealed class LoggingMessageSender : DelegatingMessageSender
{
    private readonly LoggingPipeline _log;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerSender">The sender to forward to.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="provider">The provider instance name written with every entry.</param>
    public LoggingMessageSender(IMessageSender innerSender, ILogger logger, string provider)
        : base(innerSender)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _log = new LoggingPipeline(logger, provider);
    }

    /// <inheritdoc />
    public override Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
        _log.RunAsync("SendMessage", (InnerSender, message), static (s, ct) => s.InnerSender.SendAsync(s.message, ct), static s => s.message is null ? "null" : LoggingPayloads.Of(s.message), LoggingPayloads.Of, cancellationToken);
}
