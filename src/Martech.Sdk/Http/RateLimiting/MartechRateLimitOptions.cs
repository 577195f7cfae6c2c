using System.Threading.RateLimiting;

namespace Martech.Sdk;

/// <summary>A vendor's published request rate, which seeds a provider instance's rate budget.</summary>
/// <remarks>
/// The budget is shared by every instance with the same credential (<see cref="MartechAuthentication.CredentialId"/>)
/// in the process. To share it across processes, supply <see cref="LimiterFactory"/> (for example a Redis-backed
/// limiter); the budget then also follows the vendor's rate-limit headers on top of it.
/// </remarks>
public sealed class MartechRateLimitOptions
{
    /// <summary>Whether requests wait on the budget at all. The default value is <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests allowed per <see cref="Window"/>. The default value is 10.</summary>
    public int PermitLimit { get; set; } = 10;

    /// <summary>The window <see cref="PermitLimit"/> applies to. The default value is 1 second.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest a request waits for the budget before failing with
    /// <see cref="MartechRateLimitedException"/>. The default value is 60 seconds.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Creates the limiter for a credential key, replacing the built-in in-process limiter (for example with one
    /// backed by Redis so many processes share the vendor's limit). <see langword="null"/> for the built-in one.
    /// </summary>
    public Func<string, RateLimiter>? LimiterFactory { get; set; }

    /// <summary>
    /// Budgets of single operations, by operation name (<see cref="MartechRequestOptions.Operation"/>, compared
    /// ordinally), for vendors that limit some methods more tightly than others or per method only; requests of other
    /// operations wait on the instance-wide budget alone. Empty by default. See <see cref="MartechOperationRateLimit"/>.
    /// </summary>
    /// <example>
    /// <code>
    /// RateLimit =
    /// {
    ///     PermitLimit = 100, Window = TimeSpan.FromSeconds(10),
    ///     Operations = { ["contacts.search"] = new() { PermitLimit = 5, Window = TimeSpan.FromSeconds(1) } },
    /// },
    /// </code>
    /// </example>
    public IDictionary<string, MartechOperationRateLimit> Operations { get; } = new Dictionary<string, MartechOperationRateLimit>(StringComparer.Ordinal);

    /// <summary>Checks the options.</summary>
    /// <param name="instance">The provider instance, named in messages.</param>
    /// <exception cref="InvalidOperationException">A value is out of range.</exception>
    public void Validate(string instance)
    {
        if (PermitLimit < 1)
        {
            throw new InvalidOperationException($"Provider '{instance}' rate limit PermitLimit must be at least 1 (was {PermitLimit}).");
        }

        if (Window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Provider '{instance}' rate limit Window must be positive (was {Window}).");
        }

        if (MaxWait < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"Provider '{instance}' rate limit MaxWait cannot be negative (was {MaxWait}).");
        }

        Dictionary<string, (string Operation, MartechOperationRateLimit Limit)>? groups = null;
        foreach ((string operation, MartechOperationRateLimit? limit) in Operations)
        {
            if (string.IsNullOrWhiteSpace(operation))
            {
                throw new InvalidOperationException($"Provider '{instance}' rate limit Operations has an empty operation name.");
            }

            if (limit is null)
            {
                throw new InvalidOperationException($"Provider '{instance}' rate limit of operation '{operation}' is missing.");
            }

            if (limit.PermitLimit < 1)
            {
                throw new InvalidOperationException($"Provider '{instance}' rate limit of operation '{operation}': PermitLimit must be at least 1 (was {limit.PermitLimit}).");
            }

            if (limit.Window <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"Provider '{instance}' rate limit of operation '{operation}': Window must be positive (was {limit.Window}).");
            }

            if (limit.Group is { } group)
            {
                if (string.IsNullOrWhiteSpace(group))
                {
                    throw new InvalidOperationException($"Provider '{instance}' rate limit of operation '{operation}': Group cannot be empty; leave it unset for a budget of the operation's own.");
                }

                groups ??= new Dictionary<string, (string, MartechOperationRateLimit)>(StringComparer.Ordinal);
                if (groups.TryGetValue(group, out var first) && !first.Limit.SameBudgetAs(limit))
                {
                    throw new InvalidOperationException($"Provider '{instance}' rate limit of operations '{first.Operation}' and '{operation}' share Group '{group}' but differ in their limits; give every operation of a group the same PermitLimit, Window, SharesInstanceBudget, PerPartition and Spread.");
                }

                groups.TryAdd(group, (operation, limit));
            }
        }
    }
}
