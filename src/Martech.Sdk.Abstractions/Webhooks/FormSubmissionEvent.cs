namespace Martech.Sdk;

/// <summary>A person submitted a form: a landing-page sign-up, a demo request, a content download. The person is
/// <see cref="MartechEvent.Email"/> (or <see cref="MartechEvent.ContactId"/>); lead scoring reads it as a form fill.</summary>
/// <remarks>None of the SDK's vendor receivers maps form submissions yet (HubSpot, for one, delivers them only through
/// workflows): build the event in your own form endpoint or receiver and hand it to the webhook inbox or to the engine
/// that reads it. The event's <see cref="MartechEvent.Id"/> is its dedupe key, as for every event.</remarks>
public sealed record FormSubmissionEvent : MartechEvent
{
    private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>(0);

    /// <summary>The form's id in the system that served it.</summary>
    public required string FormId { get; init; }

    /// <summary>The form's display name, where known.</summary>
    public string? FormName { get; init; }

    /// <summary>The page the form was submitted from, where known.</summary>
    public string? PageUrl { get; init; }

    /// <summary>The submitted values by field name, as text.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = NoFields;
}
