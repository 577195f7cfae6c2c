using System.Globalization;

namespace Martech.Sdk;

/// <summary>Settings of <c>Martech.Sdk.Redis</c>, bound from <c>Martech:Redis</c> and validated at host start.</summary>
public sealed class MartechRedisOptions
{
    /// <summary>The StackExchange.Redis configuration string, such as <c>"127.0.0.1:6379"</c> or
    /// <c>"redis-1:6379,redis-2:6379,password=…,ssl=true"</c>. Required unless the connection comes from a factory
    /// given in code. It may hold a password: it is never logged or shown in messages.</summary>
    public string? Configuration { get; set; }

    /// <summary>Which clock times the rate budgets. The default value is <see cref="RedisClock.Server"/> (Redis
    /// <c>TIME</c>); use <see cref="RedisClock.Caller"/> where the server refuses <c>TIME</c> in scripts.</summary>
    public RedisClock Clock { get; set; } = RedisClock.Server;

    /// <summary>The first part of every key this package writes, such as <c>martech</c> in
    /// <c>{martech:rl:HubSpot:3f2a9c01b7de}:log</c>; give each environment sharing one Redis its own.
    /// The default value is <c>"martech"</c>.</summary>
    public string KeyPrefix { get; set; } = "martech";

    /// <summary>How long connecting may take before the connection attempt fails (and is retried in the background).
    /// Applies to connections made from <see cref="Configuration"/>. The default value is 2 seconds.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long one command may take before it fails as unavailable. Applies to connections made from
    /// <see cref="Configuration"/>, which also fail commands at once while disconnected instead of queuing them.
    /// The default value is 1 second.</summary>
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A rate budget's keys expire this many holds (window plus guard) after its last acquisition or report,
    /// or after its pause or cap ends when that is later; an idle budget then starts afresh at its configured limit.
    /// The default value is 10.</summary>
    public int BudgetIdleHolds { get; set; } = 10;

    /// <summary>How long a rate budget's state (the adaptive limit, the vendor's ceiling, the rate before the last cut)
    /// is kept after its last acquisition or report while the limit is below the configured one or a ceiling is set,
    /// so an idle budget does not forget a cut and send into 429s again; its log still expires after
    /// <see cref="BudgetIdleHolds"/> holds. The default value is 1 day; between 1 minute and 30 days.</summary>
    public TimeSpan LearnedStateRetention { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a checkpoint is kept after its last write; <see langword="null"/> keeps it until deleted.
    /// The default value is 30 days.</summary>
    public TimeSpan? CheckpointTimeToLive { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a stored OAuth2 token without a refresh token is kept past its expiry (or kept at all when
    /// it states no expiry). The default value is 5 minutes.</summary>
    public TimeSpan TokenExpiryMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a stored OAuth2 token with a refresh token is kept past its access token's expiry: the refresh
    /// token outlives the access token, and a rotated one exists only in the store. The default value is 30 days.</summary>
    public TimeSpan RefreshTokenRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Checks the settings.</summary>
    /// <param name="path">The configuration path named in the messages, such as <c>Martech:Redis</c>.</param>
    /// <param name="needsConfiguration">Whether <see cref="Configuration"/> is required (no connection factory).</param>
    /// <returns>One message per problem, naming the setting and the fix; empty when valid.</returns>
    public IEnumerable<string> Validate(string path = "Martech:Redis", bool needsConfiguration = true)
    {
        if (needsConfiguration && string.IsNullOrWhiteSpace(Configuration))
        {
            yield return $"{path}:Configuration is empty; set it to the Redis server, such as \"127.0.0.1:6379\", or pass a connection string or connection factory to AddMartechRedis.";
        }
        else if (needsConfiguration)
        {
            string? problem = null;
            try
            {
                _ = StackExchange.Redis.ConfigurationOptions.Parse(Configuration!);
            }
            catch (ArgumentException e)
            {
                // The parser's message names the bad option, never a value.
                problem = e.Message;
            }

            if (problem is not null)
            {
                yield return $"{path}:Configuration is not a valid StackExchange.Redis configuration string: {problem}";
            }
        }

        if (!Enum.IsDefined(Clock))
        {
            yield return $"{path}:Clock must be Server or Caller (was {(int)Clock}).";
        }

        if (string.IsNullOrWhiteSpace(KeyPrefix) || KeyPrefix.IndexOfAny(['{', '}']) >= 0)
        {
            yield return $"{path}:KeyPrefix must be non-empty text without braces (was '{KeyPrefix}'), such as \"martech\".";
        }

        if (ConnectTimeout <= TimeSpan.Zero || ConnectTimeout > TimeSpan.FromMinutes(5))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}:ConnectTimeout must be between 0 and 5 minutes (was {ConnectTimeout}).");
        }

        if (OperationTimeout <= TimeSpan.Zero || OperationTimeout > TimeSpan.FromMinutes(5))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}:OperationTimeout must be between 0 and 5 minutes (was {OperationTimeout}).");
        }

        if (BudgetIdleHolds < 2)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}:BudgetIdleHolds must be at least 2 (was {BudgetIdleHolds}): a budget's keys must outlive its permits.");
        }

        if (LearnedStateRetention < TimeSpan.FromMinutes(1) || LearnedStateRetention > TimeSpan.FromDays(30))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}:LearnedStateRetention must be between 1 minute and 30 days (was {LearnedStateRetention}): it keeps a cut rate limit while the budget is idle.");
        }

        if (CheckpointTimeToLive is TimeSpan ttl && ttl <= TimeSpan.Zero)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}:CheckpointTimeToLive must be positive (was {ttl}); leave it empty to keep checkpoints until deleted.");
        }

        if (TokenExpiryMargin < TimeSpan.Zero)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}:TokenExpiryMargin must not be negative (was {TokenExpiryMargin}).");
        }

        if (RefreshTokenRetention < TimeSpan.Zero)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{path}:RefreshTokenRetention must not be negative (was {RefreshTokenRetention}).");
        }
    }

    /// <summary>Checks the settings given to a store's constructor.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    internal static void ThrowIfInvalid(MartechRedisOptions options)
    {
        if (options.Validate("Martech:Redis", needsConfiguration: false).FirstOrDefault() is string problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }
    }

    /// <summary>The StackExchange.Redis options for <see cref="Configuration"/>: no abort on a failed first connect,
    /// the short timeouts, and commands failed at once while disconnected.</summary>
    internal StackExchange.Redis.ConfigurationOptions ToConfigurationOptions()
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(Configuration!);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = (int)Math.Ceiling(ConnectTimeout.TotalMilliseconds);
        options.SyncTimeout = (int)Math.Ceiling(OperationTimeout.TotalMilliseconds);
        options.AsyncTimeout = (int)Math.Ceiling(OperationTimeout.TotalMilliseconds);
        options.BacklogPolicy = StackExchange.Redis.BacklogPolicy.FailFast;
        options.ClientName ??= "Martech.Sdk";
        return options;
    }
}
