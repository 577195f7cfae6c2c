using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Source-generated log messages of the HTTP transport. URLs are always redacted: secrets masked at every
/// level; personal data in paths and queries masked at every level but Trace.</summary>
internal static partial class TransportLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "{Provider} {Operation}: HTTP {Method} {Url} answered {StatusCode} in {ElapsedMilliseconds:0.0} ms.")]
    public static partial void Response(ILogger logger, string provider, string operation, string method, string url, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "{Provider} {Operation}: HTTP {Method} {Url} failed after {ElapsedMilliseconds:0.0} ms: {Error}")]
    public static partial void Failed(ILogger logger, string provider, string operation, string method, string url, double elapsedMilliseconds, string error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Trace, Message = "{Provider} {Operation}: request headers {Headers}")]
    public static partial void RequestHeaders(ILogger logger, string provider, string operation, string headers);

    [LoggerMessage(EventId = 105, Level = LogLevel.Trace, Message = "{Provider} {Operation}: HTTP {Method} {Url}")]
    public static partial void RequestUrl(ILogger logger, string provider, string operation, string method, string url);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "{Provider} {Operation}: retry {Attempt} in {DelayMilliseconds:0} ms because {Reason}.")]
    public static partial void Retrying(ILogger logger, string provider, string operation, int attempt, double delayMilliseconds, string reason);

    [LoggerMessage(EventId = 104, Level = LogLevel.Debug, Message = "{Provider}: waited {WaitMilliseconds:0} ms for the rate budget.")]
    public static partial void RateLimitWaited(ILogger logger, string provider, double waitMilliseconds);
}
