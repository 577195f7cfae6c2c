using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.Leads.Scoring;

/// <summary>Events, leads and a recording handler for the lead scoring tests. Monday 2 March 2026, 09:00 UTC is T0.</summary>
internal static class ScoringKit
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static EmailEvent Open(string id, string email, DateTimeOffset at, EngagementSource? source = EngagementSource.Human, string provider = "SendGrid", string? campaign = null) => new()
    {
        Id = id,
        Provider = provider,
        Type = EmailEventType.Opened,
        Recipient = EmailAddress.Parse(email),
        OccurredAt = at,
        Source = source,
        CampaignId = campaign,
    };

    public static EmailEvent Click(string id, string email, DateTimeOffset at, string url = "https://acme.example/pricing", EngagementSource? source = EngagementSource.Human, string? campaign = null) => new()
    {
        Id = id,
        Provider = "SendGrid",
        Type = EmailEventType.Clicked,
        Recipient = EmailAddress.Parse(email),
        OccurredAt = at,
        Source = source,
        Url = new Uri(url),
        CampaignId = campaign,
    };

    public static FormSubmissionEvent Form(string id, string? email, DateTimeOffset at, string formId = "demo", string? contactId = null, string? pageUrl = null) => new()
    {
        Id = id,
        Provider = "Forms",
        FormId = formId,
        Email = email is null ? null : EmailAddress.Parse(email),
        ContactId = contactId,
        OccurredAt = at,
        PageUrl = pageUrl,
    };

    public static MessageReceivedEvent Message(string id, string? email, string? contactId, DateTimeOffset at) => new()
    {
        Id = id,
        Provider = "Intercom",
        Conversation = MessageDestination.Conversation("conv-1"),
        From = "user-1",
        Email = email is null ? null : EmailAddress.Parse(email),
        ContactId = contactId,
        OccurredAt = at,
    };

    public static Lead Lead(string email, string? company = null, string? contactId = null) => new()
    {
        Id = "lead-" + email,
        Email = EmailAddress.Parse(email),
        Company = company,
        ContactId = contactId,
    };

    public static LeadScoring Engine(LeadScoringOptions options, ManualTimeProvider clock, ILeadScoreStore? store = null, params ILeadScoreHandler[] handlers) =>
        new(options, store, handlers, clock);
}

/// <summary>Keeps every transition it is handed.</summary>
internal sealed class RecordingScoreHandler : ILeadScoreHandler
{
    private readonly List<LeadScoreTransition> _seen = [];

    public IReadOnlyList<LeadScoreTransition> Seen
    {
        get
        {
            lock (_seen)
            {
                return [.. _seen];
            }
        }
    }

    public IReadOnlyList<string> Kinds => [.. Seen.Select(t => $"{t.Kind} {t.Previous.Grade}->{t.Score.Grade} {t.Score.Total}")];

    public Task HandleAsync(LeadScoreTransition transition, CancellationToken cancellationToken = default)
    {
        lock (_seen)
        {
            _seen.Add(transition);
        }

        return Task.CompletedTask;
    }
}
