using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk.Tests.Slas.Calendars;

/// <summary>Builds calendars and instants for the calendar tests.</summary>
internal static class CalendarTestKit
{
    public static BusinessCalendar Calendar(string timeZone, Action<BusinessCalendarOptions> configure, IHolidaySource? holidays = null)
    {
        var options = new BusinessCalendarOptions { TimeZone = timeZone };
        configure(options);
        return BusinessCalendar.Create("Test", options, holidays);
    }

    public static BusinessCalendar Weekdays(string timeZone, string hours = "09:00-17:00", Action<BusinessCalendarOptions>? more = null) =>
        Calendar(timeZone, o =>
        {
            o.Hours["Weekdays"] = hours;
            more?.Invoke(o);
        });

    /// <summary>A wall-clock time of a zone as an instant; the time must exist once there.</summary>
    public static DateTimeOffset Local(BusinessCalendar calendar, int year, int month, int day, int hour, int minute = 0)
    {
        var local = new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified);
        Assert.False(calendar.TimeZone.IsInvalidTime(local) || calendar.TimeZone.IsAmbiguousTime(local), $"{local} is not a single instant in {calendar.TimeZone.Id}");
        return new DateTimeOffset(local, calendar.TimeZone.GetUtcOffset(local));
    }

    public static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>Builds the provider and runs the start-up validation a host runs.</summary>
    public static ServiceProvider StartAsAHostWould(IServiceCollection services) => Core.StartupValidationTests.StartAsAHostWould(services);
}

/// <summary>A holiday source answering from a fixed list, recording what it was asked.</summary>
internal sealed class FixedHolidaySource(string country, params DateOnly[] dates) : IHolidaySource
{
    public List<int> YearsAsked { get; } = [];

    public string? Validate(string country1, string? region) =>
        string.Equals(country1, country, StringComparison.OrdinalIgnoreCase) && region is null ? null : $"'{country1}' is not a country this source knows: it knows {country}.";

    public IReadOnlyList<ObservedHoliday> GetHolidays(string country1, string? region, int year)
    {
        lock (YearsAsked)
        {
            YearsAsked.Add(year);
        }

        return [.. dates.Where(d => d.Year == year).Select(d => new ObservedHoliday(d, "Fixed holiday"))];
    }
}
