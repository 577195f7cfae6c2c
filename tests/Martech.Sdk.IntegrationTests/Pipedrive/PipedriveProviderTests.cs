using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Pipedrive;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Pipedrive;

/// <summary>The Pipedrive provider against its emulator over real sockets: bulk at scale, rate limits, partial
/// failures, conversion jobs, envelopes and custom field mapping.</summary>
public sealed class PipedriveProviderTests(PipedriveEmulatorFixture fixture) : IClassFixture<PipedriveEmulatorFixture>, IAsyncLifetime
{
    private const string Name = "Pipedrive";
    private readonly List<ServiceProvider> _containers = [];

    private PipedriveEmulator Emulator => fixture.Emulator;

    public Task InitializeAsync()
    {
        fixture.Reset();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (ServiceProvider container in _containers)
        {
            await container.DisposeAsync();
        }
    }

    [Fact]
    public async Task UpsertManyAsync_ThousandContactsWithInvalidItems_AccountsForEveryItem()
    {
        IContactClient contacts = Contacts();
        var input = new List<Contact>(1000);
        var expected = new BulkItemStatus[1000];
        for (int i = 0; i < 1000; i++)
        {
            if (i % 50 == 7)
            {
                input.Add(new Contact { FirstName = $"No key {i}" });
                expected[i] = BulkItemStatus.Failed;
            }
            else if (i % 97 == 3)
            {
                var unknown = new Contact { Email = EmailAddress.Parse($"person{i}@example.com") };
                unknown.CustomFields.Set("no_such_field", "x");
                input.Add(unknown);
                expected[i] = BulkItemStatus.Failed;
            }
            else if (i >= 900)
            {
                // Repeats of earlier addresses, in another case: updates of the persons created above.
                input.Add(new Contact { Email = EmailAddress.Parse($"PERSON{i - 900}@EXAMPLE.COM"), JobTitle = "Repeat" });
                expected[i] = input[i - 900].Email is null || expected[i - 900] == BulkItemStatus.Failed ? BulkItemStatus.Created : BulkItemStatus.Updated;
            }
            else
            {
                var contact = new Contact { Email = EmailAddress.Parse($"person{i}@example.com"), FirstName = "Person", LastName = $"{i}", Company = "Acme" };
                contact.CustomFields.Set("employees", i);
                input.Add(contact);
                expected[i] = BulkItemStatus.Created;
            }
        }

        var progress = new ProgressRecorder();
        BulkResult<Contact> result = await contacts.UpsertManyAsync(input, new ContactUpsertOptions { MaxConcurrency = 8, Progress = progress });

        Assert.Equal(1000, result.Items.Count);
        for (int i = 0; i < 1000; i++)
        {
            BulkItemResult<Contact> item = result.Items[i];
            Assert.Equal(i, item.Index);
            Assert.True(expected[i] == item.Status, $"Item {i}: expected {expected[i]}, got {item.Status} ({item.Error?.Message}).");
            if (item.Status == BulkItemStatus.Failed)
            {
                Assert.False(string.IsNullOrWhiteSpace(item.Error?.Message));
                Assert.Contains(item.Error!.Code, (string[])["MISSING_KEY", "UNKNOWN_FIELD"]);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(item.Value?.Id));
            }
        }

        Assert.Equal(result.CreatedCount, Emulator.Persons.Count);
        Assert.Equal(expected.Count(s => s == BulkItemStatus.Updated), result.UpdatedCount);
        Assert.Equal(expected.Count(s => s == BulkItemStatus.Failed), result.FailedCount);
        Assert.Equal(new BulkProgress(1000, 1000, result.FailedCount), progress.Reports[^1]);

        // Items with unknown fields were refused before anything was sent for them: not even a search.
        foreach (int i in Enumerable.Range(0, 900).Where(i => i % 97 == 3 && i % 50 != 7))
        {
            Assert.DoesNotContain(Emulator.RequestLog.Requests, r => r.QueryString.Contains($"term=person{i}%40", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task GetAsync_429WithRetryAfter_WaitsAndRetries()
    {
        IContactClient contacts = Contacts();
        var created = await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com"), FirstName = "Ada" });
        Emulator.Faults.Next(1, "GET", "/api/v2/persons/{id}", EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        Contact? read = await contacts.GetAsync(created.Value.Id!);

        Assert.Equal("Ada", read?.FirstName);
        var gets = Emulator.RequestLog.RequestsTo("GET", "/api/v2/persons/{id}");
        Assert.Equal([429, 200], gets.TakeLast(2).Select(r => r.StatusCode ?? 0));
        Assert.True(gets[^1].ArrivedAt - gets[^2].ArrivedAt >= TimeSpan.FromSeconds(0.9), "The retry did not wait for Retry-After.");
    }

    [Fact]
    public async Task UpsertAsync_429WithRetryAfterBeyondMaximum_FailsAtOnceWithRetryAfter()
    {
        IContactClient contacts = Contacts();
        Emulator.Faults.Next(1, "GET", "/api/v2/persons/search", EmulatorFault.TooManyRequests(TimeSpan.FromMinutes(5)));

        var ex = await Assert.ThrowsAsync<MartechRateLimitedException>(() => contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com") }));

        Assert.Equal(TimeSpan.FromMinutes(5), ex.RetryAfter);
        Assert.Equal(HttpStatusCode.TooManyRequests, ex.StatusCode);
        Assert.Contains("Request over limit", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.Persons);
    }

    [Fact]
    public async Task ListAsync_EmulatorRateLimit_BudgetFollowsHeadersWithout429()
    {
        // The emulator allows 5 requests per 300 ms; the provider is told 5 per 300 ms and corrected by x-ratelimit-*.
        Emulator.RateLimit = new EmulatorRateLimit { PermitLimit = 5, Window = TimeSpan.FromMilliseconds(300) };
        IContactClient contacts = Contacts(o =>
        {
            o.RateLimitPermitLimit = 5;
            o.RateLimitWindow = TimeSpan.FromMilliseconds(300);
        });

        for (int i = 0; i < 12; i++)
        {
            await contacts.FindByEmailAsync(EmailAddress.Parse($"nobody{i}@example.com"));
        }

        Assert.DoesNotContain(Emulator.RequestLog.Requests, r => r.RateLimited);
        Assert.All(Emulator.RequestLog.Requests, r => Assert.Equal(200, r.StatusCode));
    }

    [Fact]
    public async Task UpsertManyAsync_VendorRejectsSomeItems_MapsEachFailureToItsItem()
    {
        IContactClient contacts = Contacts(o => o.Resilience.MaxRetryAttempts = 0);
        Emulator.RejectWhen((method, path, body) => method == "POST" && body.Contains("reject@", StringComparison.Ordinal), 400, "Validation failed: emails[0].value: the address is rejected");
        Emulator.RejectWhen((method, path, body) => method == "POST" && body.Contains("soft@", StringComparison.Ordinal), 200, "Person limit of the plan reached");
        Emulator.Faults.When(r => r.Method == "POST" && r.BodyText.Contains("lost@", StringComparison.Ordinal), EmulatorFault.ResetAfterProcessing());
        Contact[] input =
        [
            new() { Email = EmailAddress.Parse("ok1@example.com") },
            new() { Email = EmailAddress.Parse("reject@example.com") },
            new() { Email = EmailAddress.Parse("soft@example.com") },
            new() { Email = EmailAddress.Parse("lost@example.com") },
            new() { Email = EmailAddress.Parse("ok2@example.com") },
        ];

        BulkResult<Contact> result = await contacts.UpsertManyAsync(input, new ContactUpsertOptions { MaxConcurrency = 2 });

        Assert.Equal(
            [BulkItemStatus.Created, BulkItemStatus.Failed, BulkItemStatus.Failed, BulkItemStatus.Unknown, BulkItemStatus.Created],
            result.Items.Select(i => i.Status));
        Assert.Contains("the address is rejected", result.Items[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("400", result.Items[1].Error!.Code);
        Assert.Contains("Person limit of the plan reached", result.Items[2].Error!.Message, StringComparison.Ordinal);
        Assert.Equal("UNKNOWN_OUTCOME", result.Items[3].Error!.Code);

        // The lost write was processed; it was not sent twice.
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/api/v2/persons"), r => r.BodyText.Contains("lost@", StringComparison.Ordinal));
        Assert.Equal(3, Emulator.Persons.Count);
    }

    [Fact]
    public async Task GetAsync_SuccessFalseOnHttp200_ThrowsWithPipedriveError()
    {
        IContactClient contacts = Contacts();
        var created = await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com") });
        Emulator.RejectWhen((method, path, _) => method == "GET" && path.StartsWith("/api/v2/persons/", StringComparison.Ordinal), 200, "Something odd happened");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => contacts.GetAsync(created.Value.Id!));

        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.Contains("Something odd happened", ex.Message, StringComparison.Ordinal);
        Assert.Contains("developers.pipedrive.com", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_WrongToken_ThrowsAuthenticationWithoutTheToken()
    {
        IContactClient contacts = Contacts(o => o.ApiToken = "wrong-token-value");

        var ex = await Assert.ThrowsAsync<MartechAuthenticationException>(() => contacts.GetAsync("1"));

        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Contains("unauthorized access", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-token-value", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_CustomFields_StoredUnderHashesReadUnderNames()
    {
        IContactClient contacts = Contacts();
        string companyKey = Emulator.PersonFields.Single(f => f.Name == "Company").Key;
        string coloursKey = Emulator.PersonFields.Single(f => f.Name == "favourite_colour").Key;
        var contact = new Contact { Email = EmailAddress.Parse("ada@example.com"), Company = "Analytical Engines" };
        contact.CustomFields.Set("favourite_colour", "teal");

        var created = await contacts.UpsertAsync(contact);

        JsonObject stored = Emulator.Persons.Single();
        Assert.Equal("Analytical Engines", stored["custom_fields"]![companyKey]!.GetValue<string>());
        Assert.Equal("teal", stored["custom_fields"]![coloursKey]!.GetValue<string>());
        Assert.Equal("Analytical Engines", created.Value.Company);
        Assert.Equal("teal", created.Value.CustomFields.GetString("favourite_colour"));
        Assert.False(created.Value.CustomFields.ContainsKey("Company"), "A field holding a named property is not repeated in CustomFields.");
        Assert.DoesNotContain(created.Value.CustomFields.Keys, k => k.Length == 40);
    }

    [Fact]
    public async Task UpsertAsync_MappedFieldMissing_ThrowsArgumentExceptionBeforeAnyWrite()
    {
        IContactClient contacts = Contacts(o => o.Fields.Company = "Organisation name");

        var ex = await Assert.ThrowsAnyAsync<ArgumentException>(() => contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com"), Company = "Acme" }));

        Assert.Contains("Organisation name", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Emulator.RequestLog.RequestsTo("POST", "/api/v2/persons"));
    }

    [Fact]
    public async Task UpsertAsync_FieldCreatedAfterDefinitionsCached_ReloadsThemOnce()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        IContactClient contacts = Contacts(services: s => s.AddSingleton<TimeProvider>(clock));
        await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com") });
        Emulator.AddPersonField("Shoe size", "double");
        clock.Advance(TimeSpan.FromSeconds(10));
        var contact = new Contact { Email = EmailAddress.Parse("ada@example.com") };
        contact.CustomFields.Set("Shoe size", 38L);

        var updated = await contacts.UpsertAsync(contact);

        Assert.True(updated.Value.CustomFields.TryGetInt64("Shoe size", out long size) && size == 38);
        Assert.Equal(2, Emulator.RequestLog.RequestsTo("GET", "/v1/personFields").Count);
    }

    [Fact]
    public async Task ConvertAsync_CreateDeal_PollsTheJobUntilItCompletes()
    {
        ILeadClient leads = Leads();
        Lead lead = await leads.CreateAsync(new Lead { Email = EmailAddress.Parse("ada@example.com"), FirstName = "Ada", Title = "Pricing" });
        Emulator.ConversionPollsBeforeCompletion = 2;

        LeadConversionResult result = await leads.ConvertAsync(lead.Id!, new LeadConversionOptions { CreateDeal = true, DealName = "Ada's deal" });

        Assert.Equal(lead.Id, result.LeadId);
        Assert.Equal(lead.ContactId, result.ContactId);
        Assert.Equal(Emulator.Deals.Single().ToString(System.Globalization.CultureInfo.InvariantCulture), result.DealId);
        Assert.Equal(3, Emulator.RequestLog.RequestsTo("GET", "/api/v2/leads/{id}/convert/status/{conversionId}").Count);
        Assert.Equal("Ada's deal", Emulator.RequestLog.RequestsTo("PATCH", "/v1/leads/{id}").Single().ReadJsonNode()!["title"]!.GetValue<string>());

        // Pipedrive deletes a lead it converted into a deal.
        Assert.Null(await leads.GetAsync(lead.Id!));
    }

    [Fact]
    public async Task ConvertAsync_CreateDealJobFails_ThrowsWithTheJobStatus()
    {
        ILeadClient leads = Leads();
        Lead lead = await leads.CreateAsync(new Lead { Email = EmailAddress.Parse("ada@example.com") });
        Emulator.ConversionOutcome = "failed";

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => leads.ConvertAsync(lead.Id!, new LeadConversionOptions { CreateDeal = true }));

        Assert.Equal("CONVERSION_FAILED", ex.ErrorCode);
        Assert.NotNull(await leads.GetAsync(lead.Id!));
    }

    [Fact]
    public async Task ConvertAsync_CreateDealJobNeverFinishes_ThrowsTimeoutAfterBoundedPolls()
    {
        ILeadClient leads = Leads(o => o.ConversionPollAttempts = 3);
        Lead lead = await leads.CreateAsync(new Lead { Email = EmailAddress.Parse("ada@example.com") });
        Emulator.ConversionPollsBeforeCompletion = 100;

        var ex = await Assert.ThrowsAsync<MartechTimeoutException>(() => leads.ConvertAsync(lead.Id!, new LeadConversionOptions { CreateDeal = true }));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(3, Emulator.RequestLog.RequestsTo("GET", "/api/v2/leads/{id}/convert/status/{conversionId}").Count);
    }

    [Fact]
    public async Task CreateAsync_LeadWithContactId_LinksThatPersonAndListsItWithPersonValues()
    {
        IContactClient contacts = Contacts();
        ILeadClient leads = Leads();
        var person = await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("grace@example.com"), FirstName = "Grace", LastName = "Hopper", Company = "US Navy" });

        Lead created = await leads.CreateAsync(new Lead { ContactId = person.Value.Id, Source = "trade-show", Score = 12 });

        Assert.Equal("Grace Hopper lead", created.Title);
        Lead listed = Assert.Single(await leads.ListAsync().ToListAsync());
        Assert.Equal((person.Value.Id, "Grace", "Hopper", "US Navy"), (listed.ContactId, listed.FirstName, listed.LastName, listed.Company));
        Assert.Equal(("trade-show", 12, LeadStatus.New), (listed.Source, listed.Score, listed.Status));
        Assert.Single(Emulator.Persons);
        Assert.Single(Emulator.RequestLog.RequestsTo("GET", "/api/v2/persons"));
    }

    private IContactClient Contacts(Action<PipedriveOptions>? configure = null, Action<IServiceCollection>? services = null) =>
        Build(configure, services).GetRequiredKeyedService<IContactClient>(Name);

    private ILeadClient Leads(Action<PipedriveOptions>? configure = null) =>
        Build(configure, null).GetRequiredKeyedService<ILeadClient>(Name);

    private ServiceProvider Build(Action<PipedriveOptions>? configure, Action<IServiceCollection>? services)
    {
        ServiceProvider container = fixture.CreateServices(configure, services: services);
        _containers.Add(container);
        return container;
    }
}
