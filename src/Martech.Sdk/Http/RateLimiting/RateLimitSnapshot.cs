namespace Martech.Sdk;

/// <summary>What a vendor's rate-limit headers said about the budget after a response.</summary>
/// <param name="Limit">Requests allowed in the vendor's window, if stated.</param>
/// <param name="Remaining">Requests left in the window, if stated.</param>
/// <param name="ResetAfter">How long until the window resets, if stated.</param>
public readonly record struct RateLimitSnapshot(long? Limit, long? Remaining, TimeSpan? ResetAfter);
