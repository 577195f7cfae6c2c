namespace Martech.Sdk;

/// <summary>
/// A calendar's settings, read and checked: weekly hours, one-off shifts, dated, recurring and generated holidays.
/// <see cref="Resolve"/> answers which local ranges a date works, by precedence: a replacing shift, then a dated
/// holiday, then a recurring holiday (or its observed substitute), then a generated holiday, then the weekday's hours;
/// extra shifts are added to whatever that gives.
/// </summary>
internal sealed class CalendarRules
{
    private static readonly string[] DayNames = Enum.GetNames<DayOfWeek>();

    private CalendarRules(
        TimeZoneInfo timeZone,
        WorkingRange[][] weekly,
        Dictionary<DateOnly, WorkingRange[]> replaced,
        Dictionary<DateOnly, WorkingRange[]> extra,
        Dictionary<DateOnly, WorkingRange[]> datedHolidays,
        RecurringHoliday[] recurring,
        string? holidayCountry,
        string? holidayRegion,
        IHolidaySource? holidaySource,
        TimeSpan searchHorizon)
    {
        TimeZone = timeZone;
        Weekly = weekly;
        Replaced = replaced;
        Extra = extra;
        DatedHolidays = datedHolidays;
        Recurring = recurring;
        HolidayCountry = holidayCountry;
        HolidayRegion = holidayRegion;
        HolidaySource = holidaySource;
        SearchHorizon = searchHorizon;
    }

    public TimeZoneInfo TimeZone { get; }

    /// <summary>The hours of each weekday, indexed by <see cref="DayOfWeek"/>.</summary>
    public WorkingRange[][] Weekly { get; }

    public Dictionary<DateOnly, WorkingRange[]> Replaced { get; }

    public Dictionary<DateOnly, WorkingRange[]> Extra { get; }

    public Dictionary<DateOnly, WorkingRange[]> DatedHolidays { get; }

    public RecurringHoliday[] Recurring { get; }

    public string? HolidayCountry { get; }

    public string? HolidayRegion { get; }

    public IHolidaySource? HolidaySource { get; }

    public TimeSpan SearchHorizon { get; }

    /// <summary>Every day, all day, in UTC.</summary>
    public static CalendarRules AlwaysOpen(TimeSpan searchHorizon)
    {
        WorkingRange[] allDay = [new WorkingRange(0, WorkingRange.MinutesPerDay)];
        return new CalendarRules(TimeZoneInfo.Utc, [.. Enumerable.Repeat(allDay, 7)], [], [], [], [], null, null, null, searchHorizon);
    }

    /// <summary>Reads and checks <paramref name="options"/>; each problem is added to <paramref name="problems"/>
    /// named by its configuration path, and the result is <see langword="null"/> when there is any.</summary>
    public static CalendarRules? Parse(BusinessCalendarOptions options, string path, IHolidaySource? holidaySource, List<string> problems)
    {
        int before = problems.Count;
        TimeZoneInfo? timeZone = ParseTimeZone(options.TimeZone, path, problems);
        WorkingRange[][] weekly = ParseHours(options.Hours, path, problems);
        var datedHolidays = new Dictionary<DateOnly, WorkingRange[]>();
        var recurring = new List<RecurringHoliday>();
        ParseHolidays(options.Holidays, path, datedHolidays, recurring, problems);
        var replaced = new Dictionary<DateOnly, WorkingRange[]>();
        var extra = new Dictionary<DateOnly, WorkingRange[]>();
        ParseShifts(options.Shifts, path, replaced, extra, problems);

        string? country = string.IsNullOrWhiteSpace(options.HolidayCountry) ? null : options.HolidayCountry.Trim();
        string? region = string.IsNullOrWhiteSpace(options.HolidayRegion) ? null : options.HolidayRegion.Trim();
        if (country is null && region is not null)
        {
            problems.Add($"{path}:HolidayRegion is '{region}' but {path}:HolidayCountry is not set: set the country the region belongs to, such as GB.");
        }
        else if (country is not null && holidaySource is null)
        {
            problems.Add($"{path}:HolidayCountry is '{country}', but no holiday source is registered to generate its public holidays: call AddPublicHolidays() from Martech.Sdk.PublicHolidays (or register an {nameof(IHolidaySource)}), or remove the setting.");
        }
        else if (country is not null && holidaySource!.Validate(country, region) is { } problem)
        {
            problems.Add($"{path}:{(region is null ? "HolidayCountry" : "HolidayCountry/HolidayRegion")}: {problem}");
        }

        if (options.SearchHorizon < TimeSpan.FromDays(1) || options.SearchHorizon > TimeSpan.FromDays(36_525))
        {
            problems.Add($"{path}:SearchHorizon must be between 1 day and 100 years (was {options.SearchHorizon}).");
        }

        bool anyWorkingTime = weekly.Any(d => d.Length > 0)
            || replaced.Values.Any(r => r.Length > 0)
            || extra.Count > 0
            || datedHolidays.Values.Any(r => r.Length > 0)
            || recurring.Any(r => r.Hours.Length > 0);
        if (!anyWorkingTime && problems.Count == before)
        {
            problems.Add($"{path} has no working time at all: set {path}:Hours, such as \"Hours\": {{ \"Weekdays\": \"09:00-17:00\" }}.");
        }

        if (problems.Count > before || timeZone is null)
        {
            return null;
        }

        return new CalendarRules(timeZone, weekly, replaced, extra, datedHolidays, [.. recurring.OrderBy(r => r.Month).ThenBy(r => r.Day)], country, region, holidaySource, options.SearchHorizon);
    }

    /// <summary>The local ranges <paramref name="date"/> works, for a year context built by <see cref="HolidaysAround"/>.</summary>
    public WorkingRange[] Resolve(DateOnly date, YearHolidays holidays)
    {
        WorkingRange[] ranges;
        if (Replaced.TryGetValue(date, out WorkingRange[]? replaced))
        {
            ranges = replaced;
        }
        else if (DatedHolidays.TryGetValue(date, out WorkingRange[]? dated))
        {
            ranges = dated;
        }
        else if (holidays.Recurring.TryGetValue(date, out WorkingRange[]? recurring))
        {
            ranges = recurring;
        }
        else if (holidays.Generated.Contains(date))
        {
            ranges = [];
        }
        else
        {
            ranges = Weekly[(int)date.DayOfWeek];
        }

        return Extra.TryGetValue(date, out WorkingRange[]? extra) ? Union(ranges, extra) : ranges;
    }

    /// <summary>The recurring (with observed substitutes) and generated holidays of <paramref name="year"/> and the
    /// year before, enough to resolve every date from December 31 of the year before to the end of
    /// <paramref name="year"/>.</summary>
    public YearHolidays HolidaysAround(int year, string calendarName)
    {
        var generated = new HashSet<DateOnly>();
        if (HolidayCountry is not null && HolidaySource is not null)
        {
            for (int y = year - 1; y <= year; y++)
            {
                IReadOnlyList<ObservedHoliday> days;
                try
                {
                    days = HolidaySource.GetHolidays(HolidayCountry, HolidayRegion, y);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    throw new InvalidOperationException($"Business calendar '{calendarName}': the holiday source ({HolidaySource.GetType().Name}) failed for {HolidayCountry}{(HolidayRegion is null ? "" : "/" + HolidayRegion)} in {y}: {ex.Message}", ex);
                }

                foreach (ObservedHoliday day in days)
                {
                    generated.Add(day.Date);
                }
            }
        }

        return new YearHolidays(RecurringAround(year, generated), generated);
    }

    // The recurring holidays of the year before and the year, with their observed substitutes. One set of days off spans
    // both years and holds every holiday (dated, recurring, generated), so a substitute goes to the next weekday that is
    // not already a holiday, even across the year end: 12-31 and 01-01 on Saturday and Sunday give Monday and Tuesday.
    private Dictionary<DateOnly, WorkingRange[]> RecurringAround(int year, HashSet<DateOnly> generated)
    {
        var into = new Dictionary<DateOnly, WorkingRange[]>();
        if (Recurring.Length == 0)
        {
            return into;
        }

        var off = new HashSet<DateOnly>(generated);
        foreach (DateOnly dated in DatedHolidays.Keys)
        {
            off.Add(dated);
        }

        for (int y = year - 1; y <= year; y++)
        {
            foreach (RecurringHoliday holiday in Recurring)
            {
                if (holiday.Day > DateTime.DaysInMonth(y, holiday.Month))
                {
                    continue; // 02-29 outside leap years
                }

                var date = new DateOnly(y, holiday.Month, holiday.Day);
                into[date] = into.TryGetValue(date, out WorkingRange[]? other) && other.Length == 0 ? other : holiday.Hours;
                if (holiday.Hours.Length == 0)
                {
                    off.Add(date);
                }
            }
        }

        // Observed substitutes in date order, each on the first weekday from Monday on not already off, so 12-25 and
        // 12-26 falling on Saturday and Sunday give Monday and Tuesday.
        for (int y = year - 1; y <= year; y++)
        {
            foreach (RecurringHoliday holiday in Recurring)
            {
                if (!holiday.Observed || holiday.Day > DateTime.DaysInMonth(y, holiday.Month))
                {
                    continue;
                }

                var date = new DateOnly(y, holiday.Month, holiday.Day);
                if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    continue;
                }

                DateOnly substitute = date.AddDays(date.DayOfWeek == DayOfWeek.Saturday ? 2 : 1);
                while (off.Contains(substitute) || substitute.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
                {
                    substitute = substitute.AddDays(1);
                }

                off.Add(substitute);
                into[substitute] = [];
            }
        }

        return into;
    }

    private static WorkingRange[] Union(WorkingRange[] a, WorkingRange[] b)
    {
        var all = new List<WorkingRange>(a.Length + b.Length);
        all.AddRange(a);
        all.AddRange(b);
        all.Sort((x, y) => x.Start.CompareTo(y.Start));
        var merged = new List<WorkingRange>(all.Count);
        foreach (WorkingRange range in all)
        {
            if (merged.Count > 0 && range.Start <= merged[^1].End)
            {
                merged[^1] = merged[^1] with { End = Math.Max(merged[^1].End, range.End) };
            }
            else
            {
                merged.Add(range);
            }
        }

        return [.. merged];
    }

    private static TimeZoneInfo? ParseTimeZone(string? id, string path, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            problems.Add($"{path}:TimeZone is missing: set the IANA time zone the hours are in, such as Europe/London, America/New_York or UTC.");
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add($"{path}:TimeZone '{id}' is not a time zone this machine knows: use an IANA id such as Europe/London, America/New_York or Australia/Sydney.");
            return null;
        }
    }

    private static WorkingRange[][] ParseHours(IDictionary<string, string> hours, string path, List<string> problems)
    {
        // Precedence by how specific a key is: a day's name, then Weekdays or Weekend, then Everyday.
        var weekly = new WorkingRange[7][];
        var rank = new int[7];
        var source = new string[7];
        foreach ((string key, string value) in hours)
        {
            string k = key.Trim();
            DayOfWeek[] days;
            int keyRank;
            int named = Array.FindIndex(DayNames, n => n.Equals(k, StringComparison.OrdinalIgnoreCase));
            if (named >= 0)
            {
                days = [(DayOfWeek)named];
                keyRank = 3;
            }
            else if (k.Equals("Weekdays", StringComparison.OrdinalIgnoreCase))
            {
                days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
                keyRank = 2;
            }
            else if (k.Equals("Weekend", StringComparison.OrdinalIgnoreCase) || k.Equals("Weekends", StringComparison.OrdinalIgnoreCase))
            {
                days = [DayOfWeek.Saturday, DayOfWeek.Sunday];
                keyRank = 2;
            }
            else if (k.Equals("Everyday", StringComparison.OrdinalIgnoreCase) || k.Equals("Daily", StringComparison.OrdinalIgnoreCase))
            {
                days = Enum.GetValues<DayOfWeek>();
                keyRank = 1;
            }
            else
            {
                problems.Add($"{path}:Hours:{key} is not a day: use Monday … Sunday, Weekdays, Weekend or Everyday.");
                continue;
            }

            WorkingRange[]? ranges = CalendarText.ParseRanges(value, out string? error);
            if (ranges is null)
            {
                problems.Add($"{path}:Hours:{key} {error} (was '{value}').");
                continue;
            }

            foreach (DayOfWeek day in days)
            {
                if (keyRank > rank[(int)day])
                {
                    weekly[(int)day] = ranges;
                    rank[(int)day] = keyRank;
                    source[(int)day] = key;
                }
            }
        }

        for (int d = 0; d < 7; d++)
        {
            weekly[d] ??= [];
        }

        // A range past midnight must end before the next day's first range starts.
        for (int d = 0; d < 7; d++)
        {
            int next = (d + 1) % 7;
            if (weekly[d].Length > 0 && weekly[d][^1].End > WorkingRange.MinutesPerDay && weekly[next].Length > 0
                && weekly[next][0].Start < weekly[d][^1].End - WorkingRange.MinutesPerDay)
            {
                problems.Add($"{path}:Hours: {(DayOfWeek)d}'s {weekly[d][^1]} (from '{source[d]}') overlaps {(DayOfWeek)next}'s {weekly[next][0]} (from '{source[next]}'): end the first before the second starts.");
            }
        }

        return weekly;
    }

    private static void ParseHolidays(IList<string> entries, string path, Dictionary<DateOnly, WorkingRange[]> dated, List<RecurringHoliday> recurring, List<string> problems)
    {
        for (int i = 0; i < entries.Count; i++)
        {
            string entry = entries[i] ?? string.Empty;
            string at = $"{path}:Holidays:{i}";
            (string head, string rest) = CalendarText.SplitHead(entry);
            bool observed = rest.Equals("observed", StringComparison.OrdinalIgnoreCase);
            WorkingRange[]? hours = [];
            string? error = null;
            if (rest.Length > 0 && !observed)
            {
                hours = CalendarText.ParseRanges(rest, out error);
            }

            if (CalendarText.TryParseDate(head, out DateOnly date) && !observed)
            {
                if (hours is null)
                {
                    problems.Add($"{at} ('{entry}'): the hours after the date {error}.");
                }
                else if (!dated.TryAdd(date, hours))
                {
                    problems.Add($"{at} ('{entry}'): {date:yyyy-MM-dd} is listed twice; keep one entry per date.");
                }
            }
            else if (CalendarText.TryParseMonthDay(head, out int month, out int day))
            {
                if (hours is null)
                {
                    problems.Add($"{at} ('{entry}'): the hours after the date {error}.");
                }
                else if (recurring.Any(r => r.Month == month && r.Day == day))
                {
                    problems.Add($"{at} ('{entry}'): {head} is listed twice; keep one entry per day of the year.");
                }
                else
                {
                    recurring.Add(new RecurringHoliday(month, day, observed, hours));
                }
            }
            else
            {
                problems.Add($"{at} ('{entry}') is not a holiday: write 2026-12-25 (that date), 12-25 (every year), 12-25 observed (every year, and the next weekday off when it falls on a weekend), or a date followed by its shorter hours, such as 2026-12-24 09:00-13:00.");
            }
        }
    }

    private static void ParseShifts(IList<string> entries, string path, Dictionary<DateOnly, WorkingRange[]> replaced, Dictionary<DateOnly, WorkingRange[]> extra, List<string> problems)
    {
        for (int i = 0; i < entries.Count; i++)
        {
            string entry = entries[i] ?? string.Empty;
            string at = $"{path}:Shifts:{i}";
            (string head, string rest) = CalendarText.SplitHead(entry);
            bool adds = rest.StartsWith('+');
            string text = adds ? rest[1..].Trim() : rest;
            if (!CalendarText.TryParseDate(head, out DateOnly date) || text.Length == 0)
            {
                problems.Add($"{at} ('{entry}') is not a shift: write the date and its hours, such as 2026-12-19 10:00-14:00 (that day's hours instead of the usual ones) or 2026-12-21 +18:00-20:00 (added to the usual hours).");
                continue;
            }

            if (text.Equals(CalendarText.ClosedWord, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{at} ('{entry}'): a closed day is a holiday: list {head} under {path}:Holidays instead.");
                continue;
            }

            WorkingRange[]? ranges = CalendarText.ParseRanges(text, out string? error);
            if (ranges is null)
            {
                problems.Add($"{at} ('{entry}'): the hours after the date {error}.");
            }
            else if (adds)
            {
                extra[date] = extra.TryGetValue(date, out WorkingRange[]? earlier) ? Union(earlier, ranges) : ranges;
            }
            else if (!replaced.TryAdd(date, ranges))
            {
                problems.Add($"{at} ('{entry}'): {date:yyyy-MM-dd} already has a shift replacing its hours; put every range of that day in one entry, separated by commas.");
            }
        }
    }
}

/// <summary>A holiday every year on a month and day: closed (no hours) or shorter hours; when
/// <see cref="Observed"/>, falling on a weekend also closes the next free weekday.</summary>
internal readonly record struct RecurringHoliday(int Month, int Day, bool Observed, WorkingRange[] Hours);

/// <summary>The recurring and generated holidays around one year, as <see cref="CalendarRules.Resolve"/> reads them.</summary>
internal sealed record YearHolidays(Dictionary<DateOnly, WorkingRange[]> Recurring, HashSet<DateOnly> Generated);
