namespace Martech.Sdk;

/// <summary>
/// Keeps rate budgets outside the process, so every process using one credential shares the vendor's limit
/// (<c>Martech.Sdk.Redis</c> implements it with one Lua script per acquisition). When a store is registered
/// (<c>services.AddSharedRateBudgets(...)</c>, or <c>AddRedisRateBudgets</c> of <c>Martech.Sdk.Redis</c>),
/// every provider instance's budget, and each of its operation budgets and partitions, takes its permits from the
/// store and reports what the vendor said (rate-limit headers, 429s, <c>Retry-After</c>) to it, so one process's 429
/// slows them all.
/// </summary>
/// <remarks>
/// <para>
/// Semantics equal the in-process budget's: a sliding log where a permit granted at <c>t</c> counts until
/// <c>t + hold</c> (<see cref="SharedRateBudget.Hold"/>: the window plus the 2% guard), at most the current limit
/// held at once; a pause (Retry-After, or no requests remaining until a reset) stops every acquirer; a cap (N remaining
/// until a reset) is shared; the limit adapts (AIMD): a 429 to a permit granted after the last cut cuts it to 0.7 ×
/// max(permits held before the refused one, half the limit), at least 1; each hold without a cut adds
/// <see cref="SharedRateBudget.RecoveryStep"/> back, never above <see cref="SharedRateBudget.PermitLimit"/> or a
/// vendor-stated ceiling.
/// </para>
/// <para>
/// Implementations are thread-safe, atomic across processes, keep no key without an expiry, name the clock they use
/// (<see cref="ClockDescription"/>), and never see a secret: keys hold the credential's fingerprint only.
/// An implementation that cannot reach its server throws <see cref="SharedRateBudgetUnavailableException"/>; the
/// budget then follows <see cref="SharedRateBudgetOptions.WhenUnavailable"/>.
/// </para>
/// </remarks>
public interface ISharedRateBudgetStore
{
    /// <summary>Describes the store for health reports and messages, such as <c>"Redis 127.0.0.1:6379"</c>.</summary>
    string Name { get; }

    /// <summary>Which clock times the budgets, such as <c>"Redis TIME"</c> or <c>"caller's clock"</c>.</summary>
    string ClockDescription { get; }

    /// <summary>Takes one permit now if the budget allows, atomically; otherwise says when to ask again.</summary>
    /// <param name="budget">The budget: key and limits.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The grant or refusal.</returns>
    /// <exception cref="SharedRateBudgetUnavailableException">The store cannot be reached.</exception>
    ValueTask<SharedPermit> TryAcquireAsync(SharedRateBudget budget, CancellationToken cancellationToken = default);

    /// <summary>Applies what a vendor response said to the shared budget, for every process.</summary>
    /// <param name="budget">The budget the request took its permit from.</param>
    /// <param name="feedback">What the response said.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the store has applied it.</returns>
    /// <exception cref="SharedRateBudgetUnavailableException">The store cannot be reached.</exception>
    ValueTask ReportAsync(SharedRateBudget budget, SharedRateFeedback feedback, CancellationToken cancellationToken = default);

    /// <summary>Checks that the store answers, for health checks.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The round-trip time.</returns>
    /// <exception cref="SharedRateBudgetUnavailableException">The store cannot be reached.</exception>
    ValueTask<TimeSpan> PingAsync(CancellationToken cancellationToken = default);
}

/// <summary>One shared budget: its key and the limits every process agrees on.</summary>
/// <param name="Key">The budget key: provider type and credential fingerprint (never the secret), plus
/// <c>#operation</c> and <c>@partition</c> for operation budgets, such as <c>HubSpot:3f2a9c01b7de#contacts.search</c>.</param>
/// <param name="PermitLimit">The configured limit: permits per window.</param>
/// <param name="Window">The vendor's window.</param>
/// <param name="Hold">How long a permit counts: the window plus the guard (<c>MartechRateBudget.HoldFor</c>).</param>
/// <param name="RecoveryStep">Permits added back per hold without a 429: the configured limit / 20, at least 1.</param>
public sealed record SharedRateBudget(string Key, int PermitLimit, TimeSpan Window, TimeSpan Hold, int RecoveryStep);

/// <summary>The answer to one acquisition.</summary>
/// <param name="Granted">Whether the permit was taken.</param>
/// <param name="RetryAfter">When refused, how long until a permit may be free (at least 1 ms); zero when granted.</param>
/// <param name="GrantedAt">When granted, the store clock's time of the grant in milliseconds, passed back in
/// <see cref="SharedRateFeedback.GrantedAt"/> so a 429 to a request granted before the last cut cuts nothing.</param>
/// <param name="Limit">The budget's current (adapted) limit.</param>
public readonly record struct SharedPermit(bool Granted, TimeSpan RetryAfter, long GrantedAt, int Limit);

/// <summary>What one vendor response said about the budget.</summary>
public sealed record SharedRateFeedback
{
    /// <summary>The store time (ms) the request's permit was granted at (<see cref="SharedPermit.GrantedAt"/>).</summary>
    public long GrantedAt { get; init; }

    /// <summary>Whether the vendor answered 429 (cuts the limit, once per cut).</summary>
    public bool TooManyRequests { get; init; }

    /// <summary>Pause every acquirer this long from now (a 429's <c>Retry-After</c>, or no requests remaining until a reset).</summary>
    public TimeSpan? PauseFor { get; init; }

    /// <summary>Requests the vendor says remain in its window.</summary>
    public long? Remaining { get; init; }

    /// <summary>When the vendor's window resets, from now; with <see cref="Remaining"/> a shared cap until then.</summary>
    public TimeSpan? ResetAfter { get; init; }

    /// <summary>A vendor-stated limit converted to the budget's window: a ceiling on the adaptive limit.</summary>
    public long? Ceiling { get; init; }

    /// <summary>A 429 that said neither when to retry nor what is left: hold the rest of the limit for one hold.</summary>
    public bool Exhausted { get; init; }
}

/// <summary>What a budget does while its shared store cannot be reached.</summary>
public enum SharedRateBudgetFallback
{
    /// <summary>Use the in-process budget at this process's share of the limit
    /// (<see cref="SharedRateBudgetOptions.ExpectedProcesses"/>), retrying the store after
    /// <see cref="SharedRateBudgetOptions.RetryStoreAfter"/>. The default: traffic continues, never above the limit in
    /// total when the expected process count is right.</summary>
    LocalShare = 0,

    /// <summary>Wait (up to the budget's <c>MaxWait</c>) for the store to come back; fail with
    /// <see cref="MartechRateLimitedException"/> after.</summary>
    Wait = 1,
}

/// <summary>Settings of shared rate budgets.</summary>
public sealed class SharedRateBudgetOptions
{
    /// <summary>What budgets do while the store cannot be reached. The default value is <see cref="SharedRateBudgetFallback.LocalShare"/>.</summary>
    public SharedRateBudgetFallback WhenUnavailable { get; set; } = SharedRateBudgetFallback.LocalShare;

    /// <summary>How many processes share each credential, for <see cref="SharedRateBudgetFallback.LocalShare"/>: each
    /// then takes limit ÷ this (at least 1) in process. The default value is 1; set it to your worker count.</summary>
    public int ExpectedProcesses { get; set; } = 1;

    /// <summary>How long a budget stays on the fallback before trying the store again. The default value is 5 seconds.</summary>
    public TimeSpan RetryStoreAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Checks the options.</summary>
    /// <exception cref="InvalidOperationException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!Enum.IsDefined(WhenUnavailable))
        {
            throw new InvalidOperationException($"Martech shared rate budgets: WhenUnavailable must be LocalShare or Wait (was {(int)WhenUnavailable}).");
        }

        if (ExpectedProcesses < 1)
        {
            throw new InvalidOperationException($"Martech shared rate budgets: ExpectedProcesses must be at least 1 (was {ExpectedProcesses}); set it to the number of processes sharing each credential.");
        }

        if (RetryStoreAfter <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Martech shared rate budgets: RetryStoreAfter must be positive (was {RetryStoreAfter}).");
        }
    }
}

/// <summary>The shared rate-budget store cannot be reached (connection refused, timed out, script failed to load).</summary>
public sealed class SharedRateBudgetUnavailableException : MartechException
{
    /// <summary>Creates the exception.</summary>
    public SharedRateBudgetUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without secrets.</param>
    public SharedRateBudgetUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed, without secrets.</param>
    /// <param name="innerException">The store client's exception.</param>
    public SharedRateBudgetUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
