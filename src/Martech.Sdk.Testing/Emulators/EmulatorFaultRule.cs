using System.Globalization;

namespace Martech.Sdk.Testing;

/// <summary>
/// A scheduled fault in <see cref="EmulatorFaults"/>: which requests it applies to, how often, and how many times it has
/// been applied so far.
/// </summary>
public sealed class EmulatorFaultRule
{
    private readonly Func<RecordedRequest, bool> _matches;
    private readonly string _description;
    private int _remaining;
    private int _applied;

    internal EmulatorFaultRule(EmulatorFault fault, Func<RecordedRequest, bool> matches, int? count, double percentage, string description)
    {
        Fault = fault;
        _matches = matches;
        _remaining = count ?? -1;
        Percentage = percentage;
        _description = description;
    }

    /// <summary>Gets the fault the rule injects.</summary>
    public EmulatorFault Fault { get; }

    /// <summary>Gets the chance, in percent, that a matching request gets the fault (100 for scripted rules).</summary>
    public double Percentage { get; }

    /// <summary>Gets how many more requests get the fault, or <see langword="null"/> when the rule has no limit.</summary>
    public int? RemainingCount => Volatile.Read(ref _remaining) is var remaining and >= 0 ? remaining : null;

    /// <summary>Gets how many requests the rule has injected its fault into.</summary>
    public int AppliedCount => Volatile.Read(ref _applied);

    /// <summary>Gets whether the rule has used up its count.</summary>
    public bool IsExhausted => Volatile.Read(ref _remaining) == 0;

    /// <summary>Describes the rule, such as <c>ResetAfterProcessing for the next request to POST /v1/items (applied 0)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        $"{Fault} {_description} (applied {AppliedCount.ToString(CultureInfo.InvariantCulture)})";

    // Called under the EmulatorFaults lock, so matching, drawing and counting are one step per request.
    internal bool TryApply(RecordedRequest request, Random random)
    {
        if (IsExhausted || !_matches(request))
        {
            return false;
        }

        if (Percentage < 100 && random.NextDouble() * 100 >= Percentage)
        {
            return false;
        }

        if (_remaining > 0)
        {
            Volatile.Write(ref _remaining, _remaining - 1);
        }

        Volatile.Write(ref _applied, _applied + 1);
        return true;
    }
}
