using Martech.Sdk.IntegrationTests.HubSpot;
using Martech.Sdk.IntegrationTests.Slack;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Leads;

/// <summary>Lead handoff through real providers over real sockets: leads in the HubSpot emulator get their owner and
/// status written, owners are told through the Slack emulator, a lead HubSpot does not have is reported and keeps its
/// owner's turn.</summary>
public sealed class LeadRoutingHandoffEmulatorTests(HubSpotEmulatorFixture hubSpot, SlackEmulatorFixture slack)
    : IClassFixture<HubSpotEmulatorFixture>, IClassFixture<SlackEmulatorFixture>
{
    [Fact]
    public async Task HandOffAsync_HubSpotLeadsAndSlackCards_OwnerAndStatusWrittenAndOwnersNotified()
    {
        using ServiceProvider slackServices = slack.CreateServices(); // resets the Slack emulator
        string adaUser = "U0ADA00001";
        string bobUser = "U0BOB00002";
        slack.Emulator.AddUser(adaUser);
        slack.Emulator.AddUser(bobUser);
        await using ServiceProvider provider = hubSpot.BuildServices(also: martech =>
        {
            martech.AddSlack(configure: o =>
            {
                o.BotToken = slack.Emulator.BotToken;
                o.BaseAddress = slack.Emulator.BaseAddress;
                o.RateLimitPermits = 1000;
                o.PostMessagePerSecond = 1000;
            });
            martech.AddLeadRouting(o =>
            {
                o.Owners = new Dictionary<string, LeadOwnerOptions>
                {
                    ["1001"] = new() { Weight = 2, Destination = $"user:{adaUser}", Name = "Ada" },
                    ["1002"] = new() { Weight = 1, Destination = $"user:{bobUser}", Name = "Bob" },
                };
                o.Pools = new Dictionary<string, LeadPoolOptions> { ["sales"] = new() { Owners = ["1001", "1002"] } };
                o.DefaultPool = "sales";
                o.AssignedStatus = "working";
                o.LeadsProvider = "HubSpot";
                o.NotificationProvider = "Slack";
            });
        });
        provider.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
        ILeadClient leads = provider.GetRequiredKeyedService<ILeadClient>("HubSpot");
        var created = new List<Lead>();
        for (int i = 0; i < 6; i++)
        {
            created.Add(await leads.CreateAsync(new Lead { FirstName = "Lead", LastName = $"No{i}", Email = EmailAddress.Parse($"lead{i}@company.example"), Title = $"Demo request {i}", Source = "webinar" }));
        }

        LeadRouter router = provider.GetRequiredService<LeadRouter>();
        LeadHandoffResult result = await router.HandOffAsync([created[0], new Lead { Id = "999999999" }, .. created.Skip(1)]);

        Assert.Equal((6, 1), (result.AssignedCount, result.FailedCount));
        Assert.Equal(["1001", "1002", "1001", "1001", "1002", "1001", "1001"], result.Outcomes.Select(o => o.Decision.OwnerId));
        LeadHandoffOutcome failed = result.Outcomes[1];
        Assert.Equal(("1002", LeadHandoffStatus.WriteFailed), (failed.Decision.OwnerId, failed.Status));
        Assert.IsType<MartechNotFoundException>(failed.Error);
        // Within the batch, the leads after the failed one were planned as if it had been written (1001 got 5, 1002
        // got 1); the saved credits leave 1002 the failed turn (1001 -3, 1002 3), so the next two leads are 1002's:
        // 5 and 3 over eight leads, the 2:1 share.
        LeadHandoffResult next = await router.HandOffAsync([await leads.CreateAsync(new Lead { LastName = "No6", Email = EmailAddress.Parse("lead6@company.example") }), await leads.CreateAsync(new Lead { LastName = "No7", Email = EmailAddress.Parse("lead7@company.example") })]);
        Assert.Equal(["1002", "1002"], next.Outcomes.Select(o => o.Decision.OwnerId));
        created.AddRange(next.Outcomes.Select(o => o.Lead));
        var owners = new List<string?>();
        foreach (Lead lead in created)
        {
            Lead stored = (await leads.GetAsync(lead.Id!))!;
            Assert.Equal(LeadStatus.Working, stored.Status);
            owners.Add(stored.OwnerId);
        }

        Assert.Equal(5, owners.Count(o => o == "1001"));
        Assert.Equal(3, owners.Count(o => o == "1002"));
        Assert.All(result.Outcomes.Where(o => o.Status == LeadHandoffStatus.Assigned), o => Assert.Equal(LeadNotificationStatus.Sent, o.Notification));
        IReadOnlyList<SlackEmulatedMessage> messages = slack.Emulator.Messages;
        Assert.Equal(8, messages.Count);
        Assert.Equal(5, messages.Count(m => m.RequestedChannel == adaUser));
        Assert.Equal(3, messages.Count(m => m.RequestedChannel == bobUser));
        SlackEmulatedMessage first = messages.Single(m => m.Content.Contains("Lead No0", StringComparison.Ordinal));
        Assert.Equal(adaUser, first.RequestedChannel);
        Assert.Contains("New lead: Lead No0", first.Content, StringComparison.Ordinal);
        Assert.Contains("rotation picked '1001'", first.Content, StringComparison.Ordinal);
    }
}
