namespace Martech.Sdk;

/// <summary>What a vendor's rate-limit headers said about the budget after a response.</summary>
/// <param name="Limit">Requests allowed in the vendor's window, if stated.</param>
/// <param name="Remaining">Requests left in the window, if stated.</param>
/// <param name="ResetAfter">How long until the window resets, if stated.</param>
public readonly record struct RateLimitSnapshot(long? Limit, long? Remaining, TimeSpan? ResetAfter)
{
    /// <summary>
    /// The window <see cref="Limit"/> applies to, when the vendor states or documents it; <see langword="null"/> when
    /// unknown. With both set, the budget never grants more than the vendor's limit allows in its own window (see
    /// <see cref="MartechRateLimitOptions"/>); without a window a stated limit is not compared with the budget's.
    /// </summary>
    public TimeSpan? Window { get; init; }
}
