using System.Net;
using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.InMemory;

public class InMemoryCampaignClientTests
{
    private readonly InMemoryHarness _h = new();

    [Fact]
    public async Task GetAsync_SeededAndMissing_ReturnsCampaignOrNull()
    {
        Campaign seeded = _h.Store.AddCampaign(new Campaign { Name = "Spring", Type = "Email" });

        Campaign? found = await _h.Campaigns.GetAsync(seeded.Id!);

        Assert.Equal("Spring", found?.Name);
        Assert.Null(await _h.Campaigns.GetAsync("cmp_404"));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Campaigns.GetAsync(" "));
    }

    [Fact]
    public async Task ListAsync_FiveCampaignsPageSizeTwo_ThreePagesInOrder()
    {
        for (int i = 0; i < 5; i++)
        {
            _h.Store.AddCampaign(new Campaign { Name = $"C{i}" });
        }

        var pages = await InMemoryHarness.ReadPagesAsync(_h.Campaigns.ListAsync(new ListOptions { PageSize = 2 }));

        Assert.Equal([2, 2, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(["C0", "C1", "C2", "C3", "C4"], pages.SelectMany(p => p.Items).Select(c => c.Name));
    }

    [Fact]
    public async Task AddMembersAsync_MixedIds_OneOutcomePerIdInOrder()
    {
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Spring" });
        Contact ada = await _h.AddContactAsync("ada@example.com");
        Contact grace = await _h.AddContactAsync("grace@example.com");
        await _h.Campaigns.AddMembersAsync(campaign.Id!, [grace.Id!]);

        var result = await _h.Campaigns.AddMembersAsync(campaign.Id!, [ada.Id!, "c_404", grace.Id!, null!, ada.Id!]);

        Assert.Equal(
            [BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Succeeded],
            result.Items.Select(i => i.Status));
        Assert.Equal("CONTACT_NOT_FOUND", result.Items[1].Error?.Code);
        Assert.Equal("INVALID_ID", result.Items[3].Error?.Code);
        Assert.Equal(new CampaignMember(campaign.Id!, ada.Id!, null, ManualTimeProvider.DefaultStart), result.Items[0].Value);
        Assert.Equal(new[] { grace.Id, ada.Id }, _h.Store.GetCampaignMembers(campaign.Id!).Select(m => m.ContactId));
    }

    [Fact]
    public async Task AddMembersAsync_MissingCampaign_ThrowsNotFound()
    {
        Contact ada = await _h.AddContactAsync("ada@example.com");

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => _h.Campaigns.AddMembersAsync("cmp_404", [ada.Id!]));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("InMemory", ex.Provider);
        await Assert.ThrowsAsync<MartechNotFoundException>(() => _h.Campaigns.RemoveMembersAsync("cmp_404", [ada.Id!]));
    }

    [Fact]
    public async Task AddMembersAsync_InvalidArguments_Throw()
    {
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Spring" });

        await Assert.ThrowsAsync<ArgumentException>(() => _h.Campaigns.AddMembersAsync("", ["c_1"]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _h.Campaigns.AddMembersAsync(campaign.Id!, null!));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _h.Campaigns.AddMembersAsync(campaign.Id!, ["c_1"], new BulkOptions { BatchSize = -1 }));
    }

    [Fact]
    public async Task AddMembersAsync_ManyIds_ReportsProgressPerBatch()
    {
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Spring" });
        var contacts = await _h.Contacts.UpsertManyAsync(Enumerable.Range(0, 45).Select(i => InMemoryHarness.ContactWith($"u{i}@example.com")).ToList());
        var ids = contacts.Items.Select(i => i.Value!.Id!).Append("c_404").ToList();
        var progress = new RecordingProgress<BulkProgress>();

        var result = await _h.Campaigns.AddMembersAsync(campaign.Id!, ids, new BulkOptions { BatchSize = 10, MaxConcurrency = 3, Progress = progress });

        Assert.Equal(45, result.SucceededCount);
        Assert.Equal(1, result.FailedCount);
        Assert.Equal(5, progress.Reports.Count);
        Assert.Equal(new BulkProgress(46, 46, 1), progress.Reports[^1]);
        Assert.Equal(45, _h.Store.GetCampaignMembers(campaign.Id!).Count);
    }

    [Fact]
    public async Task AddMembersAsync_CancelledMidway_ReturnsWithUnprocessedIdsCancelled()
    {
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Spring" });
        var contacts = await _h.Contacts.UpsertManyAsync(Enumerable.Range(0, 30).Select(i => InMemoryHarness.ContactWith($"u{i}@example.com")).ToList());
        using var cts = new CancellationTokenSource();
        var progress = new RecordingProgress<BulkProgress>(_ => cts.Cancel());

        var result = await _h.Campaigns.AddMembersAsync(
            campaign.Id!,
            contacts.Items.Select(i => i.Value!.Id!).ToList(),
            new BulkOptions { BatchSize = 10, MaxConcurrency = 1, Progress = progress },
            cts.Token);

        Assert.Equal(10, result.SucceededCount);
        Assert.All(result.Items.Skip(10), r => Assert.Equal("CANCELLED", r.Error?.Code));
        Assert.Equal(10, _h.Store.GetCampaignMembers(campaign.Id!).Count);
    }

    [Fact]
    public async Task RemoveMembersAsync_MemberNonMemberAndUnknown_EachAccountedFor()
    {
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Spring" });
        Contact ada = await _h.AddContactAsync("ada@example.com");
        Contact grace = await _h.AddContactAsync("grace@example.com");
        await _h.Campaigns.AddMembersAsync(campaign.Id!, [ada.Id!]);

        var result = await _h.Campaigns.RemoveMembersAsync(campaign.Id!, [ada.Id!, grace.Id!, "c_404"]);

        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Failed], result.Items.Select(i => i.Status));
        Assert.Equal(ada.Id, result.Items[0].Value?.ContactId);
        Assert.Equal("CONTACT_NOT_FOUND", result.Items[2].Error?.Code);
        Assert.Empty(_h.Store.GetCampaignMembers(campaign.Id!));
    }

    [Fact]
    public async Task ListMembersAsync_SevenMembers_PagesAndResumes()
    {
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Spring" });
        var contacts = await _h.Contacts.UpsertManyAsync(Enumerable.Range(0, 7).Select(i => InMemoryHarness.ContactWith($"u{i}@example.com")).ToList());
        await _h.Campaigns.AddMembersAsync(campaign.Id!, contacts.Items.Select(i => i.Value!.Id!).ToList());

        var pages = await InMemoryHarness.ReadPagesAsync(_h.Campaigns.ListMembersAsync(campaign.Id!, new ListOptions { PageSize = 3 }));
        var resumed = await InMemoryHarness.ReadAllAsync(_h.Campaigns.ListMembersAsync(campaign.Id!, new ListOptions { ContinuationToken = pages[0].ContinuationToken }));

        Assert.Equal([3, 3, 1], pages.Select(p => p.Items.Count));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"c_{i}"), pages.SelectMany(p => p.Items).Select(m => m.ContactId));
        Assert.Equal(4, resumed.Count);
    }

    [Fact]
    public async Task ListMembersAsync_TokenOfAnotherCampaignOrMissingCampaign_Throws()
    {
        Campaign a = _h.Store.AddCampaign(new Campaign { Name = "A" });
        Campaign b = _h.Store.AddCampaign(new Campaign { Name = "B" });
        var contacts = await _h.Contacts.UpsertManyAsync(Enumerable.Range(0, 3).Select(i => InMemoryHarness.ContactWith($"u{i}@example.com")).ToList());
        await _h.Campaigns.AddMembersAsync(a.Id!, contacts.Items.Select(i => i.Value!.Id!).ToList());
        var pages = await InMemoryHarness.ReadPagesAsync(_h.Campaigns.ListMembersAsync(a.Id!, new ListOptions { PageSize = 1 }));

        Assert.Throws<ArgumentException>(() => _h.Campaigns.ListMembersAsync(b.Id!, new ListOptions { ContinuationToken = pages[0].ContinuationToken }));
        Assert.Throws<MartechNotFoundException>(() => _h.Campaigns.ListMembersAsync("cmp_404"));
    }

    [Fact]
    public async Task GetStatsAsync_SendsAndEvents_CountsUniqueAndTotalsWithCtr()
    {
        var (campaign, _) = await SeedEngagementAsync();

        CampaignStats stats = await _h.Campaigns.GetStatsAsync(campaign.Id!);

        Assert.Equal(campaign.Id, stats.CampaignId);
        Assert.Equal(3, stats.UniqueRecipients);
        Assert.Equal(3, stats.Delivered);
        Assert.Equal(2, stats.UniqueOpens);
        Assert.Equal(3, stats.UniqueClicks);
        Assert.Equal(5, stats.TotalClicks);
        Assert.Equal(1, stats.Bounces);
        Assert.Equal(1, stats.Unsubscribes);
        Assert.Equal(1, stats.SpamReports);
        Assert.Equal(100, stats.ClickThroughRate.Percent);
        Assert.Null(stats.From);
        Assert.Null(stats.To);
    }

    [Fact]
    public async Task GetStatsAsync_Period_ExcludesSendsAndEventsOutsideIt()
    {
        var (campaign, t0) = await SeedEngagementAsync();

        CampaignStats firstDay = await _h.Campaigns.GetStatsAsync(campaign.Id!, new CampaignStatsOptions { From = t0, To = t0.AddDays(1) });
        CampaignStats later = await _h.Campaigns.GetStatsAsync(campaign.Id!, new CampaignStatsOptions { From = t0.AddMinutes(30) });

        Assert.Equal(3, firstDay.UniqueRecipients);
        Assert.Equal(2, firstDay.UniqueClicks);
        Assert.Equal(4, firstDay.TotalClicks);
        Assert.Equal(2 * 100.0 / 3, firstDay.ClickThroughRate.Percent!.Value, 10);
        Assert.Equal(t0, firstDay.From);
        Assert.Equal(t0.AddDays(1), firstDay.To);

        Assert.Equal(1, later.UniqueRecipients);
        Assert.Equal(0, later.Delivered);
        Assert.Equal(0, later.Bounces);
        Assert.Equal(3, later.UniqueClicks);
    }

    [Fact]
    public async Task GetStatsAsync_NothingSent_ZeroCtr()
    {
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Quiet" });

        CampaignStats stats = await _h.Campaigns.GetStatsAsync(campaign.Id!);

        Assert.Equal(0, stats.UniqueRecipients);
        Assert.Null(stats.ClickThroughRate.Percent);
    }

    [Fact]
    public async Task GetStatsAsync_MissingCampaignOrInvertedPeriod_Throws()
    {
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Spring" });
        DateTimeOffset now = _h.Clock.GetUtcNow();

        await Assert.ThrowsAsync<MartechNotFoundException>(() => _h.Campaigns.GetStatsAsync("cmp_404"));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Campaigns.GetStatsAsync(campaign.Id!, new CampaignStatsOptions { From = now, To = now.AddDays(-1) }));
    }

    /// <summary>Three recipients (a, b, c) of the campaign, one of another campaign (d), and their events.</summary>
    private async Task<(Campaign Campaign, DateTimeOffset T0)> SeedEngagementAsync()
    {
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Spring" });
        Campaign other = _h.Store.AddCampaign(new Campaign { Name = "Other" });
        DateTimeOffset t0 = _h.Clock.GetUtcNow();

        EmailMessage first = InMemoryHarness.EmailTo(campaign.Id!, "a@example.com");
        first.Cc.Add(InMemoryHarness.Address("b@example.com"));
        EmailSendResult firstSent = await _h.Email.SendAsync(first);
        await _h.Email.SendAsync(InMemoryHarness.EmailTo(campaign.Id!, "c@example.com"));
        await _h.Email.SendAsync(InMemoryHarness.EmailTo(other.Id!, "d@example.com"));
        _h.Clock.Advance(TimeSpan.FromHours(1));
        await _h.Email.SendAsync(InMemoryHarness.EmailTo(campaign.Id!, "A@example.com"));

        Record(campaign, EmailEventType.Delivered, "a@example.com", t0.AddMinutes(1));
        Record(campaign, EmailEventType.Delivered, "b@example.com", t0.AddMinutes(1));
        Record(campaign, EmailEventType.Delivered, "c@example.com", t0.AddMinutes(1));
        Record(campaign, EmailEventType.Bounced, "c@example.com", t0.AddMinutes(1));
        Record(campaign, EmailEventType.Opened, "a@example.com", t0.AddHours(2));
        Record(campaign, EmailEventType.Opened, "a@example.com", t0.AddHours(2));
        Record(campaign, EmailEventType.Opened, "b@example.com", t0.AddHours(2));
        for (int i = 0; i < 3; i++)
        {
            Record(campaign, EmailEventType.Clicked, "a@example.com", t0.AddHours(2));
        }

        // Tagged only with the message id: counts for the campaign the message was sent for.
        _h.Store.RecordEmailEvent(new EmailEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            Provider = "InMemory",
            Type = EmailEventType.Clicked,
            Recipient = InMemoryHarness.Address("b@example.com"),
            MessageId = firstSent.MessageId,
            OccurredAt = t0.AddHours(2),
        });
        Record(campaign, EmailEventType.Unsubscribed, "b@example.com", t0.AddHours(3));
        Record(campaign, EmailEventType.SpamReport, "a@example.com", t0.AddHours(3));
        Record(campaign, EmailEventType.Clicked, "c@example.com", t0.AddDays(2));
        Record(other, EmailEventType.Clicked, "d@example.com", t0.AddHours(2));
        Record(other, EmailEventType.Bounced, "d@example.com", t0.AddHours(2));
        return (campaign, t0);
    }

    private void Record(Campaign campaign, EmailEventType type, string recipient, DateTimeOffset at) =>
        _h.Store.RecordEmailEvent(new EmailEvent
        {
            Id = Guid.NewGuid().ToString("N"),
            Provider = "InMemory",
            Type = type,
            Recipient = InMemoryHarness.Address(recipient),
            CampaignId = campaign.Id,
            OccurredAt = at,
        });
}
