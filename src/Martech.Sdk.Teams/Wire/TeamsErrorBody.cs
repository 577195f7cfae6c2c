using System.Text.Json.Serialization;

namespace Martech.Sdk.Teams.Wire;

/// <summary>The error body of a Workflows (Logic Apps) endpoint: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
internal sealed class TeamsErrorBody
{
    [JsonPropertyName("error")]
    public TeamsErrorDetail? Error { get; init; }
}
