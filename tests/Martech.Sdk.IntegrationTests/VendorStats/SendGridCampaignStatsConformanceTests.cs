using Martech.Sdk.IntegrationTests.SendGrid;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.VendorStats;

/// <summary>The campaign stats conformance suite: SendGrid category statistics from the SendGrid emulator over loopback.</summary>
public sealed class SendGridCampaignStatsConformanceTests(SendGridEmulatorFixture fixture, ITestOutputHelper output)
    : EmailVendorStatsConformanceTests(output), IClassFixture<SendGridEmulatorFixture>
{
    protected override ServiceProvider CreateServices() => fixture.BuildServices();
}
