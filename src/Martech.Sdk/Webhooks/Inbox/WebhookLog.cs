using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Source-generated log messages of the webhook inbox and dispatcher. Rejection messages never hold a secret;
/// event contents are not logged.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "{Provider} webhook rejected ({Reason}), answered {StatusCode}: {Detail}")]
    public static partial void Rejected(ILogger logger, string provider, WebhookRejectionReason reason, int statusCode, string detail);

    [LoggerMessage(EventId = 304, Level = LogLevel.Warning, Message = "{Provider} webhook rejected ({Reason}); what was checked, as rebuilt here (no secret): {Diagnostic}")]
    public static partial void RejectedDiagnostic(ILogger logger, string provider, WebhookRejectionReason reason, string diagnostic);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "{Provider} webhook: {Accepted} new events recorded, {Duplicates} duplicates acknowledged.")]
    public static partial void Accepted(ILogger logger, string provider, int accepted, int duplicates);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "{Provider} webhook: the event store could not record {Count} events; answered 503 so the vendor delivers them again.")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string provider, int count);

    [LoggerMessage(EventId = 303, Level = LogLevel.Warning, Message = "{Provider} webhook: the event store is full; answered 503 so the vendor delivers again later.")]
    public static partial void StoreFull(ILogger logger, string provider);

    [LoggerMessage(EventId = 310, Level = LogLevel.Warning, Message = "Event {Key} ({Kind}): attempt {Attempt} failed, retrying in {DelayMilliseconds:0} ms: {Error}")]
    public static partial void HandlerFailed(ILogger logger, string key, string kind, int attempt, double delayMilliseconds, string error);

    [LoggerMessage(EventId = 311, Level = LogLevel.Error, Message = "Event {Key} ({Kind}) parked after {Attempt} failed attempts; replay it with MartechWebhookInbox.ReplayAsync once the cause is fixed. Last error: {Error}")]
    public static partial void Parked(ILogger logger, string key, string kind, int attempt, string error);

    [LoggerMessage(EventId = 312, Level = LogLevel.Debug, Message = "Event {Key}: a newer change to {Resource} was already handled; not handed to handlers.")]
    public static partial void Superseded(ILogger logger, string key, string resource);

    [LoggerMessage(EventId = 313, Level = LogLevel.Debug, Message = "Event {Key} ({Kind}) handled on attempt {Attempt} by {Handlers} handlers in {ElapsedMilliseconds:0.0} ms.")]
    public static partial void Handled(ILogger logger, string key, string kind, int attempt, int handlers, double elapsedMilliseconds);

    [LoggerMessage(EventId = 315, Level = LogLevel.Debug, Message = "Event {Key}: could not {Action} it, its lease had run out and another dispatcher has it.")]
    public static partial void LeaseLost(ILogger logger, string key, string action);

    [LoggerMessage(EventId = 316, Level = LogLevel.Error, Message = "Event {Key}: the event store failed to {Action} it; it is handed out again when its lease runs out.")]
    public static partial void StoreCallFailed(ILogger logger, Exception exception, string key, string action);

    [LoggerMessage(EventId = 314, Level = LogLevel.Error, Message = "The webhook dispatcher could not reach the event store; trying again in {DelayMilliseconds:0} ms.")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception, double delayMilliseconds);
}
