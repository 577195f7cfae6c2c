namespace Martech.Sdk;

/// <summary>How <c>AddLeadScoring().HandOffQualifiedLeads()</c> hands leads to the <see cref="LeadRouter"/> when their
/// score qualifies them.</summary>
public sealed class QualifiedLeadHandoffOptions
{
    /// <summary>The qualification that hands a lead off: <see cref="LeadQualification.Mql"/> on
    /// <see cref="LeadScoreTransitionKind.BecameMql"/>, <see cref="LeadQualification.Sql"/> on
    /// <see cref="LeadScoreTransitionKind.BecameSql"/> (which needs <see cref="LeadScoringOptions.SqlThreshold"/>). A score
    /// that jumps past both thresholds at once hands the lead off once.</summary>
    /// <value>The default is <see cref="LeadQualification.Mql"/>.</value>
    public LeadQualification At { get; set; } = LeadQualification.Mql;

    /// <summary>Finds the lead of a transition that carries none (it came from an event, which names an email address
    /// and/or a contact id, or from scoring a contact), such as a search in the CRM; <see langword="null"/> for the
    /// default: the leads provider's leads read page by page, up to <see cref="LookupLimit"/>, for the first whose email
    /// address (ignoring case) or <see cref="Lead.ContactId"/> is the person's.</summary>
    public Func<LeadScorePerson, CancellationToken, Task<Lead?>>? FindLead { get; set; }

    /// <summary>The most leads the default lookup reads for one transition; 0 turns the lookup off (a transition without a
    /// lead is then logged and skipped).</summary>
    /// <value>The default is 10,000.</value>
    public int LookupLimit { get; set; } = 10_000;

    internal IEnumerable<string> Validate(LeadScoringOptions scoring)
    {
        if (At is not (LeadQualification.Mql or LeadQualification.Sql))
        {
            yield return $"HandOffQualifiedLeads: At is {At}; hand leads off at Mql or Sql.";
        }

        if (At == LeadQualification.Sql && scoring.SqlThreshold is null)
        {
            yield return "HandOffQualifiedLeads: At is Sql but the scoring model has no SqlThreshold: set Martech:Leads:Scoring:SqlThreshold (or LeadScoringOptions.SqlThreshold), or hand off at Mql.";
        }

        if (LookupLimit < 0)
        {
            yield return $"HandOffQualifiedLeads: LookupLimit must be 0 (no lookup) or more (was {LookupLimit}).";
        }
    }
}
