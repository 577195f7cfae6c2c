using System.Diagnostics.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;
using static Martech.Sdk.Testing.Conformance.ConformanceHelpers;

namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// The conformance suite for <see cref="ICampaignClient"/>: the behaviour its contract promises, which every campaign
/// provider must show. A provider is done when its derived class passes.
/// </summary>
/// <remarks>
/// <para>Derive a public class in a test project and override three hooks: <see cref="CreateClientAsync"/> returns a
/// fresh, empty client of the provider under test; <see cref="SeedCampaignAsync"/> creates a campaign in the
/// provider's store (campaigns have no create method in the contract, so the in-memory store or the vendor emulator
/// seeds them); <see cref="CreateContactClientAsync"/> returns the contact client over the same data, used to create
/// the contacts that become members. xunit creates one instance per test and calls <see cref="InitializeAsync"/>
/// first. Release what the factory created in an override of <see cref="ConformanceSuite.DisposeAsync"/>.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expectation.")]
[SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task", Justification = "Test methods run under xunit, which forbids ConfigureAwait(false) in tests (xUnit1030).")]
public abstract class CampaignClientConformanceTests : ConformanceSuite
{
    private ICampaignClient? _client;
    private IContactClient? _contacts;

    /// <summary>The client under test, created for this test by <see cref="CreateClientAsync"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    protected ICampaignClient Client => _client ?? throw new InvalidOperationException("The client is created in InitializeAsync, which has not run.");

    /// <summary>The contact client over the same data, from <see cref="CreateContactClientAsync"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    protected IContactClient Contacts => _contacts ?? throw new InvalidOperationException("The contact client is created in InitializeAsync, which has not run.");

    /// <summary>An id in the vendor's format that no campaign or contact has. The default value is <c>"999999999"</c>.</summary>
    protected virtual string UnknownId => "999999999";

    /// <summary>Creates a fresh, empty client of the provider under test; called once before each test.</summary>
    /// <returns>The client.</returns>
    protected abstract Task<ICampaignClient> CreateClientAsync();

    /// <summary>Returns the contact client of the same provider instance, over the same data, as the client the last
    /// <see cref="CreateClientAsync"/> call returned; called once before each test, after it.</summary>
    /// <returns>The contact client.</returns>
    protected abstract Task<IContactClient> CreateContactClientAsync();

    /// <summary>Creates a campaign in the store behind the client the last <see cref="CreateClientAsync"/> call returned.</summary>
    /// <param name="name">The campaign's name.</param>
    /// <returns>The campaign's provider id.</returns>
    protected abstract Task<string> SeedCampaignAsync(string name);

    /// <summary>Creates the clients for this test.</summary>
    /// <returns>A task that completes when the clients are ready.</returns>
    public override async Task InitializeAsync()
    {
        _client = await CreateClientAsync() ?? throw new InvalidOperationException("CreateClientAsync returned null.");
        _contacts = await CreateContactClientAsync() ?? throw new InvalidOperationException("CreateContactClientAsync returned null.");
    }

    /// <summary>A seeded campaign can be read by its id.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetAsync_SeededCampaign_ReturnsIt()
    {
        string id = await SeedCampaignAsync("Spring launch");

        Campaign? campaign = await Client.GetAsync(id);

        Assert.NotNull(campaign);
        Assert.Equal(id, campaign.Id);
        Assert.Equal("Spring launch", campaign.Name);
    }

    /// <summary>Getting an id no campaign has returns <see langword="null"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        await SeedCampaignAsync("Spring launch");

        Assert.Null(await Client.GetAsync(UnknownId));
    }

    /// <summary>Listing three campaigns two to a page yields chained pages holding each campaign once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_PageSizeTwo_YieldsEachCampaignOnce()
    {
        string[] ids = [await SeedCampaignAsync("Spring launch"), await SeedCampaignAsync("Summer webinar"), await SeedCampaignAsync("Autumn nurture")];

        var pages = await ReadPagesAsync(Client.ListAsync(new ListOptions { PageSize = 2 }).AsPages());
        var streamed = await ReadAllAsync(Client.ListAsync(new ListOptions { PageSize = 2 }));

        AssertChained(pages, maxPageSize: 2);
        Assert.Equal(ids.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(c => c.Id!).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), streamed.Select(c => c.Id!).Order(StringComparer.Ordinal));
        Assert.Contains(streamed, c => c.Name == "Summer webinar");
    }

    /// <summary>Adding contacts gives one succeeded outcome per id, and they become members.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddMembersAsync_KnownContacts_SucceedAndBecomeMembers()
    {
        string campaignId = await SeedCampaignAsync("Spring launch");
        var contactIds = await SeedContactsAsync(2);

        BulkResult<CampaignMember> result = await Client.AddMembersAsync(campaignId, contactIds);

        AssertOneOutcomePerInput(result, contactIds.Count);
        for (int i = 0; i < contactIds.Count; i++)
        {
            Assert.Equal(BulkItemStatus.Succeeded, result.Items[i].Status);
            Assert.Equal(campaignId, result.Items[i].Value?.CampaignId);
            Assert.Equal(contactIds[i], result.Items[i].Value?.ContactId);
        }

        Assert.Equal(contactIds.Order(StringComparer.Ordinal), await MemberIdsAsync(campaignId));
    }

    /// <summary>An id no contact has fails alone, with a reason; the other ids are added.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddMembersAsync_UnknownContact_FailsAlone()
    {
        string campaignId = await SeedCampaignAsync("Spring launch");
        var known = await SeedContactsAsync(2);

        BulkResult<CampaignMember> result = await Client.AddMembersAsync(campaignId, [known[0], UnknownId, known[1]]);

        AssertOneOutcomePerInput(result, 3);
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[0].Status);
        AssertFailedWithReason(result.Items[1]);
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[2].Status);
        Assert.Equal(known.Order(StringComparer.Ordinal), await MemberIdsAsync(campaignId));
    }

    /// <summary>Adding a contact that is already a member succeeds and leaves it a member once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddMembersAsync_AlreadyMember_SucceedsUnchanged()
    {
        string campaignId = await SeedCampaignAsync("Spring launch");
        var contactIds = await SeedContactsAsync(1);
        await Client.AddMembersAsync(campaignId, contactIds);

        BulkResult<CampaignMember> result = await Client.AddMembersAsync(campaignId, [contactIds[0], contactIds[0]]);

        AssertOneOutcomePerInput(result, 2);
        Assert.All(result.Items, item => Assert.Equal(BulkItemStatus.Succeeded, item.Status));
        Assert.Equal(contactIds, await MemberIdsAsync(campaignId));
    }

    /// <summary>Adding members reports progress, the last report having every id complete.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddMembersAsync_WithProgress_ReportsEveryItemCompleted()
    {
        string campaignId = await SeedCampaignAsync("Spring launch");
        var contactIds = await SeedContactsAsync(4);
        var progress = new RecordingProgress();
        string[] input = [contactIds[0], contactIds[1], UnknownId, contactIds[2], contactIds[3]];

        BulkResult<CampaignMember> result = await Client.AddMembersAsync(campaignId, input, new BulkOptions { BatchSize = 2, MaxConcurrency = 1, Progress = progress });

        AssertOneOutcomePerInput(result, input.Length);
        AssertProgressCompleted(progress, total: input.Length, failed: 1);
    }

    /// <summary>Adding members to a campaign that does not exist throws <see cref="MartechNotFoundException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddMembersAsync_UnknownCampaign_ThrowsMartechNotFoundException()
    {
        var contactIds = await SeedContactsAsync(1);

        await Assert.ThrowsAnyAsync<MartechNotFoundException>(() => Client.AddMembersAsync(UnknownId, contactIds));
    }

    /// <summary>Removing a member succeeds and leaves the other members.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RemoveMembersAsync_Member_RemovesOnlyIt()
    {
        string campaignId = await SeedCampaignAsync("Spring launch");
        var contactIds = await SeedContactsAsync(3);
        await Client.AddMembersAsync(campaignId, contactIds);

        BulkResult<CampaignMember> result = await Client.RemoveMembersAsync(campaignId, [contactIds[1]]);

        AssertOneOutcomePerInput(result, 1);
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[0].Status);
        Assert.Equal(new[] { contactIds[0], contactIds[2] }.Order(StringComparer.Ordinal), await MemberIdsAsync(campaignId));
    }

    /// <summary>Removing a contact that is not a member succeeds unchanged.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RemoveMembersAsync_NotMember_SucceedsUnchanged()
    {
        string campaignId = await SeedCampaignAsync("Spring launch");
        var contactIds = await SeedContactsAsync(2);
        await Client.AddMembersAsync(campaignId, [contactIds[0]]);

        BulkResult<CampaignMember> result = await Client.RemoveMembersAsync(campaignId, [contactIds[1]]);

        AssertOneOutcomePerInput(result, 1);
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[0].Status);
        Assert.Equal([contactIds[0]], await MemberIdsAsync(campaignId));
    }

    /// <summary>Removing members from a campaign that does not exist throws <see cref="MartechNotFoundException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RemoveMembersAsync_UnknownCampaign_ThrowsMartechNotFoundException()
    {
        var contactIds = await SeedContactsAsync(1);

        await Assert.ThrowsAnyAsync<MartechNotFoundException>(() => Client.RemoveMembersAsync(UnknownId, contactIds));
    }

    /// <summary>Listing five members two to a page yields chained pages holding each member once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListMembersAsync_PageSizeTwo_YieldsEachMemberOnce()
    {
        string campaignId = await SeedCampaignAsync("Spring launch");
        string otherCampaignId = await SeedCampaignAsync("Summer webinar");
        var contactIds = await SeedContactsAsync(6);
        await Client.AddMembersAsync(campaignId, contactIds.Take(5).ToList());
        await Client.AddMembersAsync(otherCampaignId, contactIds.Skip(5).ToList());

        var pages = await ReadPagesAsync(Client.ListMembersAsync(campaignId, new ListOptions { PageSize = 2 }).AsPages());

        AssertChained(pages, maxPageSize: 2);
        var members = pages.SelectMany(p => p.Items).ToList();
        Assert.All(members, m => Assert.Equal(campaignId, m.CampaignId));
        Assert.Equal(contactIds.Take(5).Order(StringComparer.Ordinal), members.Select(m => m.ContactId).Order(StringComparer.Ordinal));
    }

    /// <summary>A campaign that sent nothing has zero stats and a click-through rate of 0.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_EmptyCampaign_ReturnsZeros()
    {
        string campaignId = await SeedCampaignAsync("Spring launch");

        CampaignStats stats = await Client.GetStatsAsync(campaignId);

        Assert.Equal(campaignId, stats.CampaignId);
        Assert.Equal(0, stats.UniqueRecipients);
        Assert.Equal(0, stats.Delivered);
        Assert.Equal(0, stats.UniqueOpens);
        Assert.Equal(0, stats.UniqueClicks);
        Assert.Equal(0, stats.TotalClicks);
        Assert.Equal(0, stats.Bounces);
        Assert.Equal(0, stats.Unsubscribes);
        Assert.Equal(0, stats.SpamReports);
        Assert.Null(stats.ClickThroughRate.Percent);
    }

    /// <summary>Stats of a campaign that does not exist throw <see cref="MartechNotFoundException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetStatsAsync_UnknownCampaign_ThrowsMartechNotFoundException()
    {
        await Assert.ThrowsAnyAsync<MartechNotFoundException>(() => Client.GetStatsAsync(UnknownId));
    }

    /// <summary>Reading with a cancelled token throws <see cref="OperationCanceledException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetAsync_CancelledToken_ThrowsOperationCanceledException()
    {
        string campaignId = await SeedCampaignAsync("Spring launch");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetAsync(campaignId, Cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetStatsAsync(campaignId, cancellationToken: Cancelled));
    }

    /// <summary><see cref="ICampaignStatsClient.GetService"/> names the provider instance behind the client with a
    /// <see cref="MartechProviderMetadata"/>.</summary>
    [Fact]
    public void GetService_ProviderMetadata_NamesTheInstance()
    {
        var metadata = Assert.IsType<MartechProviderMetadata>(Client.GetService(typeof(MartechProviderMetadata)));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Name));
        Assert.False(string.IsNullOrWhiteSpace(metadata.ProviderType));
    }

    /// <summary><see cref="ICampaignStatsClient.GetService"/> returns the client for its own interface.</summary>
    [Fact]
    public void GetService_CampaignClientType_ReturnsClient()
    {
        Assert.IsAssignableFrom<ICampaignClient>(Client.GetService(typeof(ICampaignClient)));
    }

    /// <summary>Creates contacts member1@… to memberN@… through the contact client and returns their ids.</summary>
    private async Task<List<string>> SeedContactsAsync(int count)
    {
        var ids = new List<string>(count);
        for (int i = 1; i <= count; i++)
        {
            var result = await Contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse($"member{i}@example.com") });
            ids.Add(result.Value.Id!);
        }

        return ids;
    }

    private async Task<List<string>> MemberIdsAsync(string campaignId) =>
        (await ReadAllAsync(Client.ListMembersAsync(campaignId))).Select(m => m.ContactId).Order(StringComparer.Ordinal).ToList();
}
