namespace Martech.Sdk.Slack;

/// <summary>Lists the workspace's conversations (Slack <c>conversations.list</c>); reach it through
/// <c>sender.GetService(typeof(ISlackConversations))</c> on a Slack <see cref="IMessageSender"/>.</summary>
public interface ISlackConversations
{
    /// <summary>Streams the conversations the bot can see, following Slack's <c>next_cursor</c> until it is empty.</summary>
    /// <param name="options">Filters and page size; optional.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The conversations, page by page (the continuation token is Slack's cursor).</returns>
    AsyncPageable<SlackConversation> ListConversationsAsync(SlackConversationListOptions? options = null, CancellationToken cancellationToken = default);
}
