namespace Martech.Sdk.Tests.Http.RateLimiting;

public class RateLimitHeaderReadersTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    private static HttpResponseMessage Response(params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        foreach (var (name, value) in headers)
        {
            Assert.True(response.Headers.TryAddWithoutValidation(name, value), $"header {name}");
        }

        return response;
    }

    private static RateLimitSnapshot Read(IRateLimitHeaderReader reader, params (string Name, string Value)[] headers)
    {
        using HttpResponseMessage response = Response(headers);
        Assert.True(reader.TryRead(response, Now, out RateLimitSnapshot snapshot));
        return snapshot;
    }

    private static string Unix(TimeSpan fromNow) => (Now + fromNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Standard_SendGridHeadersWithUnixReset_ReadLimitRemainingAndTimeToReset()
    {
        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: true),
            ("X-RateLimit-Limit", "600"), ("X-RateLimit-Remaining", "598"), ("X-RateLimit-Reset", Unix(TimeSpan.FromSeconds(45))));

        Assert.Equal(new RateLimitSnapshot(600, 598, TimeSpan.FromSeconds(45)), snapshot);
    }

    [Fact]
    public void Standard_IntercomHeadersOnA429_ReadNoneRemaining()
    {
        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: true),
            ("X-RateLimit-Limit", "10000"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", Unix(TimeSpan.FromSeconds(10))));

        Assert.Equal(new RateLimitSnapshot(10000, 0, TimeSpan.FromSeconds(10)), snapshot);
    }

    [Fact]
    public void Standard_ResetAsSeconds_ReadsItAsADuration()
    {
        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: false),
            ("X-RateLimit-Limit", "100"), ("X-RateLimit-Remaining", "7"), ("X-RateLimit-Reset", "30"));

        Assert.Equal(new RateLimitSnapshot(100, 7, TimeSpan.FromSeconds(30)), snapshot);
    }

    [Fact]
    public void Standard_SecondsReaderGivenAUnixTimestamp_ReadsItAsATimestamp()
    {
        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: false), ("X-RateLimit-Reset", Unix(TimeSpan.FromSeconds(20))));

        Assert.Equal(TimeSpan.FromSeconds(20), snapshot.ResetAfter);
    }

    [Fact]
    public void Standard_TimestampInMilliseconds_ReadsIt()
    {
        string ms = (Now + TimeSpan.FromSeconds(12)).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: true), ("X-RateLimit-Reset", ms));

        Assert.Equal(TimeSpan.FromSeconds(12), snapshot.ResetAfter);
    }

    [Fact]
    public void Standard_ResetInThePast_ReadsZero()
    {
        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: true), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", Unix(TimeSpan.FromSeconds(-30))));

        Assert.Equal(TimeSpan.Zero, snapshot.ResetAfter);
    }

    [Fact]
    public void Standard_IetfDraftNames_AreReadAndTheirResetIsAlwaysSeconds()
    {
        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: true),
            ("RateLimit-Limit", "100"), ("RateLimit-Remaining", "0"), ("RateLimit-Reset", "50"));

        Assert.Equal(new RateLimitSnapshot(100, 0, TimeSpan.FromSeconds(50)), snapshot);
    }

    [Fact]
    public void Standard_IetfDraftListWithPolicies_ReadsTheFirstMember()
    {
        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: false),
            ("RateLimit-Limit", "10, 10;w=1, 50;w=60"), ("RateLimit-Remaining", "9"), ("RateLimit-Reset", "1"));

        Assert.Equal(new RateLimitSnapshot(10, 9, TimeSpan.FromSeconds(1)), snapshot);
    }

    [Fact]
    public void Standard_IetfStructuredFields_AreRead()
    {
        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: false),
            ("RateLimit", "\"default\";r=50;t=30"), ("RateLimit-Policy", "\"default\";q=100;w=60"));

        Assert.Equal(new RateLimitSnapshot(100, 50, TimeSpan.FromSeconds(30)), snapshot);
    }

    [Fact]
    public void Standard_MalformedXHeaderWithIetfHeader_FallsBackToIt()
    {
        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: false), ("X-RateLimit-Remaining", "lots"), ("RateLimit-Remaining", "4"));

        Assert.Equal(4, snapshot.Remaining);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e999")]
    [InlineData("0x10")]
    [InlineData("5 apples")]
    public void Standard_MalformedValues_LeaveTheirFieldsNull(string bad)
    {
        var snapshot = Read(RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: true),
            ("X-RateLimit-Limit", "600"), ("X-RateLimit-Remaining", bad), ("X-RateLimit-Reset", bad));

        Assert.Equal(new RateLimitSnapshot(600, null, null), snapshot);
    }

    [Fact]
    public void Standard_OnlyMalformedOrNoHeaders_ReturnsFalse()
    {
        using var none = Response(("Server", "nginx"));
        using var malformed = Response(("X-RateLimit-Remaining", "n/a"), ("X-RateLimit-Limit", "-1"));

        Assert.False(RateLimitHeaderReaders.Standard(false).TryRead(none, Now, out _));
        Assert.False(RateLimitHeaderReaders.Standard(false).TryRead(malformed, Now, out var snapshot));
        Assert.Equal(default, snapshot);
    }

    [Fact]
    public void Standard_SameFlag_ReturnsTheSameReader()
    {
        Assert.Same(RateLimitHeaderReaders.Standard(true), RateLimitHeaderReaders.Standard(true));
        Assert.NotSame(RateLimitHeaderReaders.Standard(true), RateLimitHeaderReaders.Standard(false));
    }

    private static readonly (string, string)[] HubSpotHeaders =
    [
        ("X-HubSpot-RateLimit-Daily", "250000"),
        ("X-HubSpot-RateLimit-Daily-Remaining", "249823"),
        ("X-HubSpot-RateLimit-Interval-Milliseconds", "10000"),
        ("X-HubSpot-RateLimit-Max", "100"),
        ("X-HubSpot-RateLimit-Remaining", "97"),
        ("X-HubSpot-RateLimit-Secondly", "10"),
        ("X-HubSpot-RateLimit-Secondly-Remaining", "9"),
    ];

    private static (string, string)[] HubSpotWith(string name, string value) =>
        HubSpotHeaders.Select(h => h.Item1 == name ? (name, value) : h).ToArray();

    [Fact]
    public void HubSpot_AllThreeBudgets_ReportsTheOneWithFewestRemaining()
    {
        Assert.Equal(new RateLimitSnapshot(10, 9, TimeSpan.FromSeconds(1)) { Window = TimeSpan.FromSeconds(1) }, Read(RateLimitHeaderReaders.HubSpot, HubSpotHeaders));
    }

    [Fact]
    public void HubSpot_RollingWindowExhausted_ReportsItWithoutAResetTime()
    {
        var snapshot = Read(RateLimitHeaderReaders.HubSpot, HubSpotWith("X-HubSpot-RateLimit-Remaining", "0"));

        Assert.Equal(new RateLimitSnapshot(100, 0, null) { Window = TimeSpan.FromSeconds(10) }, snapshot);
    }

    [Fact]
    public void HubSpot_DailyBudgetLowest_ReportsIt()
    {
        var snapshot = Read(RateLimitHeaderReaders.HubSpot, HubSpotWith("X-HubSpot-RateLimit-Daily-Remaining", "3"));

        Assert.Equal(new RateLimitSnapshot(250000, 3, null) { Window = TimeSpan.FromDays(1) }, snapshot);
    }

    [Fact]
    public void HubSpot_TieBetweenBudgets_PrefersTheLongerWindow()
    {
        var snapshot = Read(RateLimitHeaderReaders.HubSpot, ("X-HubSpot-RateLimit-Max", "100"), ("X-HubSpot-RateLimit-Remaining", "0"), ("X-HubSpot-RateLimit-Secondly", "10"), ("X-HubSpot-RateLimit-Secondly-Remaining", "0"));

        Assert.Equal(new RateLimitSnapshot(100, 0, null), snapshot);
    }

    [Fact]
    public void HubSpot_OAuthCallWithoutDailyPair_ReadsTheBurstWindow()
    {
        var snapshot = Read(RateLimitHeaderReaders.HubSpot, ("X-HubSpot-RateLimit-Interval-Milliseconds", "10000"), ("X-HubSpot-RateLimit-Max", "100"), ("X-HubSpot-RateLimit-Remaining", "42"));

        Assert.Equal(new RateLimitSnapshot(100, 42, null) { Window = TimeSpan.FromSeconds(10) }, snapshot);
    }

    [Fact]
    public void HubSpot_MalformedRemainingCounts_AreIgnored()
    {
        var snapshot = Read(RateLimitHeaderReaders.HubSpot, ("X-HubSpot-RateLimit-Max", "100"), ("X-HubSpot-RateLimit-Remaining", "ninety"), ("X-HubSpot-RateLimit-Secondly-Remaining", ""));

        Assert.Equal(new RateLimitSnapshot(100, null, null), snapshot);
        using var none = Response(("X-HubSpot-RateLimit-Remaining", "-3"));
        Assert.False(RateLimitHeaderReaders.HubSpot.TryRead(none, Now, out _));
    }

    [Fact]
    public void Pipedrive_WindowHeaders_ReadsSecondsUntilReset()
    {
        var snapshot = Read(RateLimitHeaderReaders.Pipedrive, ("x-ratelimit-limit", "80"), ("x-ratelimit-remaining", "79"), ("x-ratelimit-reset", "2"), ("x-daily-requests-left", "9999"));

        Assert.Equal(new RateLimitSnapshot(80, 79, TimeSpan.FromSeconds(2)) { Window = TimeSpan.FromSeconds(2) }, snapshot);
    }

    [Fact]
    public void Pipedrive_DailyRequestsLeftLower_ReportsThemWithoutReset()
    {
        var snapshot = Read(RateLimitHeaderReaders.Pipedrive, ("x-ratelimit-limit", "80"), ("x-ratelimit-remaining", "79"), ("x-ratelimit-reset", "2"), ("x-daily-requests-left", "3"));

        Assert.Equal(new RateLimitSnapshot(null, 3, null), snapshot);
    }

    [Fact]
    public void Pipedrive_MalformedHeaders_ReturnFalse()
    {
        using var response = Response(("x-ratelimit-limit", "eighty"), ("x-ratelimit-remaining", "?"), ("x-ratelimit-reset", "soon"));

        Assert.False(RateLimitHeaderReaders.Pipedrive.TryRead(response, Now, out _));
    }

    [Fact]
    public void Salesforce_ApiUsage_ReadsTheDailyOrgBudget()
    {
        Assert.Equal(new RateLimitSnapshot(5000, 4982, null), Read(RateLimitHeaderReaders.Salesforce, ("Sforce-Limit-Info", "api-usage=18/5000")));
    }

    [Fact]
    public void Salesforce_PerAppUsageLower_ReportsIt()
    {
        var snapshot = Read(RateLimitHeaderReaders.Salesforce, ("Sforce-Limit-Info", "api-usage=18/5000, per-app-api-usage=17/250(appName=sample-app)"));

        Assert.Equal(new RateLimitSnapshot(250, 233, null), snapshot);
    }

    [Fact]
    public void Salesforce_UsageOverTheLimit_ReadsZeroRemaining()
    {
        Assert.Equal(new RateLimitSnapshot(5000, 0, null), Read(RateLimitHeaderReaders.Salesforce, ("Sforce-Limit-Info", "api-usage=5012/5000")));
    }

    [Theory]
    [InlineData("api-usage=abc/5000")]
    [InlineData("api-usage=18")]
    [InlineData("api-usage=/5000")]
    [InlineData("api-usage=18/")]
    [InlineData("api-usage")]
    [InlineData("other-usage=1/2")]
    [InlineData("")]
    public void Salesforce_MalformedHeader_ReturnsFalse(string value)
    {
        using var response = Response(("Sforce-Limit-Info", value));

        Assert.False(RateLimitHeaderReaders.Salesforce.TryRead(response, Now, out _));
    }

    public static TheoryData<string, string> GarbageForEveryReader()
    {
        string[] readers = ["standard", "unix", "hubspot", "pipedrive", "salesforce"];
        string[] garbage = ["", ",,,", ";;;", "=", "/", "(", "\"default\";r=;t=", "99999999999999999999999999", "api-usage=1/99999999999999999999999", "é€𝄞", "1/0", "-0", ".", "1.5.6"];
        var data = new TheoryData<string, string>();
        foreach (string reader in readers)
        {
            foreach (string value in garbage)
            {
                data.Add(reader, value);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GarbageForEveryReader))]
    public void TryRead_GarbageInEveryHeader_NeverThrows(string readerName, string value)
    {
        IRateLimitHeaderReader reader = readerName switch
        {
            "standard" => RateLimitHeaderReaders.Standard(false),
            "unix" => RateLimitHeaderReaders.Standard(true),
            "hubspot" => RateLimitHeaderReaders.HubSpot,
            "pipedrive" => RateLimitHeaderReaders.Pipedrive,
            _ => RateLimitHeaderReaders.Salesforce,
        };
        string[] names =
        [
            "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "RateLimit-Limit", "RateLimit-Remaining",
            "RateLimit-Reset", "RateLimit", "RateLimit-Policy", "X-HubSpot-RateLimit-Max", "X-HubSpot-RateLimit-Remaining",
            "X-HubSpot-RateLimit-Secondly-Remaining", "X-HubSpot-RateLimit-Daily-Remaining", "x-daily-requests-left", "Sforce-Limit-Info",
        ];
        using var response = Response(names.Select(n => (n, value)).ToArray());

        bool read = reader.TryRead(response, Now, out RateLimitSnapshot snapshot);

        Assert.True(read || snapshot == default);
        Assert.True(snapshot.Remaining is null or >= 0);
        Assert.True(snapshot.ResetAfter is null || snapshot.ResetAfter >= TimeSpan.Zero);
    }

    [Fact]
    public void TryRead_NullResponse_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => RateLimitHeaderReaders.Standard(false).TryRead(null!, Now, out _));
        Assert.Throws<ArgumentNullException>(() => RateLimitHeaderReaders.HubSpot.TryRead(null!, Now, out _));
        Assert.Throws<ArgumentNullException>(() => RateLimitHeaderReaders.Pipedrive.TryRead(null!, Now, out _));
        Assert.Throws<ArgumentNullException>(() => RateLimitHeaderReaders.Salesforce.TryRead(null!, Now, out _));
    }
}
