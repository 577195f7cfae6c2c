namespace LeadFlow;

/// <summary>
/// Collects, line by line, what the run did with each CSV row, then numbers the rows in file order. Every row read
/// is in the ledger, so every row is accounted for in the details and the report.
/// </summary>
internal sealed class RowLedger
{
    private readonly SortedDictionary<int, LeadFlowRow> _rows = [];
    private readonly Dictionary<int, int> _mergedInto = [];

    /// <summary>A row as read; <paramref name="email"/> is the email cell before validation.</summary>
    public void Read(int line, string? email) =>
        _rows[line] = new LeadFlowRow { Row = 0, Line = line, Email = email ?? string.Empty, Outcome = RowOutcome.Rejected };

    public void Rejected(int line, string reason) => Update(line, r => r with { Outcome = RowOutcome.Rejected, Reason = reason });

    public void Warning(int line, string warning) => Update(line, r => r with { Warnings = [.. r.Warnings, warning] });

    public void Merged(int line, int intoLine)
    {
        _mergedInto[line] = intoLine;
        Update(line, r => r with { Outcome = RowOutcome.Merged });
    }

    public void Contact(int line, string outcome, string? contactId, string? reason) =>
        Update(line, r => r with { Outcome = outcome, ContactId = contactId, Reason = reason });

    public void Lead(int line, string outcome, string? leadId, string? reason) =>
        Update(line, r => r with { Lead = outcome, LeadId = leadId, LeadReason = reason });

    public void Notification(int line, string outcome, string? reason) =>
        Update(line, r => r with { Notification = outcome, NotificationReason = reason });

    public void WelcomeEmail(int line, string outcome, string? reason) =>
        Update(line, r => r with { WelcomeEmail = outcome, WelcomeEmailReason = reason });

    public void Sms(int line, string outcome, string? reason) =>
        Update(line, r => r with { Sms = outcome, SmsReason = reason });

    public void Sla(LeadSla clock) =>
        Update(clock.Line, r => r.SlaPolicy is null ? r with { SlaPolicy = clock.Policy, SlaStatus = clock.StatusName, SlaDueAt = clock.DueAtText } : r);

    /// <summary>The rows in file order, numbered from 1, with merged rows pointing at their row number.</summary>
    public IReadOnlyList<LeadFlowRow> Rows()
    {
        var rowOfLine = new Dictionary<int, int>();
        foreach (int line in _rows.Keys)
        {
            rowOfLine[line] = rowOfLine.Count + 1;
        }

        return [.. _rows.Values.Select(r => r with
        {
            Row = rowOfLine[r.Line],
            MergedIntoRow = _mergedInto.TryGetValue(r.Line, out int into) ? rowOfLine[into] : null,
        })];
    }

    private void Update(int line, Func<LeadFlowRow, LeadFlowRow> change) => _rows[line] = change(_rows[line]);
}
