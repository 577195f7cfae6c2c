using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Source-generated log messages of the logging middleware. Payloads are logged only at Trace.</summary>
internal static partial class MartechLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Provider} {Operation} invoked.")]
    public static partial void Invoked(ILogger logger, string provider, string operation);

    [LoggerMessage(EventId = 2, Level = LogLevel.Trace, Message = "{Provider} {Operation} invoked: {Payload}")]
    public static partial void InvokedPayload(ILogger logger, string provider, string operation, string payload);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "{Provider} {Operation} completed in {ElapsedMilliseconds:0.0} ms.")]
    public static partial void Completed(ILogger logger, string provider, string operation, double elapsedMilliseconds);

    [LoggerMessage(EventId = 4, Level = LogLevel.Trace, Message = "{Provider} {Operation} completed in {ElapsedMilliseconds:0.0} ms: {Payload}")]
    public static partial void CompletedPayload(ILogger logger, string provider, string operation, double elapsedMilliseconds, string payload);

    [LoggerMessage(EventId = 5, Level = LogLevel.Error, Message = "{Provider} {Operation} failed after {ElapsedMilliseconds:0.0} ms.")]
    public static partial void Failed(ILogger logger, string provider, string operation, double elapsedMilliseconds, Exception exception);

    [LoggerMessage(EventId = 6, Level = LogLevel.Debug, Message = "{Provider} {Operation} canceled after {ElapsedMilliseconds:0.0} ms.")]
    public static partial void Canceled(ILogger logger, string provider, string operation, double elapsedMilliseconds);

    [LoggerMessage(EventId = 7, Level = LogLevel.Debug, Message = "{Provider} {Operation} fetched a page of {Count} item(s); more: {HasMore}.")]
    public static partial void PageFetched(ILogger logger, string provider, string operation, int count, bool hasMore);

    [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "{Provider} {Operation}: {Withheld} recipient(s) withheld for consent ({Codes}).")]
    public static partial void Withheld(ILogger logger, string provider, string operation, int withheld, string codes);
}
