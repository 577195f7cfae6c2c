using System.Globalization;

namespace Martech.Sdk.Testing;

/// <summary>
/// The faults a <see cref="VendorEmulator"/> injects, as rules consulted in the order they were added: the first rule that
/// fires for a request decides its fault, and a request gets at most one. Rules are scripted (the next N requests, or
/// requests matching a predicate) or random by percentage, drawn from a seedable <see cref="Random"/>.
/// </summary>
/// <remarks>
/// Faults apply after the emulator's rate limit and before its routes, so every vendor emulator gets them. Predicates run
/// under a lock, once per request, in rule order: keep them quick and do not change the rules from inside one.
/// </remarks>
public sealed class EmulatorFaults
{
    private readonly Lock _gate = new();
    private readonly List<EmulatorFaultRule> _rules = [];
    private Random _random = new();

    internal EmulatorFaults()
    {
    }

    /// <summary>Gets a snapshot of the rules still active, in the order they are consulted.</summary>
    public IReadOnlyList<EmulatorFaultRule> Rules
    {
        get
        {
            lock (_gate)
            {
                return [.. _rules];
            }
        }
    }

    /// <summary>Makes percentage rules deterministic: later draws come from a <see cref="Random"/> seeded with
    /// <paramref name="seed"/>, one draw per request that reaches a matching percentage rule.</summary>
    /// <param name="seed">The seed.</param>
    public void UseSeed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Injects a fault into the next <paramref name="count"/> requests, whatever their route.</summary>
    /// <param name="count">How many requests; at least 1.</param>
    /// <param name="fault">The fault.</param>
    /// <returns>The rule, to follow its <see cref="EmulatorFaultRule.AppliedCount"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is zero or negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is <see langword="null"/>.</exception>
    public EmulatorFaultRule Next(int count, EmulatorFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentNullException.ThrowIfNull(fault);
        return Add(new EmulatorFaultRule(fault, static _ => true, count, 100, $"for the next {Requests(count)}"));
    }

    /// <summary>Injects a fault into the next <paramref name="count"/> requests to one route.</summary>
    /// <param name="count">How many requests; at least 1.</param>
    /// <param name="method">The HTTP method, case-insensitive.</param>
    /// <param name="path">The path, starting with <c>/</c>; a <c>{name}</c> segment matches any one segment.</param>
    /// <param name="fault">The fault.</param>
    /// <returns>The rule, to follow its <see cref="EmulatorFaultRule.AppliedCount"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is zero or negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="method"/> or <paramref name="path"/> is empty, or the path does
    /// not start with <c>/</c> or has a query string.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is <see langword="null"/>.</exception>
    public EmulatorFaultRule Next(int count, string method, string path, EmulatorFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        EmulatorPathPattern route = EmulatorPathPattern.Parse(method, path);
        ArgumentNullException.ThrowIfNull(fault);
        return Add(new EmulatorFaultRule(fault, route.Matches, count, 100, $"for the next {Requests(count)} to {route}"));
    }

    /// <summary>Injects a fault into requests matching a predicate, such as the POST whose body holds a given email.</summary>
    /// <param name="predicate">Which requests; it sees the recorded request, body included.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="count">How many requests at most; <see langword="null"/> for every matching request.</param>
    /// <returns>The rule, to follow its <see cref="EmulatorFaultRule.AppliedCount"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="predicate"/> or <paramref name="fault"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is zero or negative.</exception>
    public EmulatorFaultRule When(Func<RecordedRequest, bool> predicate, EmulatorFault fault, int? count = null)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentNullException.ThrowIfNull(fault);
        if (count is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit, nameof(count));
        }

        string scope = count is { } n ? $"for the next {Requests(n, "matching ")}" : "for every matching request";
        return Add(new EmulatorFaultRule(fault, predicate, count, 100, scope));
    }

    /// <summary>Injects a fault into a percentage of requests, drawn independently per request (see <see cref="UseSeed"/>).</summary>
    /// <param name="percentage">The chance per request, greater than 0 and at most 100.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="predicate">Which requests are eligible; <see langword="null"/> for all.</param>
    /// <returns>The rule, to follow its <see cref="EmulatorFaultRule.AppliedCount"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="percentage"/> is not in (0, 100].</exception>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is <see langword="null"/>.</exception>
    public EmulatorFaultRule Randomly(double percentage, EmulatorFault fault, Func<RecordedRequest, bool>? predicate = null)
    {
        if (double.IsNaN(percentage) || percentage <= 0 || percentage > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(percentage), percentage, "The percentage must be greater than 0 and at most 100.");
        }

        ArgumentNullException.ThrowIfNull(fault);
        string scope = $"for {percentage.ToString(CultureInfo.InvariantCulture)}% of {(predicate is null ? "requests" : "matching requests")}";
        return Add(new EmulatorFaultRule(fault, predicate ?? (static _ => true), null, percentage, scope));
    }

    /// <summary>Removes a rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns><see langword="true"/> when the rule was active and is now removed.</returns>
    public bool Remove(EmulatorFaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        lock (_gate)
        {
            return _rules.Remove(rule);
        }
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Picks the fault for a request, consuming a scripted count or a random draw; <see langword="null"/> for none.</summary>
    internal EmulatorFault? Select(RecordedRequest request)
    {
        lock (_gate)
        {
            for (int i = 0; i < _rules.Count; i++)
            {
                EmulatorFaultRule rule = _rules[i];
                if (rule.TryApply(request, _random))
                {
                    if (rule.IsExhausted)
                    {
                        _rules.RemoveAt(i);
                    }

                    return rule.Fault;
                }
            }

            return null;
        }
    }

    private static string Requests(int count, string qualifier = "") =>
        count == 1 ? $"{qualifier}request" : $"{count.ToString(CultureInfo.InvariantCulture)} {qualifier}requests";

    private EmulatorFaultRule Add(EmulatorFaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }

        return rule;
    }
}
