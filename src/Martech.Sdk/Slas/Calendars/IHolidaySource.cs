namespace Martech.Sdk;

/// <summary>
/// Generates public holidays per country (and region) for business calendars whose settings name a
/// <see cref="BusinessCalendarOptions.HolidayCountry"/>. <c>AddPublicHolidays()</c> from Martech.Sdk.PublicHolidays
/// registers one; register your own as a singleton to use another list.
/// </summary>
/// <remarks>A calendar asks for a year the first time its arithmetic reaches it, from synchronous code, and keeps the
/// answer; a source answers from memory (computed or loaded before), never with I/O on that call. Calls may come from
/// several threads at once.</remarks>
public interface IHolidaySource
{
    /// <summary>Checks a country and region when the host starts.</summary>
    /// <param name="country">The country code, as the settings give it, such as <c>GB</c>.</param>
    /// <param name="region">The region within it, or <see langword="null"/> for the nationwide holidays.</param>
    /// <returns><see langword="null"/> when the source knows them; otherwise a sentence saying what is wrong and what
    /// it accepts, such as the countries it knows.</returns>
    string? Validate(string country, string? region);

    /// <summary>The public holidays whose day off (the observed date, when a holiday on a weekend moves) falls in
    /// <paramref name="year"/>.</summary>
    /// <param name="country">The country code, one <see cref="Validate"/> accepted.</param>
    /// <param name="region">The region, or <see langword="null"/>.</param>
    /// <param name="year">The year.</param>
    /// <returns>The holidays, in any order.</returns>
    IReadOnlyList<ObservedHoliday> GetHolidays(string country, string? region, int year);
}
