namespace Martech.Sdk;

/// <summary>The sizes of a series' two rings of time buckets, derived from the options once.</summary>
/// <param name="FineBucket">The width of a fine bucket.</param>
/// <param name="FineSlots">How many fine buckets: <see cref="VendorSloOptions.LongWindow"/> of them plus the current one.</param>
/// <param name="CoarseBucket">The width of a coarse bucket.</param>
/// <param name="CoarseSlots">How many coarse buckets: the longest window of them plus the current one.</param>
internal sealed record VendorSloLayout(TimeSpan FineBucket, int FineSlots, TimeSpan CoarseBucket, int CoarseSlots)
{
    /// <summary>The longest window a report can cover.</summary>
    public TimeSpan LongestWindow => CoarseBucket * (CoarseSlots - 1);

    public static VendorSloLayout From(VendorSloOptions options)
    {
        TimeSpan longest = options.LongestWindow();
        return new VendorSloLayout(
            options.FineBucket,
            Slots(options.LongWindow, options.FineBucket),
            options.CoarseBucket,
            Slots(longest > options.LongWindow ? longest : options.LongWindow, options.CoarseBucket));
    }

    internal static int Slots(TimeSpan span, TimeSpan width) => (int)Math.Ceiling(span.Ticks / (double)width.Ticks) + 1;
}
