namespace Martech.Sdk;

/// <summary>The business calendars of an application by name, bound from <c>Martech:Slas:Calendars</c> (a section per
/// calendar) and defined or changed in code with <see cref="Add"/>.</summary>
public sealed class BusinessCalendarsOptions
{
    /// <summary>The calendars by name (names ignore case), in the order they were defined.</summary>
    public IDictionary<string, BusinessCalendarOptions> Calendars { get; } = new Dictionary<string, BusinessCalendarOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Defines a calendar in code, or changes the one of that name (bound from configuration, say).</summary>
    /// <param name="name">The calendar's name.</param>
    /// <param name="configure">Sets its hours, holidays and shifts.</param>
    /// <returns>These options, to define another.</returns>
    /// <example>
    /// <code>
    /// options.Add("Support", c =>
    /// {
    ///     c.TimeZone = "America/New_York";
    ///     c.Hours["Weekdays"] = "09:00-12:00,13:00-17:00";
    ///     c.Holidays.Add("12-25 observed");
    /// });
    /// </code>
    /// </example>
    public BusinessCalendarsOptions Add(string name, Action<BusinessCalendarOptions> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (!Calendars.TryGetValue(name, out BusinessCalendarOptions? calendar))
        {
            calendar = new BusinessCalendarOptions();
            Calendars.Add(name, calendar);
        }

        configure(calendar);
        return this;
    }

    /// <summary>Describes what is wrong with every calendar, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:Slas:Calendars</c>.</param>
    /// <param name="holidaySource">The registered holiday source, if any.</param>
    /// <returns>One message per problem.</returns>
    public IReadOnlyList<string> Validate(string configurationPath, IHolidaySource? holidaySource = null)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        var problems = new List<string>();
        foreach ((string name, BusinessCalendarOptions calendar) in Calendars)
        {
            if (calendar is null)
            {
                problems.Add($"{configurationPath}:{name} is empty: set its TimeZone and Hours.");
                continue;
            }

            problems.AddRange(calendar.Validate($"{configurationPath}:{name}", holidaySource));
        }

        return problems;
    }

    /// <summary>Names the type and the calendars.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{nameof(BusinessCalendarsOptions)} ({string.Join(", ", Calendars.Keys)})";
}
