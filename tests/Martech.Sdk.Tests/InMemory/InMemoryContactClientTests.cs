using System.Net;
using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.InMemory;

public class InMemoryContactClientTests
{
    private readonly InMemoryHarness _h = new();

    [Fact]
    public async Task UpsertAsync_NewEmail_CreatesWithIdAndTimestamps()
    {
        var result = await _h.Contacts.UpsertAsync(new Contact { Email = InMemoryHarness.Address("Ada@Example.com"), FirstName = "Ada" });

        Assert.True(result.Created);
        Assert.Equal("c_1", result.Value.Id);
        Assert.Equal("Ada@example.com", result.Value.Email?.Value);
        Assert.Equal(ManualTimeProvider.DefaultStart, result.Value.CreatedAt);
        Assert.Equal(ManualTimeProvider.DefaultStart, result.Value.UpdatedAt);
    }

    [Fact]
    public async Task GetAsync_StoredAndMissing_ReturnsContactOrNull()
    {
        Contact created = await _h.AddContactAsync("ada@example.com", "Ada");

        Contact? found = await _h.Contacts.GetAsync(created.Id!);

        Assert.Equal("Ada", found?.FirstName);
        Assert.Null(await _h.Contacts.GetAsync("c_404"));
    }

    [Fact]
    public async Task FindByEmailAsync_DifferentCase_FindsTheContact()
    {
        Contact created = await _h.AddContactAsync("ada.lovelace@example.com");

        Contact? found = await _h.Contacts.FindByEmailAsync("ADA.LOVELACE@EXAMPLE.COM");

        Assert.Equal(created.Id, found?.Id);
        Assert.Null(await _h.Contacts.FindByEmailAsync("grace@example.com"));
    }

    [Fact]
    public async Task UpsertAsync_SameEmailAnyCase_UpdatesMergingNullProperties()
    {
        await _h.Contacts.UpsertAsync(new Contact { Email = InMemoryHarness.Address("ada@example.com"), FirstName = "Ada", Company = "Analytical Engines", LifecycleStage = LifecycleStage.Lead });
        _h.Clock.Advance(TimeSpan.FromHours(1));

        var result = await _h.Contacts.UpsertAsync(new Contact { Email = InMemoryHarness.Address("ADA@example.com"), LastName = "Lovelace", LifecycleStage = LifecycleStage.MarketingQualifiedLead });

        Assert.False(result.Created);
        Contact updated = result.Value;
        Assert.Equal("c_1", updated.Id);
        Assert.Equal("Ada", updated.FirstName);
        Assert.Equal("Lovelace", updated.LastName);
        Assert.Equal("Analytical Engines", updated.Company);
        Assert.Equal(LifecycleStage.MarketingQualifiedLead, updated.LifecycleStage);
        Assert.Equal(ManualTimeProvider.DefaultStart, updated.CreatedAt);
        Assert.Equal(ManualTimeProvider.DefaultStart.AddHours(1), updated.UpdatedAt);
        Assert.Single(_h.Store.Contacts);
    }

    [Fact]
    public async Task UpsertAsync_CustomFields_MergedByNameWithNullClearing()
    {
        var first = InMemoryHarness.ContactWith("ada@example.com");
        first.CustomFields.Set("plan", "pro");
        first.CustomFields.Set("seats", 5);
        first.CustomFields.Set("region", "EU");
        await _h.Contacts.UpsertAsync(first);
        var second = InMemoryHarness.ContactWith("ada@example.com");
        second.CustomFields.Set("seats", 12);
        second.CustomFields.Set("score", true);
        second.CustomFields.Set("region", (string?)null);

        Contact updated = (await _h.Contacts.UpsertAsync(second)).Value;

        Assert.Equal("pro", updated.CustomFields.GetString("plan"));
        Assert.True(updated.CustomFields.TryGetInt64("seats", out long seats));
        Assert.Equal(12, seats);
        Assert.True(updated.CustomFields.TryGetBoolean("score", out bool score) && score);
        Assert.False(updated.CustomFields.ContainsKey("region"));
    }

    [Fact]
    public async Task UpsertAsync_ById_UpdatesAndCanChangeEmail()
    {
        Contact created = await _h.AddContactAsync("ada@example.com", "Ada");

        var result = await _h.Contacts.UpsertAsync(
            new Contact { Id = created.Id, Email = InMemoryHarness.Address("ada@engines.example") },
            new ContactUpsertOptions { MatchBy = ContactMatchKey.Id });

        Assert.False(result.Created);
        Assert.Equal("Ada", result.Value.FirstName);
        Assert.Null(await _h.Contacts.FindByEmailAsync("ada@example.com"));
        Assert.Equal(created.Id, (await _h.Contacts.FindByEmailAsync("ada@engines.example"))?.Id);
    }

    [Theory]
    [InlineData(ContactMatchKey.Id)]
    [InlineData(ContactMatchKey.Auto)]
    public async Task UpsertAsync_UnknownId_ThrowsNotFound(ContactMatchKey matchBy)
    {
        var ex = await Assert.ThrowsAsync<MartechNotFoundException>(() =>
            _h.Contacts.UpsertAsync(new Contact { Id = "c_404", FirstName = "Nobody" }, new ContactUpsertOptions { MatchBy = matchBy }));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("InMemory", ex.Provider);
        Assert.Equal("NOT_FOUND", ex.ErrorCode);
        Assert.Empty(_h.Store.Contacts);
    }

    [Fact]
    public async Task UpsertAsync_NeitherIdNorEmail_ThrowsNamingTheField()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _h.Contacts.UpsertAsync(new Contact { FirstName = "Ada" }));

        Assert.Contains("Contact.Email", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Contact.Id", ex.Message, StringComparison.Ordinal);
        Assert.Equal("contact", ex.ParamName);
    }

    [Fact]
    public async Task UpsertAsync_MatchByEmailWithoutEmail_ThrowsNamingEmail()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            _h.Contacts.UpsertAsync(new Contact { Id = "c_1" }, new ContactUpsertOptions { MatchBy = ContactMatchKey.Email }));

        Assert.Contains("Contact.Email is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertAsync_MatchByIdWithoutId_ThrowsNamingId()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            _h.Contacts.UpsertAsync(InMemoryHarness.ContactWith("ada@example.com"), new ContactUpsertOptions { MatchBy = ContactMatchKey.Id }));

        Assert.Contains("Contact.Id is required", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_h.Store.Contacts);
    }

    [Fact]
    public async Task UpsertAsync_MatchByEmailWithId_MatchesByEmailAndKeepsStoredId()
    {
        Contact created = await _h.AddContactAsync("ada@example.com");

        var result = await _h.Contacts.UpsertAsync(
            new Contact { Id = "c_999", Email = InMemoryHarness.Address("ada@example.com"), FirstName = "Ada" },
            new ContactUpsertOptions { MatchBy = ContactMatchKey.Email });

        Assert.False(result.Created);
        Assert.Equal(created.Id, result.Value.Id);
    }

    [Fact]
    public async Task UpsertAsync_EmailTakenByAnotherContact_ThrowsConflictAndChangesNothing()
    {
        Contact ada = await _h.AddContactAsync("ada@example.com", "Ada");
        await _h.AddContactAsync("grace@example.com", "Grace");

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() =>
            _h.Contacts.UpsertAsync(new Contact { Id = ada.Id, Email = InMemoryHarness.Address("GRACE@example.com"), FirstName = "Changed" }));

        Assert.Equal(HttpStatusCode.Conflict, ex.StatusCode);
        Assert.Equal("DUPLICATE_EMAIL", ex.ErrorCode);
        Assert.Equal("InMemory", ex.Provider);
        Assert.Equal("Email", Assert.Single(ex.FieldErrors).Field);
        Assert.Equal("Ada", (await _h.Contacts.GetAsync(ada.Id!))?.FirstName);
        Assert.Equal("ada@example.com", (await _h.Contacts.GetAsync(ada.Id!))?.Email?.Value);
    }

    [Fact]
    public async Task UpsertAsync_CallerChangesItsInstances_StoreKeepsItsCopy()
    {
        var input = InMemoryHarness.ContactWith("ada@example.com");
        input.CustomFields.Set("plan", "pro");

        Contact returned = (await _h.Contacts.UpsertAsync(input)).Value;
        input.CustomFields.Set("plan", "free");
        returned.CustomFields.Set("plan", "enterprise");

        Assert.Equal("pro", (await _h.Contacts.GetAsync("c_1"))!.CustomFields.GetString("plan"));
    }

    [Fact]
    public async Task DeleteAsync_ExistingAndMissing_ReturnsTrueThenFalse()
    {
        Contact ada = await _h.AddContactAsync("ada@example.com");

        Assert.True(await _h.Contacts.DeleteAsync(ada.Id!));
        Assert.False(await _h.Contacts.DeleteAsync(ada.Id!));
        Assert.Null(await _h.Contacts.GetAsync(ada.Id!));
        Assert.Null(await _h.Contacts.FindByEmailAsync("ada@example.com"));
        Assert.True((await _h.Contacts.UpsertAsync(InMemoryHarness.ContactWith("ada@example.com"))).Created);
    }

    [Fact]
    public async Task DeleteAsync_Erase_RemovesMembershipsAndEmailEvents()
    {
        Contact ada = await _h.AddContactAsync("ada@example.com");
        Contact grace = await _h.AddContactAsync("grace@example.com");
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Spring" });
        await _h.Campaigns.AddMembersAsync(campaign.Id!, [ada.Id!, grace.Id!]);
        Record(EmailEventType.Opened, "ADA@example.com");
        Record(EmailEventType.Opened, "grace@example.com");

        Assert.True(await _h.Contacts.DeleteAsync(ada.Id!, new ContactDeleteOptions { Erase = true }));

        Assert.Equal(grace.Id, Assert.Single(_h.Store.GetCampaignMembers(campaign.Id!)).ContactId);
        Assert.Equal("grace@example.com", Assert.Single(_h.Store.EmailEvents).Recipient.Value);
    }

    [Fact]
    public async Task DeleteAsync_WithoutErase_KeepsMembershipsAndEvents()
    {
        Contact ada = await _h.AddContactAsync("ada@example.com");
        Campaign campaign = _h.Store.AddCampaign(new Campaign { Name = "Spring" });
        await _h.Campaigns.AddMembersAsync(campaign.Id!, [ada.Id!]);
        Record(EmailEventType.Opened, "ada@example.com");

        await _h.Contacts.DeleteAsync(ada.Id!);

        Assert.Single(_h.Store.GetCampaignMembers(campaign.Id!));
        Assert.Single(_h.Store.EmailEvents);
    }

    [Fact]
    public async Task Methods_InvalidArguments_ThrowBeforeAnyWork()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => _h.Contacts.GetAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Contacts.GetAsync(" "));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Contacts.FindByEmailAsync(default(EmailAddress)));
        await Assert.ThrowsAsync<ArgumentNullException>(() => _h.Contacts.UpsertAsync(null!));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Contacts.UpsertAsync(new Contact { Id = " " }));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _h.Contacts.UpsertAsync(InMemoryHarness.ContactWith("a@example.com"), new ContactUpsertOptions { MatchBy = (ContactMatchKey)42 }));
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Contacts.DeleteAsync(""));
        Assert.Empty(_h.Store.Contacts);
    }

    [Fact]
    public async Task Methods_CancelledToken_ThrowAtEntry()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Contacts.GetAsync("c_1", cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Contacts.FindByEmailAsync(InMemoryHarness.Address("a@example.com"), cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Contacts.UpsertAsync(InMemoryHarness.ContactWith("a@example.com"), null, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Contacts.UpsertManyAsync([InMemoryHarness.ContactWith("a@example.com")], null, cts.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _h.Contacts.DeleteAsync("c_1", null, cts.Token));
        Assert.ThrowsAny<OperationCanceledException>(() => _h.Contacts.ListAsync(null, cts.Token));
        Assert.Empty(_h.Store.Contacts);
    }

    [Fact]
    public async Task UpsertAsync_ParallelDistinctEmails_AllLandWithUniqueIds()
    {
        const int count = 400;

        await Parallel.ForAsync(0, count, async (i, ct) =>
            await _h.Contacts.UpsertAsync(InMemoryHarness.ContactWith($"user{i}@example.com"), null, ct));

        var contacts = _h.Store.Contacts;
        Assert.Equal(count, contacts.Count);
        Assert.Equal(count, contacts.Select(c => c.Id).Distinct().Count());
        for (int i = 0; i < count; i++)
        {
            Assert.NotNull(await _h.Contacts.FindByEmailAsync($"user{i}@example.com"));
        }
    }

    [Fact]
    public async Task UpsertAsync_ParallelSameEmail_OneContactCreatedOnce()
    {
        var results = new UpsertResult<Contact>[64];

        await Parallel.ForAsync(0, results.Length, async (i, ct) =>
            results[i] = await _h.Contacts.UpsertAsync(InMemoryHarness.ContactWith("same@example.com", $"n{i}"), null, ct));

        Assert.Single(_h.Store.Contacts);
        Assert.Single(results, r => r.Created);
    }

    private void Record(EmailEventType type, string recipient) =>
        _h.Store.RecordEmailEvent(new EmailEvent { Id = Guid.NewGuid().ToString("N"), Provider = "InMemory", Type = type, Recipient = InMemoryHarness.Address(recipient) });
}
