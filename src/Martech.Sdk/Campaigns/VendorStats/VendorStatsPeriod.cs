using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// A <see cref="CampaignStatsOptions"/> period read as whole days of a vendor's statistics calendar, which counts by
/// day in one time zone (SendGrid and Mailgun in UTC, Postmark in US Eastern time): what a vendor stats client asks its
/// API for, checked before any request.
/// </summary>
/// <remarks>
/// <para><see cref="CampaignStatsOptions.From"/> and <see cref="CampaignStatsOptions.To"/> must be midnights as written
/// (their own offset): a vendor cannot split a day. Their dates are read as days of the vendor's calendar, so
/// <c>2026-03-01T00:00:00Z</c> asks Postmark for its 1 March in Eastern time; <see cref="From"/> and <see cref="To"/> give
/// the instants that covers. A period is [first day, end day): <see cref="EndDay"/> is the first day not counted.</para>
/// <para>Days after <see cref="Today"/> have no stats yet: <see cref="LastCountedDay"/> stops at today, and a period that
/// starts after today <see cref="IsEmpty">is empty</see> (no request is needed).</para>
/// </remarks>
public sealed class VendorStatsPeriod
{
    // The parameter of ICampaignStatsClient.GetStatsAsync the period comes from.
    private static readonly string OptionsParameter = "options";

    private VendorStatsPeriod(string vendor, TimeSpan utcOffset, DateOnly today, DateOnly? firstDay, DateOnly? endDay, CampaignStatsBreakdown breakdown)
    {
        Vendor = vendor;
        UtcOffset = utcOffset;
        Today = today;
        FirstDay = firstDay;
        EndDay = endDay;
        Breakdown = breakdown;
    }

    /// <summary>The vendor, named in error messages.</summary>
    public string Vendor { get; }

    /// <summary>The offset from UTC of the vendor's statistics calendar.</summary>
    public TimeSpan UtcOffset { get; }

    /// <summary>Today in the vendor's calendar.</summary>
    public DateOnly Today { get; }

    /// <summary>The first day counted; <see langword="null"/> for as far back as the vendor keeps stats.</summary>
    public DateOnly? FirstDay { get; }

    /// <summary>The first day not counted; <see langword="null"/> for up to today.</summary>
    public DateOnly? EndDay { get; }

    /// <summary>The last day with stats: the day before <see cref="EndDay"/>, or <see cref="Today"/> if that is earlier.</summary>
    public DateOnly LastCountedDay => EndDay is { } end && end.AddDays(-1) < Today ? end.AddDays(-1) : Today;

    /// <summary>How the caller wants the period split.</summary>
    public CampaignStatsBreakdown Breakdown { get; }

    /// <summary>Whether no day of the period can have stats: it has no days, or it starts after today.</summary>
    public bool IsEmpty => FirstDay is { } first && (first > Today || EndDay <= first);

    /// <summary>The start of <see cref="FirstDay"/> as an instant; <see langword="null"/> when there is no first day.</summary>
    public DateTimeOffset? From => FirstDay is { } day ? StartOf(day) : null;

    /// <summary>The start of <see cref="EndDay"/> as an instant; <see langword="null"/> when there is no end day.</summary>
    public DateTimeOffset? To => EndDay is { } day ? StartOf(day) : null;

    /// <summary>Reads a stats request as whole vendor days, checking it before any request is made.</summary>
    /// <param name="vendor">The vendor, such as <c>"SendGrid"</c>, named in error messages.</param>
    /// <param name="campaignId">The campaign id (category or tag) asked for; it must not be empty.</param>
    /// <param name="options">The period and breakdown; <see langword="null"/> for everything, no breakdown.</param>
    /// <param name="utcOffset">The offset from UTC of the vendor's statistics calendar.</param>
    /// <param name="now">The current time (from the client's <see cref="TimeProvider"/>).</param>
    /// <returns>The period.</returns>
    /// <exception cref="ArgumentException"><paramref name="campaignId"/> is empty, <paramref name="options"/> are invalid
    /// (<see cref="CampaignStatsOptions.Validate"/>), or <see cref="CampaignStatsOptions.From"/> or
    /// <see cref="CampaignStatsOptions.To"/> is not a midnight.</exception>
    public static VendorStatsPeriod Resolve(string vendor, string campaignId, CampaignStatsOptions? options, TimeSpan utcOffset, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(vendor);
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        options?.Validate();
        DateOnly? first = options?.From is { } from ? WholeDay(vendor, from, "From", utcOffset) : null;
        DateOnly? end = options?.To is { } to ? WholeDay(vendor, to, "To", utcOffset) : null;
        return new VendorStatsPeriod(vendor, utcOffset, DateOnly.FromDateTime(now.ToOffset(utcOffset).DateTime), first, end, options?.Breakdown ?? CampaignStatsBreakdown.None);
    }

    /// <summary>Writes a day as <c>yyyy-MM-dd</c>, the form SendGrid and Postmark take and return.</summary>
    /// <param name="day">The day.</param>
    /// <returns>The text.</returns>
    public static string FormatDate(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads a <c>yyyy-MM-dd</c> day (a time after it, as in <c>2026-03-01T00:00:00</c>, is ignored).</summary>
    /// <param name="text">The text.</param>
    /// <param name="day">The day read.</param>
    /// <returns>Whether the text starts with a valid day.</returns>
    public static bool TryParseDate(string? text, out DateOnly day)
    {
        day = default;
        return text is { Length: >= 10 } && DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }

    /// <summary>The instant a day of the vendor's calendar starts.</summary>
    /// <param name="day">The day.</param>
    /// <returns>Its midnight at <see cref="UtcOffset"/>.</returns>
    public DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), UtcOffset);

    /// <summary>The same period with a first day, for a vendor that needs one when the caller gave none.</summary>
    /// <param name="firstDay">The first day to count, such as the first the vendor still keeps.</param>
    /// <returns>The period.</returns>
    public VendorStatsPeriod StartingAt(DateOnly firstDay) => new(Vendor, UtcOffset, Today, firstDay, EndDay, Breakdown);

    /// <summary>Checks that the period starts no earlier than the vendor keeps stats.</summary>
    /// <param name="earliest">The first day the vendor still has.</param>
    /// <param name="retention">How the vendor states its retention, such as <c>"category statistics for the previous 13 months"</c>.</param>
    /// <exception cref="ArgumentException"><see cref="FirstDay"/> is before <paramref name="earliest"/>.</exception>
    public void ThrowIfBefore(DateOnly earliest, string retention)
    {
        if (FirstDay is { } first && first < earliest)
        {
            throw new ArgumentException(
                $"CampaignStatsOptions.From ({FormatDate(first)}) is before {FormatDate(earliest)}: {Vendor} keeps {retention}. Ask for a period from {FormatDate(earliest)} on.",
                OptionsParameter);
        }
    }

    private static DateOnly WholeDay(string vendor, DateTimeOffset value, string name, TimeSpan utcOffset)
    {
        if (value.TimeOfDay != TimeSpan.Zero)
        {
            throw new ArgumentException(
                $"CampaignStatsOptions.{name} ({value:O}) is not a midnight: {vendor} reports whole days (in UTC{Offset(utcOffset)}), so the period must start and end at 00:00, such as {value.Date:yyyy-MM-dd}T00:00:00{Offset(value.Offset)}.",
                OptionsParameter);
        }

        return DateOnly.FromDateTime(value.DateTime);
    }

    private static string Offset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);
}
