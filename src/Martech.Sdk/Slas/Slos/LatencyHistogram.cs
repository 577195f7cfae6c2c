namespace Martech.Sdk;

/// <summary>
/// A latency distribution in logarithmic buckets with a relative error of at most 1 % (the DDSketch layout): bucket
/// <c>i</c> holds the durations in <c>(γ^(i−1), γ^i]</c> seconds with <c>γ = 1.01 / 0.99</c>, and reports them as
/// <c>2γ^i / (γ + 1)</c>, which is within 1 % of every value in the bucket. Durations are clamped to
/// [1 µs, 1 day], so at most 1,250 buckets exist; only the range between the smallest and largest bucket used is
/// allocated (one <see cref="int"/> each). Not thread-safe: the owner locks.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>The largest relative error of a reported value.</summary>
    public const double RelativeError = 0.01;

    private const double MinSeconds = 1e-6;
    private const double MaxSeconds = 86_400;
    private static readonly double Gamma = (1 + RelativeError) / (1 - RelativeError);
    private static readonly double LogGamma = Math.Log(Gamma);

    private int[] _counts = [];
    private int _lowest;

    /// <summary>How many durations were recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Records one duration.</summary>
    public void Record(TimeSpan duration) => Add(IndexOf(duration.TotalSeconds), 1);

    /// <summary>Adds every duration of <paramref name="other"/>.</summary>
    public void Merge(LatencyHistogram other)
    {
        for (int i = 0; i < other._counts.Length; i++)
        {
            if (other._counts[i] != 0)
            {
                Add(other._lowest + i, other._counts[i]);
            }
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
    }

    /// <summary>
    /// The nearest-rank percentile: the recorded duration at rank ⌈p/100 · n⌉ (1-based, ascending), within 1 %; or
    /// <see langword="null"/> when nothing was recorded.
    /// </summary>
    public TimeSpan? Percentile(double percentile)
    {
        if (Count == 0)
        {
            return null;
        }

        long rank = Math.Max(1, (long)Math.Ceiling((decimal)percentile * Count / 100m));
        long seen = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return ValueOf(_lowest + i);
            }
        }

        return ValueOf(_lowest + _counts.Length - 1);
    }

    /// <summary>How many durations are at most <paramref name="threshold"/>, judged by their reported value (so the answer
    /// agrees with <see cref="Percentile"/>: p ≤ threshold exactly when this count reaches p % of <see cref="Count"/>).</summary>
    public long CountAtMost(TimeSpan threshold)
    {
        long within = 0;
        for (int i = 0; i < _counts.Length; i++)
        {
            if (ValueOf(_lowest + i) > threshold)
            {
                break;
            }

            within += _counts[i];
        }

        return within;
    }

    /// <summary>The value reported for the bucket <paramref name="index"/>.</summary>
    internal static TimeSpan ValueOf(int index) => TimeSpan.FromSeconds(2 * Math.Pow(Gamma, index) / (Gamma + 1));

    internal static int IndexOf(double seconds) =>
        (int)Math.Ceiling(Math.Log(Math.Clamp(double.IsNaN(seconds) ? MinSeconds : seconds, MinSeconds, MaxSeconds)) / LogGamma);

    private void Add(int index, int count)
    {
        if (_counts.Length == 0)
        {
            _counts = new int[8];
            _lowest = index - 4;
        }
        else if (index < _lowest || index >= _lowest + _counts.Length)
        {
            int low = Math.Min(_lowest, index);
            int high = Math.Max(_lowest + _counts.Length - 1, index);

            // Room to spare on the side that grew, so a drifting latency does not copy on every new bucket.
            int spare = Math.Max(8, (high - low + 1) / 4);
            int newLowest = index < _lowest ? low - spare : low;
            int length = high - newLowest + 1 + (index < _lowest ? 0 : spare);
            int[] grown = new int[length];
            Array.Copy(_counts, 0, grown, _lowest - newLowest, _counts.Length);
            _counts = grown;
            _lowest = newLowest;
        }

        _counts[index - _lowest] += count;
        Count += count;
    }
}
