using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.InMemory;

public class InMemoryMartechStoreTests
{
    [Fact]
    public async Task Ids_EveryKind_HasItsReadablePrefix()
    {
        var h = new InMemoryHarness();

        Contact contact = await h.AddContactAsync("ada@example.com");
        Lead lead = await h.Leads.CreateAsync(new Lead { Email = InMemoryHarness.Address("lead@example.com") });
        Campaign campaign = h.Store.AddCampaign(new Campaign { Name = "Spring" });
        EmailSendResult email = await h.Email.SendAsync(InMemoryHarness.EmailTo(campaign.Id!, "ada@example.com"));
        MessageSendResult message = await h.Messages.SendAsync(new OutgoingMessage { Destination = MessageDestination.Channel("C1"), Text = "hi" });
        LeadConversionResult converted = await h.Leads.ConvertAsync(lead.Id!, new LeadConversionOptions { CreateDeal = true });

        Assert.Equal("c_1", contact.Id);
        Assert.Equal("l_1", lead.Id);
        Assert.Equal("cmp_1", campaign.Id);
        Assert.Equal("em_1", email.MessageId);
        Assert.Equal("msg_1", message.MessageId);
        Assert.Equal("c_2", converted.ContactId);
        Assert.Equal("deal_1", converted.DealId);
    }

    [Fact]
    public void AddCampaign_NewCampaign_AssignsIdAndStampsCreatedAt()
    {
        var h = new InMemoryHarness();

        Campaign stored = h.Store.AddCampaign(new Campaign { Name = "Spring", Status = CampaignStatus.Active, Type = "Email" });

        Assert.Equal("cmp_1", stored.Id);
        Assert.Equal(ManualTimeProvider.DefaultStart, stored.CreatedAt);
        Assert.Equal(CampaignStatus.Active, stored.Status);
        Assert.Equal("Email", Assert.Single(h.Store.Campaigns).Type);
    }

    [Fact]
    public void AddCampaign_CreatedAtGiven_KeepsItForSeedingHistory()
    {
        var h = new InMemoryHarness();
        var lastYear = new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero);

        Campaign stored = h.Store.AddCampaign(new Campaign { Name = "Old", CreatedAt = lastYear });

        Assert.Equal(lastYear, stored.CreatedAt);
    }

    [Fact]
    public void AddCampaign_InvalidInput_ThrowsBeforeStoring()
    {
        var h = new InMemoryHarness();

        Assert.Throws<ArgumentNullException>(() => h.Store.AddCampaign(null!));
        var withId = Assert.Throws<ArgumentException>(() => h.Store.AddCampaign(new Campaign { Id = "x", Name = "Spring" }));
        var noName = Assert.Throws<ArgumentException>(() => h.Store.AddCampaign(new Campaign { Name = " " }));

        Assert.Contains("Campaign.Id", withId.Message, StringComparison.Ordinal);
        Assert.Contains("Campaign.Name", noName.Message, StringComparison.Ordinal);
        Assert.Empty(h.Store.Campaigns);
    }

    [Fact]
    public void AddCampaign_CallerChangesItsInstanceLater_StoreKeepsItsCopy()
    {
        var h = new InMemoryHarness();
        var campaign = new Campaign { Name = "Spring" };
        campaign.CustomFields.Set("budget", 100);

        Campaign stored = h.Store.AddCampaign(campaign);
        campaign.CustomFields.Set("budget", 999);
        stored.CustomFields.Set("budget", 555);

        Assert.True(Assert.Single(h.Store.Campaigns).CustomFields.TryGetInt64("budget", out long budget));
        Assert.Equal(100, budget);
    }

    [Fact]
    public async Task Contacts_SnapshotChanged_StoreUnchanged()
    {
        var h = new InMemoryHarness();
        await h.AddContactAsync("ada@example.com", "Ada");

        Contact snapshot = Assert.Single(h.Store.Contacts);
        snapshot.CustomFields.Set("tier", "gold");

        Assert.Empty(Assert.Single(h.Store.Contacts).CustomFields);
    }

    [Fact]
    public void RecordEmailEvent_InvalidInput_Throws()
    {
        var h = new InMemoryHarness();

        Assert.Throws<ArgumentNullException>(() => h.Store.RecordEmailEvent(null!));
        Assert.Throws<ArgumentException>(() => h.Store.RecordEmailEvent(new EmailEvent { Id = Guid.NewGuid().ToString("N"), Provider = "InMemory", Type = EmailEventType.Opened, Recipient = default }));
        Assert.Empty(h.Store.EmailEvents);
    }

    [Fact]
    public void RecordEmailEvent_Event_AppearsInEmailEvents()
    {
        var h = new InMemoryHarness();
        var opened = new EmailEvent { Id = Guid.NewGuid().ToString("N"), Provider = "InMemory", Type = EmailEventType.Opened, Recipient = InMemoryHarness.Address("ada@example.com") };

        h.Store.RecordEmailEvent(opened);

        Assert.Equal(opened, Assert.Single(h.Store.EmailEvents));
    }

    [Fact]
    public void GetCampaignMembers_UnknownCampaign_Throws()
    {
        var h = new InMemoryHarness();

        Assert.Throws<ArgumentException>(() => h.Store.GetCampaignMembers("cmp_404"));
        Assert.Throws<ArgumentException>(() => h.Store.GetCampaignMembers(""));
    }

    [Fact]
    public async Task Clear_EverythingStored_EmptiesTheStoreWithoutReusingIds()
    {
        var h = new InMemoryHarness();
        await h.AddContactAsync("ada@example.com");
        await h.Leads.CreateAsync(new Lead { FirstName = "Grace" });
        Campaign campaign = h.Store.AddCampaign(new Campaign { Name = "Spring" });
        await h.Email.SendAsync(InMemoryHarness.EmailTo(campaign.Id!, "ada@example.com"));
        await h.Messages.SendAsync(new OutgoingMessage { Destination = MessageDestination.User("U1"), Text = "hi" });
        h.Store.RecordEmailEvent(new EmailEvent { Id = Guid.NewGuid().ToString("N"), Provider = "InMemory", Type = EmailEventType.Delivered, Recipient = InMemoryHarness.Address("ada@example.com") });

        h.Store.Clear();

        Assert.Empty(h.Store.Contacts);
        Assert.Empty(h.Store.Leads);
        Assert.Empty(h.Store.Campaigns);
        Assert.Empty(h.Store.SentEmails);
        Assert.Empty(h.Store.SentMessages);
        Assert.Empty(h.Store.EmailEvents);
        Assert.Null(await h.Contacts.FindByEmailAsync("ada@example.com"));
        Assert.Equal("c_2", (await h.AddContactAsync("ada@example.com")).Id);
    }

    [Fact]
    public void Constructor_NoTimeProvider_UsesTheSystemClock()
    {
        Assert.Same(TimeProvider.System, new InMemoryMartechStore().TimeProvider);
    }
}
