using System.Diagnostics;
using System.Diagnostics.Metrics;
using Martech.Sdk.Tests.Abstractions.Fakes;
using Martech.Sdk.Tests.Http.Transport;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Core;

[Collection(TelemetryCollection.Name)]
public sealed class OpenTelemetryMiddlewareTests : IDisposable
{
    private readonly List<Activity> _activities = [];
    private readonly List<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = [];
    private readonly ActivityListener _listener;
    private readonly MeterListener _meters;

    public OpenTelemetryMiddlewareTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MartechTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (_activities) { _activities.Add(a); } },
        };
        ActivitySource.AddActivityListener(_listener);
        _meters = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == MartechTelemetry.Name && i.Name == "martech.operation.duration")
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) =>
        {
            var dict = new Dictionary<string, object?>();
            foreach (var t in tags)
            {
                dict[t.Key] = t.Value;
            }

            lock (_measurements)
            {
                _measurements.Add((i.Name, v, dict));
            }
        });
        _meters.Start();
    }

    private static ServiceProvider Build(string name) =>
        new ServiceCollection().AddMartech().AddInMemory(name).UseOpenTelemetry().Services.BuildServiceProvider();

    private List<Activity> Mine(string provider)
    {
        lock (_activities)
        {
            return _activities.Where(a => (string?)a.GetTagItem(MartechTelemetry.ProviderTag) == provider).ToList();
        }
    }

    [Fact]
    public async Task CapabilityCalls_EachGetAnActivityAndADuration()
    {
        using var sp = Build("OtelA");
        var contacts = sp.GetRequiredService<IContactClient>();
        await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com") });
        await contacts.GetAsync("c_1");
        var email = new EmailMessage { From = EmailAddress.Parse("hello@brand.example"), Subject = "Hi", TextBody = "Hi", Purpose = SendPurpose.Transactional };
        email.To.Add(EmailAddress.Parse("ada@example.com"));
        await sp.GetRequiredService<IEmailSender>().SendAsync(email);

        Assert.Equal(["contacts.upsert", "contacts.get", "email.send"], Mine("OtelA").Select(a => a.OperationName));
        Assert.All(Mine("OtelA"), a => Assert.Equal(ActivityStatusCode.Unset, a.Status));
        lock (_measurements)
        {
            var mine = _measurements.Where(m => (string?)m.Tags[MartechTelemetry.ProviderTag] == "OtelA").ToList();
            Assert.Equal(3, mine.Count);
            Assert.All(mine, m => Assert.Equal("success", m.Tags[MartechTelemetry.OutcomeTag]));
        }
    }

    [Fact]
    public async Task FailedCall_ActivityMarkedErrorWithType()
    {
        using var sp = Build("OtelB");
        await Assert.ThrowsAsync<MartechNotFoundException>(() => sp.GetRequiredService<ILeadClient>().UpdateAsync(new Lead { Id = "missing", Score = 1 }));

        var activity = Assert.Single(Mine("OtelB"));
        Assert.Equal("leads.update", activity.OperationName);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Equal(typeof(MartechNotFoundException).FullName, activity.GetTagItem("error.type"));
        lock (_measurements)
        {
            Assert.Equal("failure", Assert.Single(_measurements, m => (string?)m.Tags[MartechTelemetry.ProviderTag] == "OtelB").Tags[MartechTelemetry.OutcomeTag]);
        }
    }

    [Fact]
    public async Task Listing_OneActivityPerPage()
    {
        using var sp = Build("OtelC");
        var contacts = sp.GetRequiredService<IContactClient>();
        await contacts.UpsertManyAsync([.. Enumerable.Range(0, 5).Select(i => new Contact { Email = EmailAddress.Parse($"p{i}@example.com") })]);
        int before = Mine("OtelC").Count;

        int seen = 0;
        await foreach (var contact in contacts.ListAsync(new ContactListOptions { PageSize = 2 }))
        {
            seen++;
        }

        Assert.Equal(5, seen);
        Assert.Equal(3, Mine("OtelC").Skip(before).Count(a => a.OperationName == "contacts.list"));
    }

    [Fact]
    public async Task StatsOnlyProvider_GetStats_OneActivityAndADuration()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddProvider("OtelStats", "Fake").AddCapability<ICampaignStatsClient>(_ => new RecordingCampaignStatsClient()).UseOpenTelemetry();
        using (var sp = services.BuildServiceProvider())
        {
            await sp.GetRequiredService<ICampaignStatsClient>().GetStatsAsync("spring-sale");
        }

        Assert.Equal(["campaigns.stats"], Mine("OtelStats").Select(a => a.OperationName));
        lock (_measurements)
        {
            Assert.Equal("success", Assert.Single(_measurements, m => (string?)m.Tags[MartechTelemetry.ProviderTag] == "OtelStats").Tags[MartechTelemetry.OutcomeTag]);
        }
    }

    [Fact]
    public async Task CampaignProvider_StatsThroughEitherInterface_OneActivityPerCall()
    {
        using var sp = Build("OtelD");
        Campaign campaign = sp.GetRequiredKeyedService<InMemoryMartechStore>("OtelD").AddCampaign(new Campaign { Name = "Spring" });

        await sp.GetRequiredService<ICampaignStatsClient>().GetStatsAsync(campaign.Id!);
        await sp.GetRequiredService<ICampaignClient>().GetStatsAsync(campaign.Id!);

        Assert.Equal(["campaigns.stats", "campaigns.stats"], Mine("OtelD").Select(a => a.OperationName));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _meters.Dispose();
    }
}
