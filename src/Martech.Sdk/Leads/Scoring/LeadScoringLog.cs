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
}
