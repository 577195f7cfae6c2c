using System.Text.Json.Serialization;

namespace Martech.Sdk.HubSpot;

/// <summary>The answer to a batch request: 200 with <c>results</c>, or 207 with <c>results</c> and <c>errors</c>
/// (<c>BatchResponseSimplePublicUpsertObject</c>, <c>BatchResponseSimplePublicObject</c> and their
/// <c>…WithErrors</c> forms).</summary>
internal sealed class HubSpotBatchResponse
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("results")]
    public List<HubSpotObject>? Results { get; set; }

    [JsonPropertyName("numErrors")]
    public int? NumErrors { get; set; }

    [JsonPropertyName("errors")]
    public List<HubSpotStandardError>? Errors { get; set; }
}

/// <summary>One failure in a batch (<c>StandardError</c>): the inputs it concerns are named in <c>context</c>
/// (<c>ids</c>, or the id property's name) and its details in <c>errors</c>.</summary>
internal sealed class HubSpotStandardError
{
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("category")]
    public string? Category { get; set; }

    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("errors")]
    public List<HubSpotErrorDetail>? Errors { get; set; }

    [JsonPropertyName("context")]
    public Dictionary<string, List<string>>? Context { get; set; }
}

/// <summary>A detail of an error (<c>ErrorDetail</c>): a message, a code and where (<c>in</c>, or
/// <c>context.propertyName</c>).</summary>
internal sealed class HubSpotErrorDetail
{
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    [JsonPropertyName("code")]
    public string? Code { get; set; }

    [JsonPropertyName("in")]
    public string? In { get; set; }

    [JsonPropertyName("context")]
    public Dictionary<string, List<string>>? Context { get; set; }
}
