using Martech.Sdk.IntegrationTests.Mailgun;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.VendorStats;

/// <summary>The campaign stats conformance suite: Mailgun tag statistics from the Mailgun emulator over loopback.</summary>
public sealed class MailgunCampaignStatsConformanceTests(MailgunEmulatorFixture fixture, ITestOutputHelper output)
    : CampaignStatsClientConformanceTests(output), IClassFixture<MailgunEmulatorFixture>
{
    private ServiceProvider? _services;

    protected override string UnknownId => "never-used-tag";

    protected override Task<ICampaignStatsClient> CreateClientAsync()
    {
        fixture.Emulator.Reset();
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredService<ICampaignStatsClient>());
    }

    protected override Task<string> SeedCampaignAsync() => Task.FromResult("spring-" + Guid.NewGuid().ToString("N")[..8]);

    protected override Task ReachAsync(string campaignId, IReadOnlyList<EmailAddress> recipients) =>
        TaggedSends.SendAsync(_services!.GetRequiredService<IEmailSender>(), campaignId, recipients);

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
