using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The unsubscribe group of a mail send: <c>{"group_id":123}</c>.</summary>
internal sealed class SendGridAsm
{
    [JsonPropertyName("group_id")]
    public required int GroupId { get; init; }
}
