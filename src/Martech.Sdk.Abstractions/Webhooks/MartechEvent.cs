using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>
/// A typed event mapped from a vendor webhook: an email delivered or opened, a contact changed, a message received, an
/// SMS status. Every event names the provider instance that received it, the vendor's stable key for it
/// (<see cref="Id"/>, what duplicate deliveries are recognised by), when it happened, who it is about, the campaign
/// context the send carried, and the vendor's own JSON (<see cref="Raw"/>).
/// </summary>
/// <remarks>
/// Events serialise to JSON and back through <see cref="MartechEventSerializer"/> (a durable event store keeps them that
/// way); the kind is written as <c>"$kind"</c>. The event types are the SDK's own: a receiver maps anything it does not
/// know to <see cref="RawEvent"/>.
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind", UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization)]
[JsonDerivedType(typeof(EmailEvent), "email")]
[JsonDerivedType(typeof(ContactEvent), "contact")]
[JsonDerivedType(typeof(MessageReceivedEvent), "message.received")]
[JsonDerivedType(typeof(MessageStatusEvent), "message.status")]
[JsonDerivedType(typeof(FormSubmissionEvent), "form.submitted")]
[JsonDerivedType(typeof(RawEvent), "raw")]
public abstract record MartechEvent
{
    private static readonly IReadOnlyDictionary<string, string> NoArgs = new Dictionary<string, string>(0);
    private RawJson? _raw;

    /// <summary>The event's stable key within its provider instance: the vendor's event id (SendGrid
    /// <c>sg_event_id</c>, Mailgun <c>event-data.id</c>, HubSpot <c>eventId</c>, …) or, for vendors that send none, a
    /// key built from the fields that identify the event (documented per vendor in <c>docs/webhooks.md</c>). A vendor's
    /// redelivery carries the same key, so it is what deduplication compares.</summary>
    public required string Id { get; init; }

    /// <summary>The provider instance that received it, such as <c>"SendGrid"</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>When it happened, by the vendor's clock.</summary>
    public DateTimeOffset OccurredAt { get; init; }

    /// <summary>The email address of the person the event is about, where the vendor gives one. On an
    /// <see cref="EmailEvent"/> it is the recipient.</summary>
    public EmailAddress? Email { get; init; }

    /// <summary>The phone number the event is about (an SMS recipient or sender), as the vendor wrote it; usually E.164
    /// (<c>+14155550100</c>), with a channel prefix such as <c>whatsapp:</c> where the vendor adds one.</summary>
    public string? Phone { get; init; }

    /// <summary>The vendor's id of the contact (or user, or person) the event is about.</summary>
    public string? ContactId { get; init; }

    /// <summary>The campaign the send belonged to: the campaign id the SDK sent with the message (as a custom argument
    /// or variable), or the vendor's own campaign id.</summary>
    public string? CampaignId { get; init; }

    /// <summary>The tags or categories the send carried (SendGrid categories, Mailgun tags, the Postmark tag).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The custom arguments (metadata, variables) the send carried, echoed back by the vendor.</summary>
    public IReadOnlyDictionary<string, string> CustomArgs { get; init; } = NoArgs;

    /// <summary>The vendor's own payload for this event, as JSON: the event object of a batch, or the whole body. Form
    /// posts (Twilio, Slack commands) become an object of their fields (a repeated field an array), and XML (Salesforce)
    /// an object of the notification's fields. <see cref="JsonValueKind.Undefined"/> when the event was built without
    /// one.</summary>
    /// <remarks>Parsed from <see cref="RawUtf8"/> on first use and kept.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [JsonConverter(typeof(RawJsonElementConverter))]
    public JsonElement Raw
    {
        get => _raw?.Element ?? default;
        init => _raw = RawJson.From(value);
    }

    /// <summary>The same payload as UTF-8 JSON bytes, without parsing it; empty when the event has none.</summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> RawUtf8
    {
        get => _raw?.Utf8 ?? default;
        init => _raw = RawJson.From(value);
    }
}
