namespace Martech.Sdk;

/// <summary>The business calendars an application defined, by name.</summary>
public interface IBusinessCalendars
{
    /// <summary>The names of the calendars, in the order they were defined (configuration gives its sections in key
    /// order).</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>The calendar called <paramref name="name"/> (names ignore case).</summary>
    /// <param name="name">The calendar's name.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="KeyNotFoundException">No calendar has that name; the message lists the names there are.</exception>
    IBusinessCalendar Get(string name);

    /// <summary>Looks a calendar up by name (names ignore case).</summary>
    /// <param name="name">The calendar's name.</param>
    /// <param name="calendar">The calendar, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IBusinessCalendar? calendar);
}
