using Martech.Sdk;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds public holidays per country and region to business calendars.</summary>
public static class PublicHolidaysMartechBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="PublicHolidaySource"/> as the <see cref="IHolidaySource"/> (unless one is already registered),
    /// so a business calendar's <c>HolidayCountry</c> and <c>HolidayRegion</c> (<c>Martech:Slas:Calendars:&lt;name&gt;</c>)
    /// close its public holidays. Calling it again changes nothing.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <returns>The builder.</returns>
    public static MartechBuilder AddPublicHolidays(this MartechBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IHolidaySource, PublicHolidaySource>();
        return builder;
    }
}
