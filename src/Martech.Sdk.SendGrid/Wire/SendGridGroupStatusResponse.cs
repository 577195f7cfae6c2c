using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The body of <c>GET /v3/asm/suppressions/{email}</c>: <c>{"suppressions":[…]}</c>.</summary>
internal sealed class SendGridGroupStatusResponse
{
    [JsonPropertyName("suppressions")]
    public IReadOnlyList<SendGridGroupStatus>? Suppressions { get; init; }
}
