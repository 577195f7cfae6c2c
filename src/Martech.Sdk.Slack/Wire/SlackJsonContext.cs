using System.Text.Json.Serialization;

namespace Martech.Sdk.Slack.Wire;

/// <summary>Source-generated JSON metadata of the Slack wire types.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SlackPostMessageResponse))]
[JsonSerializable(typeof(SlackConversationsListResponse))]
[JsonSerializable(typeof(SlackResponse))]
internal sealed partial class SlackJsonContext : JsonSerializerContext;
