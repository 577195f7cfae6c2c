namespace Martech.Sdk.Testing;

/// <summary>A conversation held by the <see cref="IntercomEmulator"/>: added by a test, or opened by an
/// admin-initiated message.</summary>
public sealed record IntercomEmulatedConversation
{
    /// <summary>Gets the conversation id (decimal digits unless the test chose one).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the ids of the contacts in the conversation.</summary>
    public required IReadOnlyList<string> ContactIds { get; init; }

    /// <summary>Gets the id of the admin-initiated message that opened it, or <see langword="null"/> when a test
    /// added it.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets when it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
