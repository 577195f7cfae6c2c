using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Source-generated log messages of the SLA monitor. Item ids and policy names are logged; item contents are
/// not.</summary>
internal static partial class SlaLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "SLA {Kind} under '{Policy}' for {ItemKind} {ItemId} (cycle {Cycle}).")]
    public static partial void Transition(ILogger logger, SlaTransitionKind kind, string policy, SlaItemKind itemKind, string itemId, int cycle);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "An SLA transition handler failed on {Kind} of '{Policy}' for {ItemKind} {ItemId}; it is not handed over again.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, SlaTransitionKind kind, string policy, SlaItemKind itemKind, string itemId);

    [LoggerMessage(EventId = 502, Level = LogLevel.Error, Message = "The SLA escalation of {Kind} of '{Policy}' for {ItemKind} {ItemId} through '{Provider}' failed; {Retry}.")]
    public static partial void EscalationFailed(ILogger logger, Exception exception, SlaTransitionKind kind, string policy, SlaItemKind itemKind, string itemId, string provider, string retry);

    [LoggerMessage(EventId = 503, Level = LogLevel.Error, Message = "An SLA monitor pass failed; the next runs in {Interval}.")]
    public static partial void PassFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "SLA monitor pass at {At:O}: {Items} items, {Clocks} clocks, {AtRisk} at risk or breached, {Transitions} transitions.")]
    public static partial void Pass(ILogger logger, DateTimeOffset at, int items, int clocks, int atRisk, int transitions);

    [LoggerMessage(EventId = 505, Level = LogLevel.Error, Message = "SLA policy '{Policy}' could not be evaluated on {ItemKind} {ItemId}; the pass goes on and the next tries again.")]
    public static partial void EvaluationFailed(ILogger logger, Exception exception, string policy, SlaItemKind itemKind, string itemId);
}
