using System.Text.Json.Serialization;

namespace Martech.Sdk.Teams.Wire;

/// <summary>The <c>error</c> object of a Workflows error body.</summary>
internal sealed class TeamsErrorDetail
{
    [JsonPropertyName("code")]
    public string? Code { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
