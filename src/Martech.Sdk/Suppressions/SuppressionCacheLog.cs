using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Source-generated log messages of the suppression cache (counts only, never addresses).</summary>
internal static partial class SuppressionCacheLog
{
    [LoggerMessage(EventId = 400, Level = LogLevel.Debug, Message = "{Provider} suppression cache loaded: {Entries} entries for {Addresses} addresses.")]
    public static partial void Loaded(ILogger logger, string provider, int entries, int addresses);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "{Provider} suppression cache could not be loaded; the previous copy is kept and the load is tried again soon.")]
    public static partial void LoadFailed(ILogger logger, Exception exception, string provider);
}
