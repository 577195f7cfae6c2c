namespace Martech.Sdk.Testing;

/// <summary>
/// A per-method rate limit of a <see cref="SlackEmulator"/>, like Slack's rate-limit tiers: at most
/// <see cref="PermitLimit"/> calls of the method per <see cref="Window"/> (a fixed window per method, or per method and
/// channel when <see cref="PerChannel"/> is set); further calls answer HTTP 429 with <c>Retry-After</c> and
/// <c>{"ok":false,"error":"ratelimited"}</c> and are not processed.
/// </summary>
/// <remarks>Slack publishes its tiers as minimums ("20+ per minute"); the presets use those minimums. Which tier a
/// method is in is Slack's to say; <see cref="SlackEmulator.UsePublishedTiers"/> assigns the ones the SDK uses.</remarks>
public sealed record SlackEmulatorRateTier
{
    /// <summary>Creates a tier.</summary>
    /// <param name="permitLimit">Calls admitted per window; at least 1.</param>
    /// <param name="window">The window; positive.</param>
    /// <param name="perChannel">Whether each channel has its own window (chat.postMessage's per-channel limit).</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public SlackEmulatorRateTier(int permitLimit, TimeSpan window, bool perChannel = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        PermitLimit = permitLimit;
        Window = window;
        PerChannel = perChannel;
    }

    /// <summary>Tier 1: 1 call per minute.</summary>
    public static SlackEmulatorRateTier Tier1 { get; } = new(1, TimeSpan.FromMinutes(1));

    /// <summary>Tier 2: 20 calls per minute (conversations.list, by Slack's documentation of the method).</summary>
    public static SlackEmulatorRateTier Tier2 { get; } = new(20, TimeSpan.FromMinutes(1));

    /// <summary>Tier 3: 50 calls per minute.</summary>
    public static SlackEmulatorRateTier Tier3 { get; } = new(50, TimeSpan.FromMinutes(1));

    /// <summary>Tier 4: 100 calls per minute.</summary>
    public static SlackEmulatorRateTier Tier4 { get; } = new(100, TimeSpan.FromMinutes(1));

    /// <summary>chat.postMessage's special limit: about 1 message per second per channel.</summary>
    public static SlackEmulatorRateTier PostMessage { get; } = new(1, TimeSpan.FromSeconds(1), perChannel: true);

    /// <summary>Gets how many calls a window admits.</summary>
    public int PermitLimit { get; }

    /// <summary>Gets the length of a window.</summary>
    public TimeSpan Window { get; }

    /// <summary>Gets whether each channel has its own window.</summary>
    public bool PerChannel { get; }
}
