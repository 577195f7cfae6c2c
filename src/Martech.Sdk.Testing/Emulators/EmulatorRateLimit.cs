namespace Martech.Sdk.Testing;

/// <summary>
/// A fixed-window rate limit for a <see cref="VendorEmulator"/>: at most <see cref="PermitLimit"/> requests per
/// <see cref="Window"/> (per partition), after which it answers 429 with <c>Retry-After</c> and the vendor's body until the
/// window ends. A window starts with the first request after the previous one ended, by the emulator's
/// <see cref="VendorEmulator.TimeProvider"/>. Rejected requests do not use up permits.
/// </summary>
/// <example>
/// <code>
/// emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 100, Window = TimeSpan.FromSeconds(10) };
/// </code>
/// </example>
public sealed class EmulatorRateLimit
{
    private readonly int _permitLimit;
    private readonly TimeSpan _window;

    /// <summary>Gets how many requests a window admits.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or a negative value.</exception>
    public required int PermitLimit
    {
        get => _permitLimit;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(PermitLimit));
            _permitLimit = value;
        }
    }

    /// <summary>Gets the length of a window.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to zero or a negative value.</exception>
    public required TimeSpan Window
    {
        get => _window;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, nameof(Window));
            _window = value;
        }
    }

    /// <summary>Gets which budget a request draws from, such as its API key or its Slack method, each with its own window;
    /// <see langword="null"/> puts every request in one budget.</summary>
    public Func<RecordedRequest, string>? PartitionBy { get; init; }

    /// <summary>Gets which requests the limit applies to; <see langword="null"/> for all. Exempt requests get no
    /// rate-limit headers.</summary>
    public Func<RecordedRequest, bool>? AppliesTo { get; init; }
}
