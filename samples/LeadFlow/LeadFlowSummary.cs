namespace LeadFlow;

/// <summary>What one LeadFlow run did, for the report.</summary>
public sealed record LeadFlowSummary
{
    public required int RowsRead { get; init; }

    public required int SeededContacts { get; init; }

    public required IReadOnlyList<Rejection> Rejected { get; init; }

    public required IReadOnlyList<Rejection> Warnings { get; init; }

    public required int DuplicatesMerged { get; init; }

    public required int ContactsCreated { get; init; }

    public required int ContactsUpdated { get; init; }

    public required IReadOnlyList<Rejection> ContactsFailed { get; init; }

    public required int LeadsCreated { get; init; }

    public required IReadOnlyList<Rejection> LeadsFailed { get; init; }

    public required int NotificationsSent { get; init; }

    public required int EmailsSent { get; init; }

    public required IReadOnlyList<Rejection> EmailsWithheld { get; init; }

    public required IReadOnlyList<Rejection> EmailsFailed { get; init; }

    public required int SmsSent { get; init; }

    public required IReadOnlyList<Rejection> SmsWithheld { get; init; }

    /// <summary>SMS follow-ups the vendor refused (a recipient who replied STOP, a landline, …) or that may not have
    /// arrived, each with the reason; the run goes on.</summary>
    public required IReadOnlyList<Rejection> SmsFailed { get; init; }

    public required IReadOnlyDictionary<string, string> Providers { get; init; }

    /// <summary>The SLA clocks of the leads this run created (every configured policy that applies), as of the end of
    /// the run; empty when no SLA policy is configured.</summary>
    public IReadOnlyList<LeadSla> Slas { get; init; } = [];

    /// <summary>Every CSV row in file order with what the run did with it (<c>--details</c>, <c>--report</c>).</summary>
    public required IReadOnlyList<LeadFlowRow> Rows { get; init; }
}
