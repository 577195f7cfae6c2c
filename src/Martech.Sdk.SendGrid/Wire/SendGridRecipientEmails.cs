using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary><c>{"recipient_emails":[…]}</c>: the body of a suppression add and of its 201 answer.</summary>
internal sealed class SendGridRecipientEmails
{
    [JsonPropertyName("recipient_emails")]
    public IReadOnlyList<string>? RecipientEmails { get; init; }
}
