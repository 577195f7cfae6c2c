namespace Martech.Sdk.Slack;

/// <summary>The Web API methods the provider calls, as named in <see cref="MartechRequestOptions.Operation"/>: the keys
/// of their rate budgets.</summary>
internal static class SlackMethods
{
    /// <summary><c>chat.postMessage</c>: Slack's special limit, about one message a second per channel.</summary>
    public const string PostMessage = "chat.postMessage";

    /// <summary><c>conversations.list</c>: Tier 2 (20+ per minute) [U].</summary>
    public const string ConversationsList = "conversations.list";
}
