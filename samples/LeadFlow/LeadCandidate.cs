using Martech.Sdk;

namespace LeadFlow;

/// <summary>A validated, normalised lead: one per distinct email address.</summary>
public sealed record LeadCandidate
{
    public required int Line { get; init; }

    public required EmailAddress Email { get; init; }

    public PhoneNumber? Phone { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? Company { get; init; }

    public string? JobTitle { get; init; }

    public string? Source { get; init; }

    public Consent? EmailConsent { get; init; }

    public Consent? SmsConsent { get; init; }

    /// <summary>Lines of later rows with the same address, merged into this one.</summary>
    public IReadOnlyList<int> MergedLines { get; init; } = [];

    public Contact ToContact() => new()
    {
        Email = Email,
        Phone = Phone,
        FirstName = FirstName,
        LastName = LastName,
        Company = Company,
        JobTitle = JobTitle,
        EmailConsent = EmailConsent,
        SmsConsent = SmsConsent,
        LifecycleStage = LifecycleStage.Lead,
    };
}
