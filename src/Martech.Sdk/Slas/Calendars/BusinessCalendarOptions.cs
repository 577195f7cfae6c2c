namespace Martech.Sdk;

/// <summary>
/// The settings of one business calendar, bound from <c>Martech:Slas:Calendars:&lt;name&gt;</c> or set in code, and
/// checked when the host starts.
/// </summary>
/// <example>
/// <code language="json">
/// "Support": {
///   "TimeZone": "Europe/London",
///   "Hours": { "Weekdays": "09:00-12:00,13:00-17:30", "Saturday": "10:00-14:00" },
///   "Holidays": [ "12-25 observed", "12-26 observed", "2026-12-24 09:00-13:00" ],
///   "HolidayCountry": "GB", "HolidayRegion": "Scotland",
///   "Shifts": [ "2026-12-19 10:00-14:00", "2026-12-21 +18:00-20:00" ]
/// }
/// </code>
/// </example>
public sealed class BusinessCalendarOptions
{
    internal const int DefaultSearchHorizonDays = 1830;

    /// <summary>The IANA time zone the hours are in, such as <c>Europe/London</c> or <c>America/New_York</c>
    /// (<c>UTC</c> for none). Required.</summary>
    public string? TimeZone { get; set; }

    /// <summary>Working hours per day of the week: the key is a day (<c>Monday</c> … <c>Sunday</c>), <c>Weekdays</c>
    /// (Monday to Friday), <c>Weekend</c> or <c>Everyday</c>, a day's own key winning over <c>Weekdays</c>/<c>Weekend</c>,
    /// and those over <c>Everyday</c>; the value is ranges <c>HH:mm-HH:mm</c> separated by commas
    /// (<c>09:00-12:00,13:00-17:30</c>), <c>24:00</c> for the end of the day, <c>+1</c> after a range that runs past
    /// midnight into the next day (<c>22:00-06:00+1</c>, counted on the day it starts), or <c>closed</c>. Days not
    /// listed are closed. Keys ignore case.</summary>
    public IDictionary<string, string> Hours { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Days off: <c>2026-12-25</c> (that date), <c>12-25</c> (every year), <c>12-25 observed</c> (every year,
    /// and when it falls on a Saturday or Sunday also the next weekday not already off), or a date followed by shorter
    /// hours that replace the day's (<c>2026-12-24 09:00-13:00</c>, <c>12-24 09:00-13:00</c>).</summary>
    public IList<string> Holidays { get; } = [];

    /// <summary>The country whose public holidays are days off, as the registered <see cref="IHolidaySource"/> names it
    /// (ISO 3166-1 alpha-2 with Martech.Sdk.PublicHolidays, such as <c>GB</c>, <c>US</c>, <c>AU</c>). Needs
    /// <c>AddPublicHolidays()</c> or another <see cref="IHolidaySource"/>.</summary>
    /// <value>The default value is <see langword="null"/>: no generated holidays.</value>
    public string? HolidayCountry { get; set; }

    /// <summary>The region of <see cref="HolidayCountry"/> whose holidays apply as well, such as <c>Scotland</c>,
    /// <c>NSW</c> or <c>BY</c>.</summary>
    /// <value>The default value is <see langword="null"/>: the nationwide holidays.</value>
    public string? HolidayRegion { get; set; }

    /// <summary>One-off working time: <c>2026-12-19 10:00-14:00</c> replaces that date's hours (open on a Saturday or a
    /// holiday, or different hours), <c>2026-12-21 +18:00-20:00</c> adds to them. A shift wins over holidays.</summary>
    public IList<string> Shifts { get; } = [];

    /// <summary>How far after an instant the calendar looks for working time before its arithmetic gives up with an
    /// <see cref="InvalidOperationException"/> naming the calendar; between 1 day and 100 years.</summary>
    /// <value>The default value is 1,830 days (about five years).</value>
    public TimeSpan SearchHorizon { get; set; } = TimeSpan.FromDays(DefaultSearchHorizonDays);

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The calendar's section, such as <c>Martech:Slas:Calendars:Support</c>.</param>
    /// <param name="holidaySource">The registered holiday source, which checks <see cref="HolidayCountry"/>.</param>
    /// <returns>One message per problem.</returns>
    public IReadOnlyList<string> Validate(string configurationPath, IHolidaySource? holidaySource = null)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        var problems = new List<string>();
        CalendarRules.Parse(this, configurationPath, holidaySource, problems);
        return problems;
    }

    /// <summary>Names the type and time zone only.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{nameof(BusinessCalendarOptions)} ({TimeZone})";
}
