using System.Globalization;
using System.Text;

namespace Martech.Sdk;

/// <summary>Renders a <see cref="VendorSloReport"/> as aligned plain-text tables (ASCII only, invariant culture).</summary>
internal static class VendorSloTable
{
    private const string None = "-";

    public static string Render(VendorSloReport report)
    {
        var sb = new StringBuilder();
        sb.Append("Vendor SLOs at ").Append(report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Append(report.Window is { } window ? $", over the last {Window(window)}" : ", each row over its own window").Append('\n');
        if (report.Instances.Count == 0)
        {
            sb.Append("No requests measured and no objectives configured.\n");
            return sb.ToString();
        }

        var measurements = new Table("Instance / operation", "Window", "Requests", "Eligible", "Failed", "Timeout", "Caller err", "Throttled", "Availability", "p50", "p95", "p99", "429 final/retried", "Rate-limit wait");
        foreach (VendorSloInstanceReport instance in report.Instances)
        {
            measurements.Add(Measured($"{instance.Instance} ({instance.ProviderType})", instance.Measurements));
            foreach (VendorSloOperationReport operation in instance.Operations)
            {
                measurements.Add(Measured("  " + operation.Operation, operation.Measurements));
            }
        }

        sb.Append('\n');
        measurements.WriteTo(sb);

        var objectives = report.Objectives.ToList();
        if (objectives.Count > 0)
        {
            var table = new Table("Instance", "Operation", "Objective", "Window", "Actual", "Status", "Budget allowed", "Consumed", "Remaining", "Burn (short)", "Burn (long)");
            foreach (VendorSloObjectiveResult o in objectives)
            {
                VendorSloErrorBudget budget = o.ErrorBudget;
                table.Add(
                    o.Instance,
                    o.Operation ?? "(all)",
                    o.Description,
                    Window(o.Window),
                    o.ActualLatency is { } latency ? $"{Percent(o.Actual)} ({o.Target.ToString("0.###", CultureInfo.InvariantCulture)}th {Duration(latency)})" : Percent(o.Actual),
                    o.Status switch
                    {
                        VendorSloStatus.Met => "met",
                        VendorSloStatus.Breached => "BREACHED",
                        _ => $"no data ({o.Eligible.ToString(CultureInfo.InvariantCulture)} req)",
                    },
                    Number(budget.Allowed),
                    budget.Consumed.ToString(CultureInfo.InvariantCulture),
                    budget.RemainingPercent is { } left ? $"{Number(budget.Remaining)} ({left.ToString("0.#", CultureInfo.InvariantCulture)} %)" : Number(budget.Remaining),
                    Burn(o.ShortBurnRate, o.ShortWindow),
                    Burn(o.LongBurnRate, o.LongWindow));
            }

            sb.Append("\nObjectives\n");
            table.WriteTo(sb);
        }

        foreach (VendorSloRanking ranking in report.Rankings)
        {
            var table = new Table("Rank", "Instance", "Vendor", "Eligible", "Availability", "p95", "429 final/retried");
            foreach (VendorSloRankingEntry entry in ranking.Entries)
            {
                VendorSloMeasurements m = entry.Measurements;
                table.Add(
                    entry.Rank.ToString(CultureInfo.InvariantCulture),
                    entry.Instance,
                    entry.ProviderType,
                    m.Eligible.ToString(CultureInfo.InvariantCulture),
                    Percent(m.Availability),
                    Duration(m.LatencyP95),
                    $"{m.FinalTooManyRequests.ToString(CultureInfo.InvariantCulture)}/{m.RetriedTooManyRequests.ToString(CultureInfo.InvariantCulture)}");
            }

            sb.Append("\nRanking: ").Append(string.Join(", ", ranking.Capabilities)).Append(" over the last ").Append(Window(ranking.Window)).Append('\n');
            table.WriteTo(sb);
        }

        return sb.ToString();
    }

    /// <summary>The objective in words: <c>availability &gt;= 99.9 %</c> or <c>p95 &lt;= 1.5 s</c>.</summary>
    public static string Describe(VendorSloObjectiveKind kind, double target, TimeSpan? threshold) =>
        kind == VendorSloObjectiveKind.Availability || threshold is null
            ? $"availability >= {target.ToString("0.####", CultureInfo.InvariantCulture)} %"
            : $"p{target.ToString("0.###", CultureInfo.InvariantCulture)} <= {Duration(threshold)}";

    public static string Percent(double? value) =>
        value is { } v ? v.ToString("0.000", CultureInfo.InvariantCulture) + " %" : None;

    /// <summary>A duration for reading: <c>0.42 ms</c>, <c>4.2 ms</c>, <c>120 ms</c>, <c>1.5 s</c>, <c>2 min 30 s</c>.</summary>
    public static string Duration(TimeSpan? value) => value is { } d ? DurationText.Format(d) : None;

    /// <summary>A window: <c>30 d</c>, <c>6 h</c>, <c>5 min</c>, <c>90 s</c> written as <c>1 min 30 s</c>.</summary>
    public static string Window(TimeSpan window) => DurationText.Format(window);

    private static string[] Measured(string name, VendorSloMeasurements m) =>
    [
        name,
        Window(m.Window),
        m.Requests.ToString(CultureInfo.InvariantCulture),
        m.Eligible.ToString(CultureInfo.InvariantCulture),
        m.Failed.ToString(CultureInfo.InvariantCulture),
        m.TimedOut.ToString(CultureInfo.InvariantCulture),
        m.CallerErrors.ToString(CultureInfo.InvariantCulture),
        m.Throttled.ToString(CultureInfo.InvariantCulture),
        Percent(m.Availability),
        Duration(m.LatencyP50),
        Duration(m.LatencyP95),
        Duration(m.LatencyP99),
        $"{m.FinalTooManyRequests.ToString(CultureInfo.InvariantCulture)}/{m.RetriedTooManyRequests.ToString(CultureInfo.InvariantCulture)}",
        m.RateLimitWaits == 0 ? None : $"{Duration(m.RateLimitWaitTotal)} in {m.RateLimitWaits.ToString(CultureInfo.InvariantCulture)}",
    ];

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Burn(double? rate, TimeSpan window) =>
        rate is { } r ? $"{r.ToString("0.00", CultureInfo.InvariantCulture)} ({Window(window)})" : None;

    /// <summary>Columns padded to their widest cell; numbers and other cells starting with a digit align right.</summary>
    private sealed class Table(params string[] headers)
    {
        private readonly List<string[]> _rows = [headers];

        public void Add(params string[] cells) => _rows.Add(cells);

        public void WriteTo(StringBuilder sb)
        {
            int[] widths = new int[headers.Length];
            foreach (string[] row in _rows)
            {
                for (int i = 0; i < row.Length; i++)
                {
                    widths[i] = Math.Max(widths[i], row[i].Length);
                }
            }

            for (int r = 0; r < _rows.Count; r++)
            {
                string[] row = _rows[r];
                var line = new StringBuilder();
                for (int i = 0; i < row.Length; i++)
                {
                    if (i > 0)
                    {
                        line.Append("  ");
                    }

                    bool right = r > 0 && i > 0 && row[i].Length > 0 && (char.IsAsciiDigit(row[i][0]) || row[i][0] == '-');
                    line.Append(right ? row[i].PadLeft(widths[i]) : row[i].PadRight(widths[i]));
                }

                sb.Append(line.ToString().TrimEnd()).Append('\n');
                if (r == 0)
                {
                    sb.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
                }
            }
        }
    }
}
