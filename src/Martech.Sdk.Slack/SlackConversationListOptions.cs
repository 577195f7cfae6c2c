namespace Martech.Sdk.Slack;

/// <summary>Filters of <see cref="ISlackConversations.ListConversationsAsync"/>.</summary>
public sealed class SlackConversationListOptions
{
    /// <summary>Comma-separated conversation types (<c>public_channel</c>, <c>private_channel</c>, <c>mpim</c>, <c>im</c>).</summary>
    /// <value><see langword="null"/> by default: Slack's default, public channels.</value>
    public string? Types { get; set; }

    /// <summary>Whether archived conversations are left out.</summary>
    /// <value><see langword="false"/> by default.</value>
    public bool ExcludeArchived { get; set; }

    /// <summary>The page size (1–1000).</summary>
    /// <value><see langword="null"/> by default: Slack's default page size.</value>
    public int? Limit { get; set; }
}
