using Martech.Sdk.IntegrationTests.Postmark;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.VendorStats;

/// <summary>The campaign stats conformance suite: Postmark outbound statistics by tag from the Postmark emulator over
/// loopback.</summary>
public sealed class PostmarkCampaignStatsConformanceTests(PostmarkEmulatorFixture fixture, ITestOutputHelper output)
    : EmailVendorStatsConformanceTests(output), IClassFixture<PostmarkEmulatorFixture>
{
    protected override ServiceProvider CreateServices() => fixture.CreateServices();
}
