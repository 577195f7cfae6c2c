namespace Martech.Sdk.Slack;

/// <summary>Filters of <see cref="ISlackConversations.ListConversationsAsync"/>.</summary>
public sealed class SlackConversationListOptions
{
    /// <summary>The largest page size <c>conversations.list</c> accepts (1,000).</summary>
    public const int MaxLimit = 1000;

    /// <summary>Comma-separated conversation types (<c>public_channel</c>, <c>private_channel</c>, <c>mpim</c>, <c>im</c>);
    /// any other value is an <see cref="ArgumentException"/> before the call.</summary>
    /// <value><see langword="null"/> by default: Slack's default, public channels.</value>
    public string? Types { get; set; }

    /// <summary>Whether archived conversations are left out.</summary>
    /// <value><see langword="false"/> by default.</value>
    public bool ExcludeArchived { get; set; }

    /// <summary>The page size (1–1,000). A page size hint given to <see cref="AsyncPageable{T}.AsPages"/> wins over it
    /// (clamped to 1–1,000).</summary>
    /// <value><see langword="null"/> by default: Slack's default page size (100, an assumption).</value>
    public int? Limit { get; set; }
}
