namespace Martech.Sdk;

/// <summary>
/// A working-time calendar: which instants count as business time in one time zone, and exact arithmetic over them
/// (across weekends, holidays, daylight-saving changes and midnight).
/// </summary>
/// <remarks>
/// Working time is a set of half-open intervals <c>[start, end)</c>. Every method works on instants
/// (<see cref="DateTimeOffset"/>, any offset); local times are only how the calendar is described.
/// </remarks>
public interface IBusinessCalendar
{
    /// <summary>The calendar's name, as SLA policies refer to it.</summary>
    string Name { get; }

    /// <summary>The time zone the working hours are in.</summary>
    TimeZoneInfo TimeZone { get; }

    /// <summary>Whether <paramref name="instant"/> is working time (an interval's start counts, its end does not).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> inside working hours.</returns>
    bool IsWorkingTime(DateTimeOffset instant);

    /// <summary>
    /// The earliest instant at which <paramref name="businessTime"/> of working time has passed since
    /// <paramref name="start"/> ("4 business hours from now"). A start outside working hours counts from the next
    /// working instant; <see cref="TimeSpan.Zero"/> returns <paramref name="start"/>.
    /// </summary>
    /// <param name="start">Where to count from.</param>
    /// <param name="businessTime">How much working time; zero or more.</param>
    /// <returns>The instant, in UTC.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="businessTime"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">The calendar has no working time within its search horizon
    /// after <paramref name="start"/>.</exception>
    DateTimeOffset AddBusinessTime(DateTimeOffset start, TimeSpan businessTime);

    /// <summary>The working time inside <c>[from, to)</c>; zero when <paramref name="to"/> is not after
    /// <paramref name="from"/>.</summary>
    /// <param name="from">The start.</param>
    /// <param name="to">The end.</param>
    /// <returns>The business time between the two instants.</returns>
    TimeSpan GetBusinessTime(DateTimeOffset from, DateTimeOffset to);

    /// <summary>The next instant at or after <paramref name="instant"/> that is working time.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The instant, in UTC.</returns>
    /// <exception cref="InvalidOperationException">No working time within the calendar's search horizon.</exception>
    DateTimeOffset NextWorkingTime(DateTimeOffset instant);
}
