using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Salesforce;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Salesforce;

/// <summary>The Salesforce provider against the emulator over real sockets: OAuth2 and session renewal, rate limits and
/// Retry-After, the org's API allocation, paging with nextRecordsUrl, external-id upserts, accounts, leads and
/// campaigns.</summary>
public sealed class SalesforceProviderTests(SalesforceEmulatorFixture fixture) : IClassFixture<SalesforceEmulatorFixture>, IAsyncLifetime
{
    private const string Data = "/services/data/v62.0";
    private ServiceProvider _services = null!;

    private SalesforceEmulator Emulator => fixture.Emulator;

    private IContactClient Contacts => _services.GetRequiredService<IContactClient>();

    private ILeadClient Leads => _services.GetRequiredService<ILeadClient>();

    private ICampaignClient Campaigns => _services.GetRequiredService<ICampaignClient>();

    public Task InitializeAsync()
    {
        Emulator.Reset();
        _services = fixture.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task FirstCall_ClientCredentials_TokenFromEmulatorAndCallsItsInstanceUrl()
    {
        int before = Emulator.TokensIssued;

        await Contacts.UpsertAsync(new Contact { Email = Address("ada@example.com") });

        Assert.Equal(before + 1, Emulator.TokensIssued);
        RecordedRequest token = Emulator.RequestLog.Requests.First(static r => r.Path == "/services/oauth2/token");
        Assert.Equal("application/x-www-form-urlencoded", token.ContentType);
        Assert.Contains("grant_type=client_credentials", token.BodyText, StringComparison.Ordinal);
        Assert.All(Emulator.RequestLog.Requests.Where(static r => r.Path.StartsWith(Data, StringComparison.Ordinal)), r =>
            Assert.StartsWith("Bearer 00D", r.GetHeader("Authorization"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_SessionExpired_RenewsTokenOnceAndSucceeds()
    {
        var created = await Contacts.UpsertAsync(new Contact { Email = Address("ada@example.com") });
        int tokens = Emulator.TokensIssued;
        Emulator.ExpireAccessTokens();

        Contact? read = await Contacts.GetAsync(created.Value.Id!);

        Assert.Equal("ada@example.com", read?.Email?.Value);
        Assert.Equal(tokens + 1, Emulator.TokensIssued);
        Assert.Contains(Emulator.RequestLog.Requests, static r => r.StatusCode == 401);
    }

    [Fact]
    public async Task RefreshTokenGrant_WorksAndARevokedTokenNeedsReauthorization()
    {
        string refresh = Emulator.AddRefreshToken();
        await using (ServiceProvider services = fixture.CreateServices(o => (o.GrantType, o.RefreshToken) = (OAuth2GrantType.RefreshToken, refresh), "SalesforceUser"))
        {
            var contacts = services.GetRequiredKeyedService<IContactClient>("SalesforceUser");
            Assert.True((await contacts.UpsertAsync(new Contact { Email = Address("ada@example.com") })).Created);
            Assert.Contains(Emulator.RequestLog.Requests, r => r.Path == "/services/oauth2/token" && r.BodyText.Contains("grant_type=refresh_token", StringComparison.Ordinal));
        }

        Emulator.RevokeRefreshToken(refresh);
        await using ServiceProvider revoked = fixture.CreateServices(o => (o.GrantType, o.RefreshToken) = (OAuth2GrantType.RefreshToken, refresh), "SalesforceRevoked");
        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => revoked.GetRequiredKeyedService<IContactClient>("SalesforceRevoked").GetAsync(SalesforceEmulatorFixture.UnknownContactId));
        Assert.True(ex.ReauthorizationRequired);
        Assert.Equal("invalid_grant", ex.ErrorCode);
    }

    [Fact]
    public async Task WrongClientSecret_ThrowsAuthenticationExceptionNamingTheError()
    {
        await using ServiceProvider services = fixture.CreateServices(o => o.ClientSecret = "wrong-secret", "SalesforceWrong");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => services.GetRequiredKeyedService<IContactClient>("SalesforceWrong").FindByEmailAsync(Address("ada@example.com")));

        Assert.Equal("invalid_client", ex.ErrorCode);
        Assert.DoesNotContain("wrong-secret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_429WithRetryAfter_WaitsAndRetriesOnce()
    {
        Emulator.Faults.Next(1, "POST", $"{Data}/sobjects/Contact/", EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        var result = await Contacts.UpsertAsync(new Contact { Email = Address("ada@example.com") });

        Assert.True(result.Created);
        var posts = Emulator.RequestLog.RequestsTo("POST", $"{Data}/sobjects/Contact/");
        Assert.Equal([429, 201], posts.Select(static r => r.StatusCode ?? 0));
        Assert.True(posts[1].ArrivedAt - posts[0].ArrivedAt >= TimeSpan.FromSeconds(0.9), "The retry came before Retry-After.");
        Assert.Equal(1, Emulator.CountRecords("Contact"));
    }

    [Fact]
    public async Task Request_429WithRetryAfterBeyondMaximum_ThrowsRateLimitedWithRetryAfter()
    {
        Emulator.Faults.Next(1, "GET", $"{Data}/query", EmulatorFault.TooManyRequests(TimeSpan.FromMinutes(10)));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => Contacts.FindByEmailAsync(Address("ada@example.com")));

        Assert.Equal(TimeSpan.FromMinutes(10), ex.RetryAfter);
        Assert.Equal("REQUEST_LIMIT_EXCEEDED", ex.ErrorCode);
    }

    [Fact]
    public async Task Request_DailyAllocationUsedUp_ThrowsRateLimitedException()
    {
        await Contacts.FindByEmailAsync(Address("warm@example.com"));
        Emulator.ApiUsage = Emulator.DailyApiLimit;

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => Contacts.FindByEmailAsync(Address("ada@example.com")));

        Assert.Equal((HttpStatusCode.Forbidden, "REQUEST_LIMIT_EXCEEDED"), (ex.StatusCode, ex.ErrorCode));
        Assert.Contains("TotalRequests Limit exceeded", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_450Contacts_PagesOf200FollowNextRecordsUrl()
    {
        await SeedContactsAsync(450);

        var pages = new List<Page<Contact>>();
        await foreach (Page<Contact> page in Contacts.ListAsync(new ContactListOptions { PageSize = 200 }).AsPages())
        {
            pages.Add(page);
        }

        Assert.Equal([200, 200, 50], pages.Select(static p => p.Items.Count));
        Assert.StartsWith($"{Data}/query/01g", pages[0].ContinuationToken, StringComparison.Ordinal);
        Assert.Null(pages[2].ContinuationToken);
        Assert.Equal(450, pages.SelectMany(static p => p.Items).Select(static c => c.Id).Distinct().Count());
        RecordedRequest query = Emulator.RequestLog.Requests.Last(static r => r.Path == $"{Data}/query" && r.GetQuery("q")!.Contains("ORDER BY Id", StringComparison.Ordinal));
        Assert.Equal("batchSize=200", query.GetHeader("Sforce-Query-Options"));
        Assert.Equal(2, Emulator.RequestLog.Requests.Count(static r => r.Path.StartsWith($"{Data}/query/01g", StringComparison.Ordinal)));

        // Resuming from the second page's nextRecordsUrl reads the last page only.
        var resumed = await Contacts.ListAllAsync(new ContactListOptions { PageSize = 200, ContinuationToken = pages[1].ContinuationToken });
        Assert.Equal(pages[2].Items.Select(static c => c.Id), resumed.Select(static c => c.Id));
    }

    [Fact]
    public async Task ListAsync_PageSizeAboveMaximum_PagesOf2000()
    {
        await SeedContactsAsync(2001);

        var sizes = new List<int>();
        await foreach (Page<Contact> page in Contacts.ListAsync(new ContactListOptions { PageSize = 5000 }).AsPages())
        {
            sizes.Add(page.Items.Count);
        }

        Assert.Equal([2000, 1], sizes);
    }

    [Fact]
    public async Task ListAsync_SmallPagesAndFilters_UseLimitAndIdCursor()
    {
        await SeedContactsAsync(5);
        await Contacts.UpsertAsync(new Contact { Email = Address("person2@example.com"), LifecycleStage = LifecycleStage.Customer });
        await Contacts.UpsertAsync(new Contact { Email = Address("person4@example.com"), LifecycleStage = LifecycleStage.Customer });

        var customers = await Contacts.ListAllAsync(new ContactListOptions { PageSize = 1, LifecycleStage = LifecycleStage.Customer });
        var recent = await Contacts.ListAllAsync(new ContactListOptions { UpdatedSince = Emulator.TimeProvider.GetUtcNow().AddMinutes(1) });

        Assert.Equal(["person2@example.com", "person4@example.com"], customers.Select(static c => c.Email!.Value.Value));
        Assert.Empty(recent);
        Assert.Contains(Emulator.RequestLog.Requests, static r => r.GetQuery("q") is { } q && q.Contains("LifecycleStage__c = 'customer' AND Id > '", StringComparison.Ordinal) && q.EndsWith("ORDER BY Id LIMIT 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpsertAsync_ExternalIdField_CreatedThenUpdated_AndSeveralMatchesRefused()
    {
        Emulator.AddExternalIdField("Contact", "Email_Key__c");
        await using ServiceProvider services = fixture.CreateServices(o => o.ContactEmailExternalIdField = "Email_Key__c", "SalesforceExt");
        var contacts = services.GetRequiredKeyedService<IContactClient>("SalesforceExt");

        var created = await contacts.UpsertAsync(new Contact { Email = Address("ada@example.com"), FirstName = "Ada" });
        var updated = await contacts.UpsertAsync(new Contact { Email = Address("ada@example.com"), JobTitle = "Analyst" });

        Assert.True(created.Created);
        Assert.False(updated.Created);
        Assert.Equal(created.Value.Id, updated.Value.Id);
        Assert.Equal(("Ada", "[not provided]", "Analyst"), (updated.Value.FirstName, updated.Value.LastName, updated.Value.JobTitle));
        var patches = Emulator.RequestLog.RequestsTo("PATCH", $"{Data}/sobjects/Contact/Email_Key__c/ada@example.com");
        Assert.Equal([201, 200], patches.Select(static r => r.StatusCode ?? 0));

        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "A", ["Email_Key__c"] = "twin@example.com" });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "B", ["Email_Key__c"] = "twin@example.com" });
        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => contacts.UpsertAsync(new Contact { Email = Address("twin@example.com"), LastName = "C" }));
        Assert.Equal((HttpStatusCode.MultipleChoices, "MULTIPLE_CHOICES"), (ex.StatusCode, ex.ErrorCode));
        Assert.Contains("matches 2 records", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_Company_FindsOrCreatesTheAccountByName()
    {
        var ada = await Contacts.UpsertAsync(new Contact { Email = Address("ada@example.com"), Company = "Analytical Engines" });
        var charles = await Contacts.UpsertAsync(new Contact { Email = Address("charles@example.com"), Company = "ANALYTICAL ENGINES" });
        BulkResult<Contact> bulk = await Contacts.UpsertManyAsync([new Contact { Email = Address("grace@example.com"), Company = "Navy" }, new Contact { Email = Address("ada@example.com"), Company = "Navy" }]);

        Assert.Equal("Analytical Engines", ada.Value.Company);
        Assert.Equal("Analytical Engines", charles.Value.Company);
        Assert.Equal(2, Emulator.CountRecords("Account"));
        Assert.Equal((string?)Emulator.GetRecord("Contact", ada.Value.Id!)!["AccountId"], (string?)Emulator.GetRecord("Contact", bulk.Items[1].Value!.Id!)!["AccountId"]);
        Assert.Equal("Navy", (await Contacts.GetAsync(ada.Value.Id!))!.Company);

        await using ServiceProvider strict = fixture.CreateServices(o => o.CreateMissingAccounts = false, "SalesforceStrict");
        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => strict.GetRequiredKeyedService<IContactClient>("SalesforceStrict").UpsertAsync(new Contact { Email = Address("x@example.com"), Company = "Nowhere Inc" }));
        Assert.Equal("ACCOUNT_NOT_FOUND", ex.ErrorCode);
    }

    [Fact]
    public async Task UpsertAsync_CompanyField_WritesTheContactField()
    {
        await using ServiceProvider services = fixture.CreateServices(o => o.ContactCompanyField = "Company__c", "SalesforceCompanyField");
        var contacts = services.GetRequiredKeyedService<IContactClient>("SalesforceCompanyField");

        var result = await contacts.UpsertAsync(new Contact { Email = Address("ada@example.com"), Company = "Analytical Engines" });

        Assert.Equal("Analytical Engines", result.Value.Company);
        Assert.Equal(0, Emulator.CountRecords("Account"));
        Assert.Equal("Analytical Engines", (string?)Emulator.GetRecord("Contact", result.Value.Id!)!["Company__c"]);
    }

    [Fact]
    public async Task UpsertAsync_EmailConsent_MapsToHasOptedOutOfEmail()
    {
        var denied = await Contacts.UpsertAsync(new Contact { Email = Address("no@example.com"), EmailConsent = Consent.Denied("form") });
        var granted = await Contacts.UpsertAsync(new Contact { Email = Address("yes@example.com"), EmailConsent = Consent.Granted("form") });

        Assert.Equal(ConsentStatus.Denied, denied.Value.EmailConsent?.Status);
        Assert.True(Emulator.GetRecord("Contact", denied.Value.Id!)!["HasOptedOutOfEmail"]!.GetValue<bool>());
        Assert.False(Emulator.GetRecord("Contact", granted.Value.Id!)!["HasOptedOutOfEmail"]!.GetValue<bool>());

        // Salesforce records opt-outs only: not opted out reads as "no decision recorded".
        Assert.Null(granted.Value.EmailConsent);
    }

    [Fact]
    public async Task Leads_StatusMapsToPicklistAndConvertedLeadShowsItsContact()
    {
        Lead lead = await Leads.CreateAsync(new Lead { Email = Address("ada@example.com"), Status = LeadStatus.Working, Score = 42 });
        var contact = await Contacts.UpsertAsync(new Contact { Email = Address("ada@example.com"), LastName = "Lovelace" });

        JsonObject stored = Emulator.GetRecord("Lead", lead.Id!)!;
        Assert.Equal(("Working - Contacted", "[not provided]", "[not provided]"), ((string?)stored["Status"], (string?)stored["LastName"], (string?)stored["Company"]));
        Assert.Equal(42, stored["Score__c"]!.GetValue<int>());

        Emulator.MarkLeadConverted(lead.Id!, contact.Value.Id!);
        Lead? converted = await Leads.GetAsync(lead.Id!);
        Assert.Equal((LeadStatus.Converted, contact.Value.Id), (converted?.Status, converted?.ContactId));
        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => Leads.UpdateAsync(new Lead { Id = lead.Id, Score = 1 }));
        Assert.Equal("CANNOT_UPDATE_CONVERTED_LEAD", ex.ErrorCode);
        await Assert.ThrowsAsync<NotSupportedException>(() => Leads.ConvertAsync(lead.Id!));
    }

    [Fact]
    public async Task GetStatsAsync_MembersAndResponses_CountedFromCampaignMembers()
    {
        string campaignId = Emulator.AddCampaign("Spring launch", "In Progress", "Email");
        var ids = await SeedContactsAsync(4);
        await Campaigns.AddMembersAsync(campaignId, ids);
        Emulator.SetCampaignMemberStatus(campaignId, ids[1], "Responded");

        CampaignStats stats = await Campaigns.GetStatsAsync(campaignId);
        CampaignStats future = await Campaigns.GetStatsAsync(campaignId, new CampaignStatsOptions { From = Emulator.TimeProvider.GetUtcNow().AddDays(2) });
        Campaign? campaign = await Campaigns.GetAsync(campaignId);

        Assert.Equal((4, 1, 1), (stats.UniqueRecipients, stats.UniqueClicks, stats.TotalClicks));
        Assert.Equal(25d, stats.ClickThroughRate.Percent);
        Assert.Equal((0, 0), (stats.UniqueOpens, stats.Delivered));
        Assert.Equal((0, 0), (future.UniqueRecipients, future.UniqueClicks));
        Assert.Equal((CampaignStatus.Active, "Email"), (campaign!.Status, campaign.Type));
        Assert.True(campaign.CustomFields.TryGetInt64("NumberOfResponses", out long responses) && responses == 1);
        Assert.Equal("Responded", (await Campaigns.ListMembersAsync(campaignId).ToListAsync()).Single(m => m.ContactId == ids[1]).Status);
    }

    [Fact]
    public async Task DeleteAsync_ContactInCampaign_MembershipGoesWithIt()
    {
        string campaignId = Emulator.AddCampaign("Spring launch");
        var ids = await SeedContactsAsync(2);
        await Campaigns.AddMembersAsync(campaignId, ids);

        Assert.True(await Contacts.DeleteAsync(ids[0]));

        Assert.Equal([ids[1]], (await Campaigns.ListMembersAsync(campaignId).ToListAsync()).Select(static m => m.ContactId));
        Assert.False(await Contacts.DeleteAsync(ids[0]));
        Assert.Contains(Emulator.RequestLog.Requests, static r => r.Method == "DELETE" && r.StatusCode == 404);
    }

    private async Task<List<string>> SeedContactsAsync(int count)
    {
        var input = Enumerable.Range(1, count).Select(i => new Contact { Email = Address($"person{i}@example.com"), LastName = $"Person {i}" }).ToList();
        BulkResult<Contact> result = await Contacts.UpsertManyAsync(input);
        Assert.Equal(count, result.CreatedCount);
        return [.. result.Items.Select(static i => i.Value!.Id!)];
    }

    private static EmailAddress Address(string value) => EmailAddress.Parse(value);
}
