using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds business calendars: working hours, holidays and shifts the SLA engine computes business time with.</summary>
public static class BusinessCalendarsMartechBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="IBusinessCalendars"/> (a singleton) with the calendars bound from
    /// <c>Martech:Slas:Calendars:&lt;name&gt;</c> and those defined in <paramref name="configure"/>, checked when the host
    /// starts. Calendars that name a <see cref="BusinessCalendarOptions.HolidayCountry"/> need an
    /// <see cref="IHolidaySource"/>, such as <c>AddPublicHolidays()</c> from Martech.Sdk.PublicHolidays. Calling it
    /// again adds <paramref name="configure"/> to the same calendars.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, applied after binding: <c>o =&gt; o.Add("Support", c =&gt; ...)</c>.</param>
    /// <returns>The builder.</returns>
    public static MartechBuilder AddBusinessCalendars(this MartechBuilder builder, Action<BusinessCalendarsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        string path = builder.ConfigurationPathOf("Slas:Calendars");
        OptionsBuilder<BusinessCalendarsOptions> options = services.AddOptions<BusinessCalendarsOptions>();
        if (!services.Any(d => d.ServiceType == typeof(IBusinessCalendars)))
        {
            if (builder.Configuration is { } configuration)
            {
                options.Configure(o => configuration.GetSection("Slas:Calendars").Bind(o.Calendars));
            }

            services.AddSingleton<IValidateOptions<BusinessCalendarsOptions>>(sp => new BusinessCalendarsValidator(path, sp.GetService<IHolidaySource>()));
            options.ValidateOnStart();
            services.AddSingleton<IBusinessCalendars>(sp => new BusinessCalendars(
                sp.GetRequiredService<IOptions<BusinessCalendarsOptions>>().Value,
                path,
                sp.GetService<IHolidaySource>()));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder;
    }

    private sealed class BusinessCalendarsValidator(string path, IHolidaySource? holidaySource) : IValidateOptions<BusinessCalendarsOptions>
    {
        public ValidateOptionsResult Validate(string? name, BusinessCalendarsOptions options)
        {
            IReadOnlyList<string> problems = options.Validate(path, holidaySource);
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
