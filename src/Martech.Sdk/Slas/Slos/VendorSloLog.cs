using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Source-generated log messages of vendor SLOs (category <c>Martech.Sdk.Slos</c>).</summary>
internal static partial class VendorSloLog
{
    [LoggerMessage(EventId = 800, Level = LogLevel.Warning, Message = "Vendor SLO breached: {Instance} {Operation} {Objective} is at {Actual:0.000} % over {Window}.")]
    public static partial void Breached(ILogger logger, string instance, string operation, string objective, double? actual, TimeSpan window);

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Vendor SLO recovered: {Instance} {Operation} {Objective} is at {Actual:0.000} % over {Window}.")]
    public static partial void Recovered(ILogger logger, string instance, string operation, string objective, double? actual, TimeSpan window);

    [LoggerMessage(EventId = 802, Level = LogLevel.Error, Message = "The vendor SLO handler {Handler} failed on the {Kind} event of {Instance} {Objective}.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, VendorSloEventKind kind, string instance, string objective);

    [LoggerMessage(EventId = 803, Level = LogLevel.Error, Message = "Evaluating vendor SLOs failed.")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception);
}
