using System.Diagnostics.CodeAnalysis;

namespace Martech.Sdk;

/// <summary>The calendars of <see cref="BusinessCalendarsOptions"/>, built once (their year caches live as long as
/// this does).</summary>
internal sealed class BusinessCalendars : IBusinessCalendars
{
    private readonly Dictionary<string, BusinessCalendar> _calendars = new(StringComparer.OrdinalIgnoreCase);

    public BusinessCalendars(BusinessCalendarsOptions options, string configurationPath, IHolidaySource? holidaySource)
    {
        var names = new List<string>();
        var problems = new List<string>();
        foreach ((string name, BusinessCalendarOptions calendar) in options.Calendars)
        {
            CalendarRules? rules = calendar is null ? null : CalendarRules.Parse(calendar, $"{configurationPath}:{name}", holidaySource, problems);
            if (rules is not null)
            {
                _calendars.Add(name, BusinessCalendar.FromRules(name, rules));
                names.Add(name);
            }
        }

        if (problems.Count > 0)
        {
            // Options validation reports these at start-up; this guards a container built without it.
            throw new InvalidOperationException("Business calendars are misconfigured: " + string.Join(" ", problems));
        }

        Names = names;
    }

    public IReadOnlyList<string> Names { get; }

    public IBusinessCalendar Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return TryGet(name, out IBusinessCalendar? calendar)
            ? calendar
            : throw new KeyNotFoundException(Names.Count == 0
                ? $"No business calendar is called '{name}': none is defined. Define calendars under Martech:Slas:Calendars or with AddBusinessCalendars(o => o.Add(...))."
                : $"No business calendar is called '{name}'. The calendars are: {string.Join(", ", Names)}.");
    }

    public bool TryGet(string name, [NotNullWhen(true)] out IBusinessCalendar? calendar)
    {
        ArgumentNullException.ThrowIfNull(name);
        bool found = _calendars.TryGetValue(name, out BusinessCalendar? value);
        calendar = value;
        return found;
    }
}
