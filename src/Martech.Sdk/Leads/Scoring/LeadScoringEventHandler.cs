namespace Martech.Sdk;

/// <summary>Feeds the webhook inbox's engagement events (email opens and clicks, form fills, inbound messages) to the
/// <see cref="LeadScoring"/> engine registered by <c>AddLeadScoring()</c>. The engine recognises a redelivery itself, so
/// the inbox's at-least-once dispatch counts each event once.</summary>
internal sealed class LeadScoringEventHandler(LeadScoring scoring) : IMartechEventHandler<MartechEvent>
{
    public Task HandleAsync(MartechEvent martechEvent, MartechEventContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(martechEvent);
        return scoring.Options.ScoreWebhookEvents && martechEvent is EmailEvent or FormSubmissionEvent or MessageReceivedEvent
            ? scoring.RecordAsync(martechEvent, cancellationToken)
            : Task.CompletedTask;
    }
}
