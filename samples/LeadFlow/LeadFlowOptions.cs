using Martech.Sdk;

namespace LeadFlow;

/// <summary>The sample's own settings, bound from the "LeadFlow" configuration section.</summary>
public sealed class LeadFlowOptions
{
    /// <summary>The leads CSV to import, relative to the app's directory.</summary>
    public string LeadsCsv { get; set; } = "data/leads.csv";

    /// <summary>Existing CRM records loaded into the in-memory CRM before the import (in-memory only), so the run
    /// shows updates as well as creations. Ignored when the contacts provider is a real vendor.</summary>
    public string? SeedCsv { get; set; }

    /// <summary>Where each new lead's card goes: a channel name (<c>#new-leads</c>), or a destination with its kind,
    /// <c>channel:&lt;id&gt;</c>, <c>user:&lt;id&gt;</c> or <c>conversation:&lt;id&gt;</c> (Intercom takes a conversation or a
    /// user, Slack all three, Teams a configured channel).</summary>
    public string Notify { get; set; } = "#new-leads";

    /// <summary>The welcome email's sender.</summary>
    public string WelcomeFrom { get; set; } = "hello@brand.example";

    /// <summary>The welcome email sender's display name.</summary>
    public string? WelcomeFromName { get; set; }

    /// <summary>The provider instance SMS follow-ups go through, such as <c>"Twilio"</c>, when chat notifications use
    /// another (Slack, Teams, Intercom); the default messaging provider when <see langword="null"/>.</summary>
    public string? SmsProvider { get; set; }

    /// <summary>Whether to send an SMS follow-up to contacts with a phone number (only those with SMS consent get it).</summary>
    public bool SmsFollowUp { get; set; } = true;

    /// <summary>Parses <see cref="Notify"/> into a destination.</summary>
    /// <returns>The destination new-lead cards go to.</returns>
    /// <exception cref="InvalidOperationException"><see cref="Notify"/> is empty, or names an unknown kind or no id.</exception>
    public MessageDestination NotifyDestination()
    {
        string value = Notify?.Trim() ?? string.Empty;
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        string kind = colon < 0 ? "channel" : value[..colon].Trim();
        string id = colon < 0 ? value : value[(colon + 1)..].Trim();
        if (id.Length == 0)
        {
            throw new InvalidOperationException($"LeadFlow:Notify '{Notify}' names no destination; use '#channel', 'channel:<id>', 'user:<id>' or 'conversation:<id>'.");
        }

        return kind.ToLowerInvariant() switch
        {
            "channel" => MessageDestination.Channel(id),
            "user" => MessageDestination.User(id),
            "conversation" => MessageDestination.Conversation(id),
            _ => throw new InvalidOperationException($"LeadFlow:Notify '{Notify}' has the unknown destination kind '{kind}'; use channel, user or conversation."),
        };
    }
}
