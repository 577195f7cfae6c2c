using System.Diagnostics.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;
using static Martech.Sdk.Testing.Conformance.ConformanceHelpers;

namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// The conformance suite for <see cref="ILeadClient"/>: the behaviour its contract promises, which every lead
/// provider must show. A provider is done when its derived class passes.
/// </summary>
/// <remarks>
/// <para>Derive a public class in a test project and override <see cref="CreateClientAsync"/> to return a fresh,
/// empty client of the provider under test. xunit creates one instance per test and calls
/// <see cref="InitializeAsync"/> first. Release what the factory created in an override of <see cref="ConformanceSuite.DisposeAsync"/>.</para>
/// <para>Conversion tests check the contact a lead became through <see cref="CreateContactClientAsync"/> when the
/// provider also supplies contacts. A vendor without lead conversion overrides <see cref="SupportsLeadConversion"/>;
/// the conversion tests then check the documented <see cref="NotSupportedException"/> instead.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expectation.")]
[SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task", Justification = "Test methods run under xunit, which forbids ConfigureAwait(false) in tests (xUnit1030).")]
public abstract class LeadClientConformanceTests : ConformanceSuite
{
    private ILeadClient? _client;

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where tests that do not apply to the provider record why; optional.</param>
    protected LeadClientConformanceTests(ITestOutputHelper? output = null)
        : base(output)
    {
    }

    /// <summary>The client under test, created for this test by <see cref="CreateClientAsync"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    protected ILeadClient Client => _client ?? throw new InvalidOperationException("The client is created in InitializeAsync, which has not run.");

    /// <summary>Whether the vendor converts leads (<see cref="ILeadClient.ConvertAsync"/>). The default value is
    /// <see langword="true"/>; when <see langword="false"/>, conversion must throw <see cref="NotSupportedException"/>.</summary>
    protected virtual bool SupportsLeadConversion => true;

    /// <summary>Whether the vendor filters leads by <see cref="LeadListOptions.Status"/>. The default value is
    /// <see langword="true"/>; when <see langword="false"/>, a filtered listing must still yield every matching lead
    /// once, but may yield others.</summary>
    protected virtual bool SupportsStatusFilter => true;

    /// <summary>An id in the vendor's format that no lead has. The default value is <c>"999999999"</c>.</summary>
    protected virtual string UnknownId => "999999999";

    /// <summary>Creates a fresh, empty client of the provider under test; called once before each test.</summary>
    /// <returns>The client.</returns>
    protected abstract Task<ILeadClient> CreateClientAsync();

    /// <summary>Returns the contact client of the same provider instance, over the same data, as the client the last
    /// <see cref="CreateClientAsync"/> call returned; <see langword="null"/> (the default) when the provider has no
    /// contacts, in which case the conversion tests check only what <see cref="ILeadClient"/> itself shows.</summary>
    /// <returns>The contact client, or <see langword="null"/>.</returns>
    protected virtual Task<IContactClient?> CreateContactClientAsync() => Task.FromResult<IContactClient?>(null);

    /// <summary>Creates the client for this test.</summary>
    /// <returns>A task that completes when the client is ready.</returns>
    public override async Task InitializeAsync() =>
        _client = await CreateClientAsync() ?? throw new InvalidOperationException("CreateClientAsync returned null.");

    /// <summary>Creating a lead assigns an id, keeps its fields, and leaves its status <see cref="LeadStatus.New"/>
    /// when the caller set none.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CreateAsync_NewLead_AssignsIdAndStatusNew()
    {
        Lead created = await Client.CreateAsync(new Lead
        {
            Email = Address("ada@example.com"),
            FirstName = "Ada",
            LastName = "Lovelace",
            Company = "Analytical Engines",
            Source = "webinar",
        });

        Assert.False(string.IsNullOrEmpty(created.Id));
        Assert.Equal(LeadStatus.New, created.Status);
        Lead? stored = await Client.GetAsync(created.Id!);
        Assert.NotNull(stored);
        Assert.Equal(created.Id, stored.Id);
        Assert.Equal(LeadStatus.New, stored.Status);
        Assert.Equal(Address("ada@example.com"), stored.Email);
        Assert.Equal(("Ada", "Lovelace", "Analytical Engines", "webinar"), (stored.FirstName, stored.LastName, stored.Company, stored.Source));
    }

    /// <summary>Creating two leads gives them different ids.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CreateAsync_TwoLeads_GetDistinctIds()
    {
        Lead first = await Client.CreateAsync(new Lead { Email = Address("ada@example.com") });
        Lead second = await Client.CreateAsync(new Lead { Email = Address("grace@example.com") });

        Assert.NotEqual(first.Id, second.Id);
    }

    /// <summary>Creating a lead that already has an id is an <see cref="ArgumentException"/> and stores nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CreateAsync_IdAlreadySet_ThrowsArgumentExceptionAndStoresNothing()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.CreateAsync(new Lead { Id = UnknownId, Email = Address("ada@example.com") }));

        Assert.Empty(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>Creating <see langword="null"/> is an <see cref="ArgumentNullException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CreateAsync_NullLead_ThrowsArgumentNullException()
    {
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Client.CreateAsync(null!));
    }

    /// <summary>Custom fields of a lead come back with the values written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CreateAsync_CustomFields_RoundTrip()
    {
        var lead = new Lead { Email = Address("ada@example.com") };
        lead.CustomFields.Set("budget_band", "50k-100k");
        lead.CustomFields.Set("seats", 25L);
        lead.CustomFields.Set("demo_requested", true);

        Lead created = await Client.CreateAsync(lead);

        Lead? stored = await Client.GetAsync(created.Id!);
        Assert.NotNull(stored);
        Assert.Equal("50k-100k", stored.CustomFields.GetString("budget_band"));
        Assert.True(stored.CustomFields.TryGetInt64("seats", out long seats));
        Assert.Equal(25L, seats);
        Assert.True(stored.CustomFields.TryGetBoolean("demo_requested", out bool demo) && demo);
    }

    /// <summary>Creating with a cancelled token throws <see cref="OperationCanceledException"/> and stores nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task CreateAsync_CancelledToken_ThrowsAndStoresNothing()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.CreateAsync(new Lead { Email = Address("ada@example.com") }, Cancelled));

        Assert.Empty(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>Getting an id no lead has returns <see langword="null"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        await Client.CreateAsync(new Lead { Email = Address("ada@example.com") });

        Assert.Null(await Client.GetAsync(UnknownId));
    }

    /// <summary>An update changes the properties it sets and keeps those it leaves <see langword="null"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpdateAsync_PartialLead_MergesWithStoredLead()
    {
        var lead = new Lead { Email = Address("ada@example.com"), FirstName = "Ada", Company = "Analytical Engines", Source = "webinar" };
        lead.CustomFields.Set("budget_band", "50k-100k");
        Lead created = await Client.CreateAsync(lead);

        Lead updated = await Client.UpdateAsync(new Lead { Id = created.Id, Title = "Pricing deep dive", Status = LeadStatus.Working, Score = 40 });

        foreach (Lead? stored in new[] { updated, await Client.GetAsync(created.Id!) })
        {
            Assert.NotNull(stored);
            Assert.Equal(created.Id, stored.Id);
            Assert.Equal(("Pricing deep dive", 40), (stored.Title, stored.Score));
            Assert.Equal(LeadStatus.Working, stored.Status);
            Assert.Equal(Address("ada@example.com"), stored.Email);
            Assert.Equal(("Ada", "Analytical Engines", "webinar"), (stored.FirstName, stored.Company, stored.Source));
            Assert.Equal("50k-100k", stored.CustomFields.GetString("budget_band"));
        }
    }

    /// <summary>An update that leaves <see cref="Lead.Status"/> <see langword="null"/> keeps the stored status.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpdateAsync_WithoutStatus_KeepsStoredStatus()
    {
        Lead created = await Client.CreateAsync(new Lead { Email = Address("grace@example.com"), Status = LeadStatus.Working });

        Lead updated = await Client.UpdateAsync(new Lead { Id = created.Id, Score = 80 });

        Assert.Equal(LeadStatus.Working, updated.Status);
        Assert.Equal(80, updated.Score);
        Assert.Equal(LeadStatus.Working, (await Client.GetAsync(created.Id!))!.Status);
    }

    /// <summary>Updating an id no lead has throws <see cref="MartechNotFoundException"/> and creates nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpdateAsync_UnknownId_ThrowsMartechNotFoundException()
    {
        await Assert.ThrowsAnyAsync<MartechNotFoundException>(() => Client.UpdateAsync(new Lead { Id = UnknownId, FirstName = "Ghost" }));

        Assert.Empty(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>Updating a lead without an id is an <see cref="ArgumentException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpdateAsync_NoId_ThrowsArgumentException()
    {
        await Client.CreateAsync(new Lead { Email = Address("ada@example.com") });

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.UpdateAsync(new Lead { Email = Address("ada@example.com"), FirstName = "Ada" }));
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Client.UpdateAsync(null!));
    }

    /// <summary>Listing five leads two to a page yields chained pages holding each lead once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_PageSizeTwo_YieldsEachLeadOnce()
    {
        var ids = new List<string>();
        for (int i = 1; i <= 5; i++)
        {
            ids.Add((await Client.CreateAsync(new Lead { Email = Address($"lead{i}@example.com") })).Id!);
        }

        var pages = await ReadPagesAsync(Client.ListAsync(new LeadListOptions { PageSize = 2 }).AsPages());
        var streamed = await ReadAllAsync(Client.ListAsync(new LeadListOptions { PageSize = 2 }));

        AssertChained(pages, maxPageSize: 2);
        Assert.Equal(ids.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(l => l.Id!).Order(StringComparer.Ordinal));
        Assert.Equal(ids.Order(StringComparer.Ordinal), streamed.Select(l => l.Id!).Order(StringComparer.Ordinal));
    }

    /// <summary>Listing with a status filter, two to a page, yields each lead of that status once (and, where the
    /// vendor filters, only those).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_StatusFilter_YieldsMatchingLeads()
    {
        var working = new List<string>();
        for (int i = 1; i <= 7; i++)
        {
            LeadStatus status = i % 2 == 0 ? LeadStatus.New : LeadStatus.Working;
            Lead lead = await Client.CreateAsync(new Lead { Email = Address($"lead{i}@example.com"), Status = status });
            if (status == LeadStatus.Working)
            {
                working.Add(lead.Id!);
            }
        }

        var listed = await ReadAllAsync(Client.ListAsync(new LeadListOptions { Status = LeadStatus.Working, PageSize = 2 }));

        var matching = listed.Where(l => l.Status == LeadStatus.Working).Select(l => l.Id!).Order(StringComparer.Ordinal);
        Assert.Equal(working.Order(StringComparer.Ordinal), matching);
        if (SupportsStatusFilter)
        {
            Assert.All(listed, l => Assert.Equal(LeadStatus.Working, l.Status));
        }
    }

    /// <summary>Converting a qualified lead returns the lead's id and a contact id, marks the lead
    /// <see cref="LeadStatus.Converted"/>, and the contact can be read (where the provider supplies contacts).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ConvertAsync_QualifiedLead_ConvertsIntoContact()
    {
        Lead lead = await Client.CreateAsync(new Lead { Email = Address("ada@example.com"), FirstName = "Ada", Status = LeadStatus.Qualified });
        if (!SupportsLeadConversion)
        {
            await Assert.ThrowsAnyAsync<NotSupportedException>(() => Client.ConvertAsync(lead.Id!));
            return;
        }

        LeadConversionResult result = await Client.ConvertAsync(lead.Id!);

        Assert.Equal(lead.Id, result.LeadId);
        Assert.False(string.IsNullOrEmpty(result.ContactId));
        Assert.Equal(LeadStatus.Converted, (await Client.GetAsync(lead.Id!))?.Status);
        IContactClient? contacts = await CreateContactClientAsync();
        if (contacts is null)
        {
            NotApplicable("the provider supplies no contact client, so the converted contact is not read back.");
            return;
        }

        Contact? contact = await contacts.GetAsync(result.ContactId);
        Assert.NotNull(contact);
        Assert.Equal(Address("ada@example.com"), contact.Email);
    }

    /// <summary>Converting into an existing contact returns that contact's id.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ConvertAsync_ExistingContactId_MergesIntoThatContact()
    {
        Lead lead = await Client.CreateAsync(new Lead { Email = Address("ada@example.com"), Company = "Analytical Engines", Status = LeadStatus.Qualified });
        IContactClient? contacts = await CreateContactClientAsync();
        if (!SupportsLeadConversion)
        {
            await Assert.ThrowsAnyAsync<NotSupportedException>(() => Client.ConvertAsync(lead.Id!, new LeadConversionOptions { ExistingContactId = UnknownId }));
            return;
        }

        if (contacts is null)
        {
            NotApplicable("the provider supplies no contact client to create the existing contact with.");
            return;
        }

        var existing = await contacts.UpsertAsync(new Contact { Email = Address("ada@example.com"), FirstName = "Ada" });

        LeadConversionResult result = await Client.ConvertAsync(lead.Id!, new LeadConversionOptions { ExistingContactId = existing.Value.Id });

        Assert.Equal(existing.Value.Id, result.ContactId);
        Assert.Single(await ReadAllAsync(contacts.ListAsync()));
        Assert.Equal(LeadStatus.Converted, (await Client.GetAsync(lead.Id!))?.Status);
    }

    /// <summary>Converting a lead twice is refused by the vendor with a <see cref="MartechRequestException"/> (not a
    /// not-found: the lead exists).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ConvertAsync_AlreadyConverted_ThrowsMartechRequestException()
    {
        Lead lead = await Client.CreateAsync(new Lead { Email = Address("ada@example.com"), Status = LeadStatus.Qualified });
        if (!SupportsLeadConversion)
        {
            await Assert.ThrowsAnyAsync<NotSupportedException>(() => Client.ConvertAsync(lead.Id!));
            return;
        }

        await Client.ConvertAsync(lead.Id!);

        var ex = await Assert.ThrowsAnyAsync<MartechRequestException>(() => Client.ConvertAsync(lead.Id!));
        Assert.IsNotType<MartechNotFoundException>(ex);
    }

    /// <summary>Converting an id no lead has throws <see cref="MartechNotFoundException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ConvertAsync_UnknownId_ThrowsMartechNotFoundException()
    {
        if (!SupportsLeadConversion)
        {
            await Assert.ThrowsAnyAsync<NotSupportedException>(() => Client.ConvertAsync(UnknownId));
            return;
        }

        await Assert.ThrowsAnyAsync<MartechNotFoundException>(() => Client.ConvertAsync(UnknownId));
    }

    /// <summary><see cref="ILeadClient.GetService"/> names the provider instance behind the client with a
    /// <see cref="MartechProviderMetadata"/>.</summary>
    [Fact]
    public void GetService_ProviderMetadata_NamesTheInstance()
    {
        var metadata = Assert.IsType<MartechProviderMetadata>(Client.GetService(typeof(MartechProviderMetadata)));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Name));
        Assert.False(string.IsNullOrWhiteSpace(metadata.ProviderType));
    }

    /// <summary><see cref="ILeadClient.GetService"/> returns the client for its own interface.</summary>
    [Fact]
    public void GetService_LeadClientType_ReturnsClient()
    {
        Assert.IsAssignableFrom<ILeadClient>(Client.GetService(typeof(ILeadClient)));
    }

    private static EmailAddress Address(string value) => EmailAddress.Parse(value);
}
