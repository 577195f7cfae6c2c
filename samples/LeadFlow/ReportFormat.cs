namespace LeadFlow;

/// <summary>The format of the <c>--report</c> file, chosen by its extension.</summary>
public enum ReportFormat
{
    /// <summary>CSV with a header row (<c>.csv</c>).</summary>
    Csv,

    /// <summary>A JSON array of row objects (<c>.json</c>).</summary>
    Json,
}
