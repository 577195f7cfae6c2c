using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary><c>{"emails":[…]}</c>: the body of a bulk delete from the bounce, block, spam report or invalid email list
/// (never <c>delete_all</c>).</summary>
internal sealed class SendGridDeleteEmails
{
    [JsonPropertyName("emails")]
    public required IReadOnlyList<string> Emails { get; init; }
}
