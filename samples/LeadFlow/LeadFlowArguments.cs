namespace LeadFlow;

/// <summary>
/// LeadFlow's own command-line options: <c>--details</c>, <c>--report &lt;file&gt;</c> and <c>--help</c>. Every other
/// argument is left for the host's configuration (<c>--LeadFlow:Notify=#sales</c>), as before.
/// </summary>
public sealed record LeadFlowArguments
{
    public const string Usage = """
        Usage: dotnet run --project samples/LeadFlow -- [options] [--Section:Key=value]

        Options:
          --details        print a table of what was done with every CSV row
          --report <file>  write the same per-row record to <file>: .csv or .json
          --help           show this text

        Other arguments are configuration, as in appsettings.json,
        such as --LeadFlow:SmsFollowUp=false.
        """;

    /// <summary>Whether to print the per-row table.</summary>
    public bool Details { get; init; }

    /// <summary>The report file, as given (relative to the current directory).</summary>
    public string? ReportPath { get; init; }

    /// <summary>The report's format, from <see cref="ReportPath"/>'s extension.</summary>
    public ReportFormat? ReportFormat { get; init; }

    /// <summary>Whether <c>--help</c> was asked for.</summary>
    public bool Help { get; init; }

    /// <summary>The arguments that are not LeadFlow's own, for the host's configuration.</summary>
    public IReadOnlyList<string> HostArguments { get; init; } = [];

    /// <summary>Reads the arguments; on a problem returns <see langword="false"/> with a message that names the fix.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out LeadFlowArguments parsed, out string? error)
    {
        parsed = new LeadFlowArguments();
        error = null;
        bool details = false, help = false;
        string? report = null;
        var rest = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string? value = null;
            if (arg == "--report" || arg.StartsWith("--report=", StringComparison.Ordinal))
            {
                if (arg.Length > "--report".Length)
                {
                    value = arg["--report=".Length..];
                }
                else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    value = args[++i];
                }

                if (string.IsNullOrWhiteSpace(value))
                {
                    error = "--report needs a file name ending in .csv or .json, such as --report leadflow-report.csv.";
                    return false;
                }

                if (report is not null)
                {
                    error = $"--report is given twice ('{report}' and '{value}'); give one file.";
                    return false;
                }

                if (RowReport.FormatOf(value) is null)
                {
                    error = $"--report '{value}': the file's extension chooses the format; use .csv or .json.";
                    return false;
                }

                report = value;
            }
            else if (arg == "--details")
            {
                details = true;
            }
            else if (arg is "--help" or "-h" or "-?")
            {
                help = true;
            }
            else
            {
                rest.Add(arg);
            }
        }

        parsed = new LeadFlowArguments
        {
            Details = details,
            ReportPath = report,
            ReportFormat = report is null ? null : RowReport.FormatOf(report),
            Help = help,
            HostArguments = rest,
        };
        return true;
    }
}
