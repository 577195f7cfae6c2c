using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Martech.Sdk.Tests.Slas.Calendars.CalendarTestKit;

namespace Martech.Sdk.Tests.Slas.Calendars;

/// <summary>Martech.Sdk.PublicHolidays: the PublicHoliday package behind <see cref="IHolidaySource"/>.</summary>
public class PublicHolidaySourceTests
{
    private readonly PublicHolidaySource _source = new();

    [Fact]
    public void GreatBritain_2026_HasTheEnglandAndWalesBankHolidays()
    {
        DateOnly[] dates = [.. _source.GetHolidays("GB", null, 2026).Select(h => h.Date).Order()];

        Assert.Equal(
            [new(2026, 1, 1), new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 4), new(2026, 5, 25), new(2026, 8, 31), new(2026, 12, 25), new(2026, 12, 28)],
            dates);
    }

    [Fact]
    public void Scotland_HasStAndrewsDay_AndNoEasterMonday()
    {
        var holidays = _source.GetHolidays("gb", "Scotland", 2026);

        Assert.Contains(holidays, h => h.Date == new DateOnly(2026, 11, 30));
        Assert.DoesNotContain(holidays, h => h.Date == new DateOnly(2026, 4, 6));
        Assert.Equal(holidays.Select(h => h.Date), _source.GetHolidays("GB", "SCT", 2026).Select(h => h.Date));
    }

    [Fact]
    public void UnitedStates_HolidaysCountOnTheirObservedDate_EvenInTheYearBefore()
    {
        // 2026-07-04 is a Saturday: observed Friday 3. 2022-01-01 is a Saturday: observed Friday 2021-12-31.
        Assert.Contains(_source.GetHolidays("US", null, 2026), h => h.Date == new DateOnly(2026, 7, 3) && h.Name.Length > 0);
        Assert.Contains(_source.GetHolidays("US", null, 2021), h => h.Date == new DateOnly(2021, 12, 31));
        Assert.DoesNotContain(_source.GetHolidays("US", null, 2022), h => h.Date.Year != 2022);
    }

    [Fact]
    public void Regions_AreCheckedPerCountry()
    {
        Assert.Null(_source.Validate("AU", "nsw"));
        Assert.Null(_source.Validate("DE", "BY"));
        Assert.Null(_source.Validate("CA", "ON"));
        Assert.Null(_source.Validate("UK", null));
        Assert.Equal("'Yorkshire' is not a region of GB: use one of England, Wales, Scotland, NorthernIreland, ENG, WLS, SCT, NIR.", _source.Validate("GB", "Yorkshire"));
        Assert.StartsWith("US has no regions in Martech.Sdk.PublicHolidays", _source.Validate("US", "CA"), StringComparison.Ordinal);
        Assert.StartsWith("'XX' is not a country Martech.Sdk.PublicHolidays knows: use one of AT, AU, BE,", _source.Validate("XX", null), StringComparison.Ordinal);
        Assert.DoesNotContain("PO", PublicHolidaySource.Countries);
        Assert.Throws<ArgumentException>(() => _source.GetHolidays("XX", null, 2026));
    }

    [Fact]
    public void RegionalHolidays_Differ()
    {
        // Bavaria has Epiphany; Germany as a whole does not.
        Assert.Contains(_source.GetHolidays("DE", "BY", 2026), h => h.Date == new DateOnly(2026, 1, 6));
        Assert.DoesNotContain(_source.GetHolidays("DE", null, 2026), h => h.Date == new DateOnly(2026, 1, 6));
        // New South Wales has the King's Birthday (second Monday of June).
        Assert.Contains(_source.GetHolidays("AU", "NSW", 2026), h => h.Date == new DateOnly(2026, 6, 8));
    }

    [Fact]
    public void Calendar_WithGeneratedHolidays_SkipsTheSummerBankHoliday()
    {
        BusinessCalendar calendar = Calendar("Europe/London", o =>
        {
            o.Hours["Weekdays"] = "09:00-17:00";
            o.HolidayCountry = "GB";
        }, _source);

        // Friday 2026-08-28 16:00 + 4 business hours: Monday 31 is the summer bank holiday.
        Assert.Equal(Local(calendar, 2026, 9, 1, 12), calendar.AddBusinessTime(Local(calendar, 2026, 8, 28, 16), TimeSpan.FromHours(4)));
    }

    [Fact]
    public void AddPublicHolidays_RegistersTheSource_AndStartUpChecksTheCountry()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:Slas:Calendars:Support:TimeZone"] = "Australia/Sydney",
            ["Martech:Slas:Calendars:Support:Hours:Weekdays"] = "09:00-17:00",
            ["Martech:Slas:Calendars:Support:HolidayCountry"] = "AU",
            ["Martech:Slas:Calendars:Support:HolidayRegion"] = "Narnia",
        }).Build();
        var services = new ServiceCollection();
        services.AddMartech(configuration.GetSection("Martech")).AddPublicHolidays().AddPublicHolidays().AddBusinessCalendars();
        var error = Assert.Throws<OptionsValidationException>(() => StartAsAHostWould(services).Dispose());

        Assert.Single(services, d => d.ServiceType == typeof(IHolidaySource));
        Assert.Contains("Martech:Slas:Calendars:Support:HolidayCountry/HolidayRegion: 'Narnia' is not a region of AU: use one of ACT, NSW, NT, QLD, SA, TAS, VIC, WA.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPublicHolidays_CalendarClosesOnAustraliaDay()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddPublicHolidays().AddBusinessCalendars(o => o.Add("Support", c =>
        {
            c.TimeZone = "Australia/Sydney";
            c.Hours["Weekdays"] = "09:00-17:00";
            c.HolidayCountry = "AU";
            c.HolidayRegion = "NSW";
        }));
        using ServiceProvider provider = StartAsAHostWould(services);

        var calendar = (BusinessCalendar)provider.GetRequiredService<IBusinessCalendars>().Get("Support");

        Assert.False(calendar.IsWorkingTime(Local(calendar, 2026, 1, 26, 10)));
        Assert.True(calendar.IsWorkingTime(Local(calendar, 2026, 1, 27, 10)));
    }
}
