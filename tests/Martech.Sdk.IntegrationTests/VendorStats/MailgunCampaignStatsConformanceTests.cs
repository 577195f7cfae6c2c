using Martech.Sdk.IntegrationTests.Mailgun;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.VendorStats;

/// <summary>The campaign stats conformance suite: Mailgun tag statistics from the Mailgun emulator over loopback.</summary>
public sealed class MailgunCampaignStatsConformanceTests(MailgunEmulatorFixture fixture, ITestOutputHelper output)
    : EmailVendorStatsConformanceTests(output), IClassFixture<MailgunEmulatorFixture>
{
    protected override ServiceProvider CreateServices()
    {
        fixture.Emulator.Reset();
        return fixture.CreateServices();
    }
}
