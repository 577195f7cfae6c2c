using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Martech.Sdk.Tests.Slas.Calendars.CalendarTestKit;

namespace Martech.Sdk.Tests.Slas.Calendars;

/// <summary><c>AddBusinessCalendars()</c>: binding <c>Martech:Slas:Calendars</c>, code definitions, look-up by name,
/// and the start-up messages for every kind of mistake.</summary>
public class BusinessCalendarConfigurationTests
{
    [Fact]
    public void Binds_TheDocumentedShape_AndComputesWithIt()
    {
        using ServiceProvider provider = Start(new Dictionary<string, string?>
        {
            ["Martech:Slas:Calendars:Support:TimeZone"] = "Europe/London",
            ["Martech:Slas:Calendars:Support:Hours:Weekdays"] = "09:00-12:00,13:00-17:30",
            ["Martech:Slas:Calendars:Support:Hours:Friday"] = "09:00-12:00",
            ["Martech:Slas:Calendars:Support:Holidays:0"] = "2026-12-25",
            ["Martech:Slas:Calendars:Support:Holidays:1"] = "12-26 observed",
            ["Martech:Slas:Calendars:Support:Shifts:0"] = "2026-12-19 10:00-14:00",
            ["Martech:Slas:Calendars:Support:SearchHorizon"] = "400.00:00:00",
            ["Martech:Slas:Calendars:Sales:TimeZone"] = "America/New_York",
            ["Martech:Slas:Calendars:Sales:Hours:Everyday"] = "08:00-20:00",
        });
        var calendars = provider.GetRequiredService<IBusinessCalendars>();

        Assert.Equal(["Sales", "Support"], calendars.Names.OrderBy(n => n, StringComparer.Ordinal));
        var support = (BusinessCalendar)calendars.Get("support");
        Assert.Same(support, calendars.Get("SUPPORT"));
        Assert.Equal("Europe/London", support.TimeZone.Id);
        Assert.Equal(TimeSpan.FromDays(400), support.SearchHorizon);
        // Friday 2026-12-18 11:00 + 2 h: one hour on Friday (mornings only), then the Saturday shift from 10:00.
        Assert.Equal(new DateTimeOffset(2026, 12, 19, 11, 0, 0, TimeSpan.Zero), support.AddBusinessTime(new DateTimeOffset(2026, 12, 18, 11, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2)));
        Assert.False(support.IsWorkingTime(new DateTimeOffset(2026, 12, 25, 10, 0, 0, TimeSpan.Zero)));
        Assert.False(support.IsWorkingTime(new DateTimeOffset(2027, 12, 27, 10, 0, 0, TimeSpan.Zero))); // 12-26 on a Sunday
        Assert.True(calendars.TryGet("Sales", out IBusinessCalendar? sales));
        Assert.Equal("America/New_York", sales.TimeZone.Id);
    }

    [Fact]
    public void Get_UnknownName_ThrowsKeyNotFoundListingTheNames()
    {
        using ServiceProvider provider = Start(new Dictionary<string, string?>(), o => o
            .Add("Support", c => { c.TimeZone = "UTC"; c.Hours["Weekdays"] = "09:00-17:00"; })
            .Add("Sales", c => { c.TimeZone = "UTC"; c.Hours["Weekdays"] = "08:00-18:00"; }));
        var calendars = provider.GetRequiredService<IBusinessCalendars>();

        var error = Assert.Throws<KeyNotFoundException>(() => calendars.Get("Billing"));

        Assert.Equal("No business calendar is called 'Billing'. The calendars are: Support, Sales.", error.Message);
        Assert.False(calendars.TryGet("Billing", out _));
        Assert.Equal(["Support", "Sales"], calendars.Names);
    }

    [Fact]
    public void CodeDefinition_ChangesACalendarBoundFromConfiguration_AndCallingAgainIsIdempotent()
    {
        var services = new ServiceCollection();
        IConfiguration configuration = Configuration(new Dictionary<string, string?>
        {
            ["Martech:Slas:Calendars:Support:TimeZone"] = "Europe/London",
            ["Martech:Slas:Calendars:Support:Hours:Weekdays"] = "09:00-17:00",
        });
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddBusinessCalendars(o => o.Add("Support", c => c.Hours["Saturday"] = "10:00-14:00"));
        martech.AddBusinessCalendars(o => o.Add("Night", c => { c.TimeZone = "UTC"; c.Hours["Everyday"] = "22:00-06:00+1"; }));

        using ServiceProvider provider = StartAsAHostWould(services);
        var calendars = provider.GetRequiredService<IBusinessCalendars>();

        Assert.Single(services, d => d.ServiceType == typeof(IBusinessCalendars));
        Assert.True(calendars.Get("Support").IsWorkingTime(new DateTimeOffset(2026, 6, 13, 11, 0, 0, TimeSpan.Zero)));
        Assert.True(calendars.Get("Night").IsWorkingTime(new DateTimeOffset(2026, 6, 13, 3, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void NoCalendars_IsValid_AndGetSaysNoneIsDefined()
    {
        using ServiceProvider provider = Start(new Dictionary<string, string?>());

        var error = Assert.Throws<KeyNotFoundException>(() => provider.GetRequiredService<IBusinessCalendars>().Get("Support"));

        Assert.Contains("none is defined", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TimeZone", "Europe/Londn", "Martech:Slas:Calendars:Support:TimeZone 'Europe/Londn' is not a time zone this machine knows: use an IANA id")]
    [InlineData("TimeZone", null, "Martech:Slas:Calendars:Support:TimeZone is missing: set the IANA time zone")]
    [InlineData("Hours:Monday", "9-5", "Martech:Slas:Calendars:Support:Hours:Monday has '9-5', which is not a range HH:mm-HH:mm")]
    [InlineData("Hours:Monday", "09:00-25:00", "Martech:Slas:Calendars:Support:Hours:Monday has '09:00-25:00', which is not a range HH:mm-HH:mm")]
    [InlineData("Hours:Monday", "17:00-09:00", "Martech:Slas:Calendars:Support:Hours:Monday has '17:00-09:00', which ends before it starts: write 17:00-09:00+1 for a range that runs past midnight")]
    [InlineData("Hours:Monday", "09:00-13:00,12:00-17:00", "Martech:Slas:Calendars:Support:Hours:Monday has overlapping ranges 09:00-13:00 and 12:00-17:00")]
    [InlineData("Hours:Monday", "09:00-10:00+1", "Martech:Slas:Calendars:Support:Hours:Monday has '09:00-10:00+1': a range marked +1 ends the next day at or before its start time")]
    [InlineData("Hours:Mondays", "09:00-17:00", "Martech:Slas:Calendars:Support:Hours:Mondays is not a day: use Monday … Sunday, Weekdays, Weekend or Everyday.")]
    [InlineData("Hours:Sunday", "20:00-10:00+1", "Martech:Slas:Calendars:Support:Hours: Sunday's 20:00-10:00+1 (from 'Sunday') overlaps Monday's 09:00-17:00 (from 'Weekdays')")]
    [InlineData("Holidays:0", "25/12", "Martech:Slas:Calendars:Support:Holidays:0 ('25/12') is not a holiday: write 2026-12-25 (that date), 12-25 (every year)")]
    [InlineData("Holidays:0", "02-30", "Martech:Slas:Calendars:Support:Holidays:0 ('02-30') is not a holiday")]
    [InlineData("Holidays:0", "2026-12-24 9am", "Martech:Slas:Calendars:Support:Holidays:0 ('2026-12-24 9am'): the hours after the date has '9am', which is not a range")]
    [InlineData("Shifts:0", "2026-12-19", "Martech:Slas:Calendars:Support:Shifts:0 ('2026-12-19') is not a shift: write the date and its hours")]
    [InlineData("Shifts:0", "2026-12-19 closed", "Martech:Slas:Calendars:Support:Shifts:0 ('2026-12-19 closed'): a closed day is a holiday: list 2026-12-19 under Martech:Slas:Calendars:Support:Holidays instead.")]
    [InlineData("HolidayCountry", "GB", "Martech:Slas:Calendars:Support:HolidayCountry is 'GB', but no holiday source is registered to generate its public holidays: call AddPublicHolidays() from Martech.Sdk.PublicHolidays")]
    [InlineData("HolidayRegion", "Scotland", "Martech:Slas:Calendars:Support:HolidayRegion is 'Scotland' but Martech:Slas:Calendars:Support:HolidayCountry is not set")]
    [InlineData("SearchHorizon", "00:00:10", "Martech:Slas:Calendars:Support:SearchHorizon must be between 1 day and 100 years (was 00:00:10).")]
    public void Start_WithAMistake_FailsNamingThePathAndTheFix(string key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Martech:Slas:Calendars:Support:TimeZone"] = "Europe/London",
            ["Martech:Slas:Calendars:Support:Hours:Weekdays"] = "09:00-17:00",
            ["Martech:Slas:Calendars:Support:" + key] = value,
        };

        var error = Assert.Throws<OptionsValidationException>(() => Start(settings).Dispose());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithNoWorkingTimeAtAll_Fails()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Start(new Dictionary<string, string?>
        {
            ["Martech:Slas:Calendars:Support:TimeZone"] = "Europe/London",
            ["Martech:Slas:Calendars:Support:Hours:Everyday"] = "closed",
        }).Dispose());

        Assert.Contains("Martech:Slas:Calendars:Support has no working time at all: set Martech:Slas:Calendars:Support:Hours, such as \"Hours\": { \"Weekdays\": \"09:00-17:00\" }.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithDuplicateDates_Fails()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Start(new Dictionary<string, string?>
        {
            ["Martech:Slas:Calendars:Support:TimeZone"] = "Europe/London",
            ["Martech:Slas:Calendars:Support:Hours:Weekdays"] = "09:00-17:00",
            ["Martech:Slas:Calendars:Support:Holidays:0"] = "12-25",
            ["Martech:Slas:Calendars:Support:Holidays:1"] = "12-25 observed",
            ["Martech:Slas:Calendars:Support:Shifts:0"] = "2026-12-19 10:00-12:00",
            ["Martech:Slas:Calendars:Support:Shifts:1"] = "2026-12-19 13:00-14:00",
        }).Dispose());

        Assert.Contains("Holidays:1 ('12-25 observed'): 12-25 is listed twice", error.Message, StringComparison.Ordinal);
        Assert.Contains("Shifts:1 ('2026-12-19 13:00-14:00'): 2026-12-19 already has a shift replacing its hours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_WithAnUnknownHolidayCountry_FailsWithTheSourcesMessage()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHolidaySource>(new FixedHolidaySource("GB"));
        services.AddMartech().AddBusinessCalendars(o => o.Add("Support", c =>
        {
            c.TimeZone = "UTC";
            c.Hours["Weekdays"] = "09:00-17:00";
            c.HolidayCountry = "XX";
        }));

        var error = Assert.Throws<OptionsValidationException>(() => StartAsAHostWould(services).Dispose());

        Assert.Contains("Martech:Slas:Calendars:Support:HolidayCountry: 'XX' is not a country this source knows: it knows GB.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Validate_ReportsEveryProblem()
    {
        var options = new BusinessCalendarOptions { TimeZone = "Mars/Olympus" };
        options.Hours["Monday"] = "late";
        options.Holidays.Add("soon");

        IReadOnlyList<string> problems = options.Validate("Martech:Slas:Calendars:Support");

        Assert.Equal(3, problems.Count);
    }

    private static ServiceProvider Start(Dictionary<string, string?> settings, Action<BusinessCalendarsOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddMartech(Configuration(settings).GetSection("Martech")).AddBusinessCalendars(configure);
        return StartAsAHostWould(services);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}
