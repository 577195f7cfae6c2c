using System.Globalization;
using StackExchange.Redis;

namespace Martech.Sdk;

/// <summary>
/// Shared rate budgets in Redis: every process on a credential takes its permits from one budget, with the in-process
/// budget's semantics (a sliding log of grants held for the hold, pauses, a shared cap, the adaptive limit after 429s),
/// in one atomic Lua script per acquisition or report.
/// </summary>
/// <remarks>
/// <para>
/// A budget keeps two keys, both hash-tagged with the budget key so Redis Cluster puts them in one slot:
/// <c>{prefix:rl:budget key}:log</c>, a sorted set with one member per grant (its time in ms and a sequence number)
/// scored by the grant time, and <c>{prefix:rl:budget key}:state</c>, a hash with the adaptive limit, the vendor's
/// ceiling, the pause, the cap and the held usage. Every write sets an expiry on both:
/// <see cref="MartechRedisOptions.BudgetIdleHolds"/> holds, or until a pause or cap ends when that is later; while
/// the adaptive limit is below the configured one or the vendor stated a ceiling, the state hash keeps
/// <see cref="MartechRedisOptions.LearnedStateRetention"/> instead, so a cut limit is not forgotten while idle. The
/// budget key holds the credential's fingerprint, never the secret.
/// </para>
/// <para>
/// Time comes from <see cref="MartechRedisOptions.Clock"/>: Redis <c>TIME</c> (one clock for all processes) or the
/// caller's <see cref="TimeProvider"/>. Failures to reach the server (no connection, a timeout, a refused script) throw
/// <see cref="SharedRateBudgetUnavailableException"/>, naming the store and the reason without secrets.
/// </para>
/// </remarks>
public sealed class RedisSharedRateBudgetStore : ISharedRateBudgetStore
{
    private static readonly RedisScript Script = new(RateBudgetScript.Text);
    private static readonly RedisValue Acquire = "a";
    private static readonly RedisValue Report = "r";
    private static readonly RedisValue Empty = string.Empty;
    private static readonly RedisValue One = "1";
    private static readonly RedisValue Zero = "0";

    /// <summary>Pauses and resets longer than this are cut to it, so a malformed header cannot stop a budget for years.</summary>
    private static readonly TimeSpan LongestPause = TimeSpan.FromDays(1);

    private readonly IConnectionMultiplexer _connection;
    private readonly TimeProvider _time;
    private readonly RedisClock _clock;
    private readonly string _prefix;
    private readonly int _idleHolds;
    private readonly long _learnedRetentionMs;

    /// <summary>Creates the store over a connection.</summary>
    /// <param name="connection">The Redis connection, shared with the other stores of this package.</param>
    /// <param name="options">The clock, key prefix and expiry; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The caller's clock, for <see cref="RedisClock.Caller"/>; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public RedisSharedRateBudgetStore(IConnectionMultiplexer connection, MartechRedisOptions? options = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new MartechRedisOptions();
        MartechRedisOptions.ThrowIfInvalid(options);
        _connection = connection;
        _time = timeProvider ?? TimeProvider.System;
        _clock = options.Clock;
        _prefix = options.KeyPrefix;
        _idleHolds = options.BudgetIdleHolds;
        _learnedRetentionMs = (long)Math.Ceiling(options.LearnedStateRetention.TotalMilliseconds);
        Name = RedisFailure.Describe(connection);
        ClockDescription = _clock == RedisClock.Server
            ? "Redis TIME (the server's clock; Redis 5 or newer)"
            : "caller's clock (each process's TimeProvider; keep the hosts synchronized)";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public string ClockDescription { get; }

    /// <summary>The keys of a budget: its log (sorted set) and its state (hash), hash-tagged into one cluster slot.</summary>
    /// <param name="budgetKey">The budget's key (<see cref="SharedRateBudget.Key"/>).</param>
    /// <returns>The log key and the state key.</returns>
    public (string Log, string State) KeysOf(string budgetKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(budgetKey);
        string tag = "{" + _prefix + ":rl:" + budgetKey + "}";
        return (tag + ":log", tag + ":state");
    }

    /// <inheritdoc/>
    public async ValueTask<SharedPermit> TryAcquireAsync(SharedRateBudget budget, CancellationToken cancellationToken = default)
    {
        RedisValue[] args = Arguments(budget, Acquire, 7);
        RedisResult[] result = await EvaluateAsync(budget, args, cancellationToken).ConfigureAwait(false);
        bool granted = (long)result[0] == 1;
        long retryMs = (long)result[1];
        return new SharedPermit(granted, granted ? TimeSpan.Zero : TimeSpan.FromMilliseconds(Math.Max(1, retryMs)), (long)result[2], (int)(long)result[3]);
    }

    /// <inheritdoc/>
    public async ValueTask ReportAsync(SharedRateBudget budget, SharedRateFeedback feedback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feedback);
        if (!feedback.TooManyRequests && !feedback.Exhausted && feedback.PauseFor is null && feedback.Remaining is null && feedback.Ceiling is null)
        {
            Check(budget);
            return; // nothing to apply
        }

        RedisValue[] args = Arguments(budget, Report, 14);
        args[7] = feedback.GrantedAt;
        args[8] = feedback.TooManyRequests ? One : Zero;
        args[9] = feedback.PauseFor is TimeSpan pause ? Milliseconds(pause) : Empty;
        args[10] = feedback.Remaining is long remaining ? remaining : Empty;
        args[11] = feedback.Remaining is not null && feedback.ResetAfter is TimeSpan reset ? (reset <= TimeSpan.Zero ? 0 : Milliseconds(reset)) : Empty;
        args[12] = feedback.Ceiling is long ceiling ? Math.Min(ceiling, int.MaxValue) : Empty;
        args[13] = feedback.Exhausted ? One : Zero;
        await EvaluateAsync(budget, args, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<TimeSpan> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await RedisScript.WaitAsync(_connection.GetDatabase().PingAsync(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (RedisFailure.IsUnavailable(e))
        {
            throw Unavailable("ping", e);
        }
    }

    /// <summary>Describes the store.</summary>
    /// <returns>The name and clock.</returns>
    public override string ToString() => $"RedisSharedRateBudgetStore({Name}, {ClockDescription})";

    private RedisValue[] Arguments(SharedRateBudget budget, RedisValue op, int count)
    {
        Check(budget);
        var args = new RedisValue[count];
        args[0] = op;
        args[1] = _clock == RedisClock.Caller ? _time.GetUtcNow().ToUnixTimeMilliseconds() : Empty;
        args[2] = budget.PermitLimit;
        long hold = HoldMilliseconds(budget);
        args[3] = hold;
        args[4] = budget.RecoveryStep;
        args[5] = hold * _idleHolds;
        args[6] = _learnedRetentionMs;
        return args;
    }

    private async Task<RedisResult[]> EvaluateAsync(SharedRateBudget budget, RedisValue[] args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        (string log, string state) = KeysOf(budget.Key);
        RedisKey[] keys = [log, state];
        try
        {
            RedisResult result = await Script.EvaluateAsync(_connection.GetDatabase(), keys, args, cancellationToken).ConfigureAwait(false);
            return (RedisResult[])result!;
        }
        catch (Exception e) when (RedisFailure.IsUnavailable(e))
        {
            throw Unavailable($"budget '{budget.Key}'", e);
        }
    }

    private SharedRateBudgetUnavailableException Unavailable(string what, Exception e) =>
        new($"The shared rate-budget store {Name} could not be used for {what}: {RedisFailure.Reason(e)}", e);

    private static void Check(SharedRateBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        if (string.IsNullOrWhiteSpace(budget.Key))
        {
            throw new ArgumentException("The shared budget's Key is empty; it must name the provider and credential fingerprint.", nameof(budget));
        }

        if (budget.PermitLimit < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The shared budget '{budget.Key}' has PermitLimit {budget.PermitLimit}; it must be at least 1."), nameof(budget));
        }

        if (budget.Hold <= TimeSpan.Zero)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The shared budget '{budget.Key}' has Hold {budget.Hold}; it must be positive."), nameof(budget));
        }

        if (budget.RecoveryStep < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The shared budget '{budget.Key}' has RecoveryStep {budget.RecoveryStep}; it must be at least 1."), nameof(budget));
        }
    }

    private static long HoldMilliseconds(SharedRateBudget budget) => Math.Max(1, (long)Math.Ceiling(budget.Hold.TotalMilliseconds));

    private static long Milliseconds(TimeSpan span)
    {
        TimeSpan clamped = span > LongestPause ? LongestPause : span;
        return clamped <= TimeSpan.Zero ? 0 : (long)Math.Ceiling(clamped.TotalMilliseconds);
    }
}
