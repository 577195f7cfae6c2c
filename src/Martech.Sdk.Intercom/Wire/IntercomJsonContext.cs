using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Intercom;

/// <summary>Source-generated JSON metadata for Intercom's requests and answers.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(IntercomReplyRequest))]
[JsonSerializable(typeof(IntercomMessageRequest))]
[JsonSerializable(typeof(IntercomConversation))]
[JsonSerializable(typeof(IntercomIdentified))]
[JsonSerializable(typeof(IntercomErrorList))]
[JsonSerializable(typeof(IntercomContactList))]
[JsonSerializable(typeof(IntercomSearchRequest))]
internal sealed partial class IntercomJsonContext : JsonSerializerContext
{
}
