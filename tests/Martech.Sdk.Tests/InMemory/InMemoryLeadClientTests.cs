using System.Net;
using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.InMemory;

public class InMemoryLeadClientTests
{
    private readonly InMemoryHarness _h = new();

    [Fact]
    public async Task CreateAsync_NewLead_AssignsIdStatusNewAndTimestamps()
    {
        Lead created = await _h.Leads.CreateAsync(new Lead { Email = InMemoryHarness.Address("ada@example.com"), FirstName = "Ada", Source = "webinar" });

        Assert.Equal("l_1", created.Id);
        Assert.Equal(LeadStatus.New, created.Status);
        Assert.Equal(ManualTimeProvider.DefaultStart, created.CreatedAt);
        Assert.Equal(ManualTimeProvider.DefaultStart, created.UpdatedAt);
        Assert.Equal("webinar", (await _h.Leads.GetAsync("l_1"))?.Source);
    }

    [Fact]
    public async Task CreateAsync_DefaultStatus_BecomesNew()
    {
        Lead created = await _h.Leads.CreateAsync(new Lead { FirstName = "Ada", Status = default });

        Assert.Equal(LeadStatus.New, created.Status);
    }

    [Fact]
    public async Task CreateAsync_WithId_ThrowsNamingTheField()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _h.Leads.CreateAsync(new Lead { Id = "l_7" }));

        Assert.Contains("Lead.Id", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Leads);
    }

    [Fact]
    public async Task UpdateAsync_SparseChange_MergesAndKeepsCreatedAt()
    {
        Lead created = await _h.Leads.CreateAsync(new Lead { FirstName = "Ada", Company = "Engines", Score = 10 });
        created.CustomFields.Set("utm", "spring");
        await _h.Leads.UpdateAsync(created with { Status = LeadStatus.Working });
        _h.Clock.Advance(TimeSpan.FromMinutes(5));

        Lead updated = await _h.Leads.UpdateAsync(new Lead { Id = created.Id, Score = 80, Status = LeadStatus.Qualified });

        Assert.Equal("Ada", updated.FirstName);
        Assert.Equal("Engines", updated.Company);
        Assert.Equal(80, updated.Score);
        Assert.Equal(LeadStatus.Qualified, updated.Status);
        Assert.Equal("spring", updated.CustomFields.GetString("utm"));
        Assert.Equal(ManualTimeProvider.DefaultStart, updated.CreatedAt);
        Assert.Equal(ManualTimeProvider.DefaultStart.AddMinutes(5), updated.UpdatedAt);
    }

    [Fact]
    public async Task UpdateAsync_MissingLead_ThrowsNotFound()
    {
        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() => _h.Leads.UpdateAsync(new Lead { Id = "l_404", Score = 1 }));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("InMemory", ex.Provider);
    }

    [Fact]
    public async Task UpdateAsync_NoId_ThrowsArgumentException()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Leads.UpdateAsync(new Lead { Score = 1 }));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _h.Leads.UpdateAsync(null!));
    }

    [Fact]
    public async Task ListAsync_StatusFilter_PagesThroughMatchingLeads()
    {
        for (int i = 0; i < 9; i++)
        {
            await _h.Leads.CreateAsync(new Lead { FirstName = $"L{i}", Status = i % 3 == 0 ? LeadStatus.Qualified : LeadStatus.Open });
        }

        var pages = await InMemoryHarness.ReadPagesAsync(_h.Leads.ListAsync(new LeadListOptions { Status = LeadStatus.Open, PageSize = 2 }));
        var resumed = await InMemoryHarness.ReadAllAsync(_h.Leads.ListAsync(new LeadListOptions { Status = LeadStatus.Open, PageSize = 2, ContinuationToken = pages[1].ContinuationToken }));

        Assert.Equal([2, 2, 2], pages.Select(p => p.Items.Count));
        Assert.Equal(["L1", "L2", "L4", "L5", "L7", "L8"], pages.SelectMany(p => p.Items).Select(l => l.FirstName));
        Assert.Equal(["L7", "L8"], resumed.Select(l => l.FirstName));
        Assert.Throws<ArgumentException>(() => _h.Leads.ListAsync(new LeadListOptions { ContinuationToken = "bogus" }));
    }

    [Fact]
    public async Task ConvertAsync_NoMatchingContact_CreatesContactAndMarksLeadConverted()
    {
        Lead lead = await _h.Leads.CreateAsync(new Lead
        {
            Email = InMemoryHarness.Address("ada@example.com"),
            FirstName = "Ada",
            LastName = "Lovelace",
            Company = "Engines",
            Phone = PhoneNumber.Parse("+447700900123"),
        });

        LeadConversionResult result = await _h.Leads.ConvertAsync(lead.Id!, new LeadConversionOptions { CreateDeal = true, DealName = "Engines deal" });

        Contact? contact = await _h.Contacts.GetAsync(result.ContactId);
        Assert.NotNull(contact);
        Assert.Equal("ada@example.com", contact.Email?.Value);
        Assert.Equal("Ada", contact.FirstName);
        Assert.Equal("Lovelace", contact.LastName);
        Assert.Equal("Engines", contact.Company);
        Assert.Equal(lead.Phone, contact.Phone);
        Assert.Equal("deal_1", result.DealId);
        Assert.Equal(lead.Id, result.LeadId);
        Lead? converted = await _h.Leads.GetAsync(lead.Id!);
        Assert.Equal(LeadStatus.Converted, converted?.Status);
        Assert.Equal(result.ContactId, converted?.ContactId);
    }

    [Fact]
    public async Task ConvertAsync_ContactWithSameEmail_UsesItAndFillsOnlyBlanks()
    {
        Contact existing = (await _h.Contacts.UpsertAsync(new Contact { Email = InMemoryHarness.Address("ADA@example.com"), FirstName = "Augusta" })).Value;
        Lead lead = await _h.Leads.CreateAsync(new Lead { Email = InMemoryHarness.Address("ada@example.com"), FirstName = "Ada", Company = "Engines" });

        LeadConversionResult result = await _h.Leads.ConvertAsync(lead.Id!);

        Assert.Equal(existing.Id, result.ContactId);
        Assert.Null(result.DealId);
        Contact contact = Assert.Single(_h.Store.Contacts);
        Assert.Equal("Augusta", contact.FirstName);
        Assert.Equal("Engines", contact.Company);
    }

    [Fact]
    public async Task ConvertAsync_ExistingContactId_UsesThatContact()
    {
        Contact target = await _h.AddContactAsync("grace@example.com");
        Lead lead = await _h.Leads.CreateAsync(new Lead { Email = InMemoryHarness.Address("other@example.com") });

        LeadConversionResult result = await _h.Leads.ConvertAsync(lead.Id!, new LeadConversionOptions { ExistingContactId = target.Id });

        Assert.Equal(target.Id, result.ContactId);
        Assert.Single(_h.Store.Contacts);
    }

    [Fact]
    public async Task ConvertAsync_UnknownExistingContact_ThrowsNotFoundAndLeavesLead()
    {
        Lead lead = await _h.Leads.CreateAsync(new Lead { FirstName = "Ada" });

        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() =>
            _h.Leads.ConvertAsync(lead.Id!, new LeadConversionOptions { ExistingContactId = "c_404" }));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal(LeadStatus.New, (await _h.Leads.GetAsync(lead.Id!))?.Status);
        Assert.Empty(_h.Store.Contacts);
    }

    [Fact]
    public async Task ConvertAsync_Twice_ThrowsLeadAlreadyConverted()
    {
        Lead lead = await _h.Leads.CreateAsync(new Lead { Email = InMemoryHarness.Address("ada@example.com") });
        await _h.Leads.ConvertAsync(lead.Id!);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => _h.Leads.ConvertAsync(lead.Id!, new LeadConversionOptions { CreateDeal = true }));

        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Equal("LEAD_ALREADY_CONVERTED", ex.ErrorCode);
        Assert.Equal("InMemory", ex.Provider);
        Assert.Single(_h.Store.Contacts);
    }

    [Fact]
    public async Task ConvertAsync_MissingLead_ThrowsNotFound()
    {
        await Assert.ThrowsAsync<MartechNotFoundException>(() => _h.Leads.ConvertAsync("l_404"));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Leads.ConvertAsync(""));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Leads.ConvertAsync("l_1", new LeadConversionOptions { ExistingContactId = " " }));
    }

    [Fact]
    public async Task Methods_CancelledToken_ThrowAtEntry()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Leads.CreateAsync(new Lead(), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Leads.GetAsync("l_1", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Leads.ConvertAsync("l_1", null, cts.Token));
        Assert.Empty(_h.Store.Leads);
    }
}
