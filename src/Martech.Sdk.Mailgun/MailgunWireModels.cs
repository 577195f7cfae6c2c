using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

// Mailgun's JSON bodies, as the API writes them (snake_case names set per property).

/// <summary>The answer to <c>POST /v3/{domain}/messages</c>: <c>{"id":"&lt;…&gt;","message":"Queued. Thank you."}</c>.</summary>
internal sealed class MailgunSendResponse
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>A plain acknowledgement or error body: <c>{"message":"…"}</c>, sometimes with the address.</summary>
internal sealed class MailgunMessageResponse
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("address")]
    public string? Address { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One record of a suppression list (bounce, unsubscribe or complaint); fields a list lacks stay null. It is
/// written back only as <see cref="EmailSuppression.Raw"/>, where a member the record lacked stays out.</summary>
internal sealed class MailgunSuppressionRecord
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("address")]
    public string? Address { get; set; }

    /// <summary>The SMTP code of a bounce; Mailgun writes it as a string or a number.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("code")]
    public JsonElement? Code { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary>The tag of an unsubscribe, as older responses write it; <c>*</c> for all mail.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("tag")]
    public string? Tag { get; set; }

    /// <summary>The tags of an unsubscribe, as current responses write them; <c>*</c> for all mail.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("tags")]
    public List<string>? Tags { get; set; }

    /// <summary>An RFC 2822 date such as <c>Fri, 21 Oct 2011 11:02:55 GMT</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonPropertyName("created_at")]
    public string? CreatedAt { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One page of a suppression list: <c>{"items":[…],"paging":{"first","next","previous","last"}}</c>.</summary>
internal sealed class MailgunSuppressionPage
{
    [JsonPropertyName("items")]
    public List<MailgunSuppressionRecord>? Items { get; set; }

    [JsonPropertyName("paging")]
    public MailgunPaging? Paging { get; set; }
}

/// <summary>The page URLs of a listing.</summary>
internal sealed class MailgunPaging
{
    [JsonPropertyName("first")]
    public string? First { get; set; }

    [JsonPropertyName("next")]
    public string? Next { get; set; }

    [JsonPropertyName("previous")]
    public string? Previous { get; set; }

    [JsonPropertyName("last")]
    public string? Last { get; set; }
}

/// <summary>A record of <c>POST /v3/{domain}/bounces</c> with a JSON array body.</summary>
internal sealed class MailgunBounceInput
{
    [JsonPropertyName("address")]
    public required string Address { get; init; }

    [JsonPropertyName("error")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    [JsonPropertyName("created_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreatedAt { get; init; }
}

/// <summary>A record of <c>POST /v3/{domain}/unsubscribes</c> with a JSON array body.</summary>
internal sealed class MailgunUnsubscribeInput
{
    [JsonPropertyName("address")]
    public required string Address { get; init; }

    [JsonPropertyName("tags")]
    public required List<string> Tags { get; init; }

    [JsonPropertyName("created_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreatedAt { get; init; }
}

/// <summary>A record of <c>POST /v3/{domain}/complaints</c> with a JSON array body.</summary>
internal sealed class MailgunComplaintInput
{
    [JsonPropertyName("address")]
    public required string Address { get; init; }

    [JsonPropertyName("created_at")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreatedAt { get; init; }
}
