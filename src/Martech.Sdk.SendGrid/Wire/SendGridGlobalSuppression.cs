using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The body of <c>GET /v3/asm/suppressions/global/{email}</c>: <c>{"recipient_email":"…"}</c>, or <c>{}</c>
/// when the address is not globally unsubscribed.</summary>
internal sealed class SendGridGlobalSuppression
{
    [JsonPropertyName("recipient_email")]
    public string? RecipientEmail { get; init; }
}
