using PublicHoliday;

namespace Martech.Sdk;

/// <summary>
/// Public holidays from the PublicHoliday package for the countries it computes (ISO 3166-1 alpha-2 codes, such as
/// <c>GB</c>, <c>US</c>, <c>DE</c>, <c>AU</c>), with regions for Australia (states), Canada (provinces), France
/// (regions), Germany (states), New Zealand (provincial districts), Portugal (Madeira, Acores), Switzerland (cantons)
/// and the United Kingdom (England, Wales, Scotland, NorthernIreland). A holiday counts on its observed date (the
/// weekday it moves to when it falls on a weekend).
/// </summary>
/// <remarks><c>AddPublicHolidays()</c> registers one; create one directly for <see cref="BusinessCalendar.Create"/>.
/// Thread-safe: calls into the package are serialised (it loads holiday names into shared tables lazily), which costs
/// nothing that matters, since a business calendar asks once per year it reaches.</remarks>
public sealed class PublicHolidaySource : IHolidaySource
{
    // The package's codes, less "PO" (an earlier, wrong code for Poland that it still accepts beside "PL").
    private static readonly string[] CountryCodes = [.. Enum.GetNames<PublicHolidayCountryCode>()
        .Select(c => c.ToUpperInvariant())
        .Where(c => c != "PO")
        .Order(StringComparer.Ordinal)];

    private static readonly string[] CanadaProvinces = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"];

    private static readonly string[] UkCodes = ["ENG", "WLS", "SCT", "NIR"];

    private static readonly Lock PackageLock = new();

    /// <summary>The country codes this source knows.</summary>
    public static IReadOnlyList<string> Countries => CountryCodes;

    /// <summary>The regions of <paramref name="country"/> this source knows; empty for a country without regions.</summary>
    /// <param name="country">The country code.</param>
    /// <returns>The region names, as <see cref="BusinessCalendarOptions.HolidayRegion"/> takes them.</returns>
    public static IReadOnlyList<string> RegionsOf(string country)
    {
        ArgumentNullException.ThrowIfNull(country);
        return Normalize(country) switch
        {
            "AU" => Names<AustraliaPublicHoliday.States>("All"),
            "CA" => CanadaProvinces,
            "CH" => Names<SwitzerlandPublicHoliday.Cantons>("OnlyOfficial", "ALL"),
            "DE" => Names<GermanPublicHoliday.States>("ALL"),
            "FR" => Names<FrancePublicHoliday.Regions>("OnlyOfficial", "ALL"),
            "GB" => [.. Enum.GetNames<UKBankHoliday.UkCountries>(), .. UkCodes],
            "NZ" => Names<NewZealandPublicHoliday.ProvincialDistricts>("ALL"),
            "PT" => Names<PortugalPublicHoliday.Regions>("OnlyOfficial"),
            _ => [],
        };
    }

    /// <inheritdoc />
    public string? Validate(string country, string? region)
    {
        ArgumentNullException.ThrowIfNull(country);
        string code = Normalize(country);
        if (Array.IndexOf(CountryCodes, code) < 0)
        {
            return $"'{country}' is not a country Martech.Sdk.PublicHolidays knows: use one of {string.Join(", ", CountryCodes)}.";
        }

        if (region is null)
        {
            return null;
        }

        IReadOnlyList<string> regions = RegionsOf(code);
        if (regions.Count == 0)
        {
            return $"{code} has no regions in Martech.Sdk.PublicHolidays (regions exist for AU, CA, CH, DE, FR, GB, NZ and PT): remove HolidayRegion '{region}'.";
        }

        return regions.Contains(region.Trim(), StringComparer.OrdinalIgnoreCase)
            ? null
            : $"'{region}' is not a region of {code}: use one of {string.Join(", ", regions)}.";
    }

    /// <inheritdoc />
    public IReadOnlyList<ObservedHoliday> GetHolidays(string country, string? region, int year)
    {
        if (Validate(country, region) is { } problem)
        {
            throw new ArgumentException(problem, nameof(country));
        }

        var result = new List<ObservedHoliday>();
        lock (PackageLock)
        {
            IPublicHolidays calendar = Create(Normalize(country), region?.Trim());

            // A holiday of one year can be observed in the next or the one before (New Year on a Saturday, observed on
            // Friday, December 31), so the years either side are read too.
            for (int y = Math.Max(2, year - 1); y <= Math.Min(9998, year + 1); y++)
            {
                foreach (Holiday holiday in calendar.PublicHolidaysInformation(y))
                {
                    if (holiday.IsPublic && holiday.ObservedDate.Year == year)
                    {
                        result.Add(new ObservedHoliday(DateOnly.FromDateTime(holiday.ObservedDate), holiday.EnglishName));
                    }
                }
            }
        }

        return result;
    }

    /// <summary>Names the type.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(PublicHolidaySource);

    private static IPublicHolidays Create(string country, string? region)
    {
        if (region is null)
        {
            return PublicHolidayFactory.GetPublicHolidayForCountry(country);
        }

        return country switch
        {
            "AU" => new AustraliaPublicHoliday { State = Parse<AustraliaPublicHoliday.States>(region) },
            "CA" => new CanadaPublicHoliday(region.ToUpperInvariant()),
            "CH" => new SwitzerlandPublicHoliday { Canton = Parse<SwitzerlandPublicHoliday.Cantons>(region) },
            "DE" => new GermanPublicHoliday { State = Parse<GermanPublicHoliday.States>(region) },
            "FR" => new FrancePublicHoliday { Region = Parse<FrancePublicHoliday.Regions>(region) },
            "GB" => new UKBankHoliday(UkCountry(region)),
            "NZ" => new NewZealandPublicHoliday { ProvincialDistrict = Parse<NewZealandPublicHoliday.ProvincialDistricts>(region) },
            "PT" => new PortugalPublicHoliday { Region = Parse<PortugalPublicHoliday.Regions>(region) },
            _ => throw new ArgumentException($"{country} has no regions.", nameof(region)),
        };
    }

    private static UKBankHoliday.UkCountries UkCountry(string region) => region.ToUpperInvariant() switch
    {
        "ENG" => UKBankHoliday.UkCountries.England,
        "WLS" => UKBankHoliday.UkCountries.Wales,
        "SCT" => UKBankHoliday.UkCountries.Scotland,
        "NIR" => UKBankHoliday.UkCountries.NorthernIreland,
        _ => Parse<UKBankHoliday.UkCountries>(region),
    };

    private static string Normalize(string country)
    {
        string code = country.Trim().ToUpperInvariant();
        return code == "UK" ? "GB" : code;
    }

    private static string[] Names<TEnum>(params string[] except)
        where TEnum : struct, Enum =>
        [.. Enum.GetNames<TEnum>().Where(n => !except.Contains(n, StringComparer.Ordinal))];

    private static TEnum Parse<TEnum>(string name)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().First(v => string.Equals(v.ToString(), name, StringComparison.OrdinalIgnoreCase));
}
