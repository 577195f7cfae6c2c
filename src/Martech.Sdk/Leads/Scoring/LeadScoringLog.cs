using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Source-generated log messages of lead scoring. People are logged by their key (an email address or a
/// contact id) only at Debug.</summary>
internal static partial class LeadScoringLog
{
    [LoggerMessage(EventId = 900, Level = LogLevel.Error, Message = "A lead score handler ({Handler}) failed on {Kind}; it is not handed over again.")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string handler, LeadScoreTransitionKind kind);

    [LoggerMessage(EventId = 901, Level = LogLevel.Debug, Message = "Lead score {Kind} for {Person}: {Previous} → {Grade} ({Total}).")]
    public static partial void Transition(ILogger logger, LeadScoreTransitionKind kind, string person, string previous, string grade, int total);

    [LoggerMessage(EventId = 902, Level = LogLevel.Information, Message = "Lead {LeadId} handed off on {Kind} to {OwnerId}: {Reason}")]
    public static partial void HandedOff(ILogger logger, string leadId, LeadScoreTransitionKind kind, string ownerId, string reason);

    [LoggerMessage(EventId = 903, Level = LogLevel.Warning, Message = "{Kind} for {Person} was not handed off: no lead found ({Why}).")]
    public static partial void HandoffNoLead(ILogger logger, LeadScoreTransitionKind kind, string person, string why);

    [LoggerMessage(EventId = 904, Level = LogLevel.Warning, Message = "Lead {LeadId} reached {Kind} but was not assigned: {Reason}")]
    public static partial void HandoffUnassigned(ILogger logger, string leadId, LeadScoreTransitionKind kind, string reason);

    [LoggerMessage(EventId = 905, Level = LogLevel.Error, Message = "Handing lead {LeadId} off on {Kind} failed: {Reason}")]
    public static partial void HandoffFailed(ILogger logger, Exception? exception, string leadId, LeadScoreTransitionKind kind, string reason);

    [LoggerMessage(EventId = 906, Level = LogLevel.Error, Message = "Looking up the lead of {Kind} for {Person} failed; it was not handed off.")]
    public static partial void HandoffLookupFailed(ILogger logger, Exception exception, LeadScoreTransitionKind kind, string person);

    [LoggerMessage(EventId = 907, Level = LogLevel.Warning, Message = "Lead {LeadId} was assigned to {OwnerId}, but telling the owner failed: {Reason}")]
    public static partial void HandoffNotificationFailed(ILogger logger, Exception? exception, string leadId, string ownerId, string reason);
}
