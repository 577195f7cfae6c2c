namespace LeadFlow;

/// <summary>The sample's own settings, bound from the "LeadFlow" configuration section.</summary>
public sealed class LeadFlowOptions
{
    /// <summary>The leads CSV to import, relative to the app's directory.</summary>
    public string LeadsCsv { get; set; } = "data/leads.csv";

    /// <summary>Existing CRM records loaded into the in-memory CRM before the import (in-memory only), so the run
    /// shows updates as well as creations. Ignored when the contacts provider is a real vendor.</summary>
    public string? SeedCsv { get; set; }

    /// <summary>The chat channel that hears about each new lead.</summary>
    public string NotifyChannel { get; set; } = "#new-leads";

    /// <summary>The welcome email's sender.</summary>
    public string WelcomeFrom { get; set; } = "hello@brand.example";

    /// <summary>The welcome email sender's display name.</summary>
    public string? WelcomeFromName { get; set; }

    /// <summary>The provider instance SMS follow-ups go through, such as <c>"Twilio"</c>, when chat notifications use
    /// another (Slack, Teams, Intercom); the default messaging provider when <see langword="null"/>.</summary>
    public string? SmsProvider { get; set; }

    /// <summary>Whether to send an SMS follow-up to contacts with a phone number (only those with SMS consent get it).</summary>
    public bool SmsFollowUp { get; set; } = true;
}
