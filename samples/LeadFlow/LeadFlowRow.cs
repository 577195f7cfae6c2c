namespace LeadFlow;

/// <summary>
/// What LeadFlow did with one row of the leads CSV: the <c>--details</c> table and the <c>--report</c> file show one
/// of these per row, in file order. Property names become the report's columns in snake_case (<c>merged_into_row</c>);
/// the sample's README lists them with their values. A value that does not apply (a rejected row has no lead) is
/// <see langword="null"/>: an empty CSV cell, a JSON <c>null</c>.
/// </summary>
public sealed record LeadFlowRow
{
    /// <summary>The row's number among the data rows, from 1 (the header is not a row).</summary>
    public required int Row { get; init; }

    /// <summary>The line of the CSV file the row starts on (the header is line 1; a quoted field can span lines).</summary>
    public required int Line { get; init; }

    /// <summary>The email cell as read, before validation; empty when the cell was.</summary>
    public required string Email { get; init; }

    /// <summary>What became of the row: one of <see cref="RowOutcome"/>'s values.</summary>
    public required string Outcome { get; init; }

    /// <summary>For a merged row, the row it was merged into (the first row with the same address, which carries the
    /// contact and everything after it).</summary>
    public int? MergedIntoRow { get; init; }

    /// <summary>Why the row was rejected, or why its contact failed.</summary>
    public string? Reason { get; init; }

    /// <summary>Fields that were dropped while the row was still imported (a phone without a country code, …).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>The CRM's id of the contact the row created or updated.</summary>
    public string? ContactId { get; init; }

    /// <summary>Whether a lead was made for the contact: <c>created</c> or <c>failed</c>.</summary>
    public string? Lead { get; init; }

    /// <summary>The lead's id in the CRM.</summary>
    public string? LeadId { get; init; }

    /// <summary>Why the lead failed.</summary>
    public string? LeadReason { get; init; }

    /// <summary>The new-lead chat card: <c>sent</c> or <c>failed</c>.</summary>
    public string? Notification { get; init; }

    /// <summary>Why the card failed.</summary>
    public string? NotificationReason { get; init; }

    /// <summary>The welcome email: <c>sent</c>, <c>withheld</c>, <c>failed</c> or <c>unknown</c>.</summary>
    public string? WelcomeEmail { get; init; }

    /// <summary>Why the welcome email was withheld, failed or has an unknown outcome.</summary>
    public string? WelcomeEmailReason { get; init; }

    /// <summary>The SMS follow-up: <c>sent</c>, <c>withheld</c>, <c>failed</c>, <c>unknown</c> or <c>skipped</c>.</summary>
    public string? Sms { get; init; }

    /// <summary>Why the SMS follow-up was withheld, failed, has an unknown outcome or was skipped.</summary>
    public string? SmsReason { get; init; }

    /// <summary>The SLA policy whose clock <see cref="SlaStatus"/> and <see cref="SlaDueAt"/> show: the first configured
    /// policy that applies to the lead.</summary>
    public string? SlaPolicy { get; init; }

    /// <summary>Where the lead's SLA clock stands when the run ends: <c>pending</c>, <c>at_risk</c>, <c>paused</c>,
    /// <c>met</c>, <c>breached</c> or <c>cancelled</c>.</summary>
    public string? SlaStatus { get; init; }

    /// <summary>When the lead's SLA clock is due, ISO 8601 in the zone of the policy's calendar.</summary>
    public string? SlaDueAt { get; init; }
}
