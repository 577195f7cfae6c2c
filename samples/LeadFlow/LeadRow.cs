namespace LeadFlow;

/// <summary>One CSV row as written, before validation. Every field is text so nothing is lost to a parse error.</summary>
public sealed class LeadRow
{
    public int Line { get; set; }

    public string? Email { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Company { get; set; }

    public string? JobTitle { get; set; }

    public string? Phone { get; set; }

    public string? Source { get; set; }

    public string? EmailConsent { get; set; }

    public string? SmsConsent { get; set; }
}
