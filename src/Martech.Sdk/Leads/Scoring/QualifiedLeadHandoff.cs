using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>The transition handler <c>HandOffQualifiedLeads()</c> registers: when a score reaches the qualification
/// (<see cref="QualifiedLeadHandoffOptions.At"/>), finds the lead and hands it to <see cref="LeadRouter.HandOffAsync(Lead, CancellationToken)"/>.
/// Every outcome is logged with the lead id; nothing is thrown back into the scoring engine.</summary>
internal sealed class QualifiedLeadHandoff(LeadRouter router, ILeadClient leads, QualifiedLeadHandoffOptions options, ILogger logger) : ILeadScoreHandler
{
    public async Task HandleAsync(LeadScoreTransition transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        LeadScoreTransitionKind trigger = options.At == LeadQualification.Sql ? LeadScoreTransitionKind.BecameSql : LeadScoreTransitionKind.BecameMql;
        if (transition.Kind != trigger)
        {
            return;
        }

        Lead? lead = transition.Lead is { Id: not null } scored ? scored : null;
        try
        {
            lead ??= await FindAsync(transition.Person, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LeadScoringLog.HandoffLookupFailed(logger, ex, transition.Kind, Describe(transition.Person));
            return;
        }

        if (lead is null)
        {
            LeadScoringLog.HandoffNoLead(logger, transition.Kind, Describe(transition.Person), options.FindLead is not null ? "FindLead found none" : options.LookupLimit == 0 ? "the lookup is off (LookupLimit 0)" : $"none among the first {options.LookupLimit} leads");
            return;
        }

        LeadHandoffOutcome outcome;
        try
        {
            outcome = await router.HandOffAsync(lead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LeadScoringLog.HandoffFailed(logger, ex, lead.Id!, transition.Kind, ex.Message);
            return;
        }

        switch (outcome.Status)
        {
            case LeadHandoffStatus.Assigned:
                LeadScoringLog.HandedOff(logger, lead.Id!, transition.Kind, outcome.Decision.OwnerId ?? string.Empty, outcome.Decision.Reason);
                break;
            case LeadHandoffStatus.Unassigned:
                LeadScoringLog.HandoffUnassigned(logger, lead.Id!, transition.Kind, outcome.Decision.Reason);
                break;
            default:
                LeadScoringLog.HandoffFailed(logger, outcome.Error, lead.Id!, transition.Kind, outcome.Error?.Message ?? outcome.Status.ToString());
                break;
        }

        if (outcome.Notification == LeadNotificationStatus.Failed)
        {
            LeadScoringLog.HandoffNotificationFailed(logger, outcome.NotificationError, lead.Id!, outcome.Decision.OwnerId ?? string.Empty, outcome.NotificationError?.Message ?? "unknown");
        }
    }

    private async Task<Lead?> FindAsync(LeadScorePerson person, CancellationToken cancellationToken)
    {
        if (options.FindLead is { } find)
        {
            return await find(person, cancellationToken).ConfigureAwait(false);
        }

        int read = 0;
        if (options.LookupLimit == 0)
        {
            return null;
        }

        await foreach (Lead lead in leads.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            if (lead.Id is not null
                && ((person.Email is { } email && lead.Email is { } address && string.Equals(address.Value.Trim(), email, StringComparison.OrdinalIgnoreCase))
                    || (person.ContactId is { } contactId && string.Equals(lead.ContactId?.Trim(), contactId, StringComparison.Ordinal))))
            {
                return lead;
            }

            if (++read >= options.LookupLimit)
            {
                break;
            }
        }

        return null;
    }

    // People are not logged by address: the contact id when known.
    private static string Describe(LeadScorePerson person) => person.ContactId is { } contactId ? $"contact {contactId}" : "an email address only";
}
