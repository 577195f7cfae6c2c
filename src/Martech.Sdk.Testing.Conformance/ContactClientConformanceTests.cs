using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Xunit;
using Xunit.Abstractions;
using static Martech.Sdk.Testing.Conformance.ConformanceHelpers;

namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// The conformance suite for <see cref="IContactClient"/>: the behaviour its contract promises, which every contact
/// provider must show. A provider is done when its derived class passes.
/// </summary>
/// <remarks>
/// <para>Derive a public class in a test project and override <see cref="CreateClientAsync"/> to return a fresh,
/// empty client of the provider under test (the in-memory provider, or a vendor provider pointed at its emulator
/// on loopback). xunit creates one instance per test and calls <see cref="InitializeAsync"/> first, so every test
/// starts from an empty store. Release what the factory created in an override of <see cref="ConformanceSuite.DisposeAsync"/>.</para>
/// <para>Override the capability properties (<see cref="SupportsErase"/>, <see cref="MaxPageSize"/>,
/// <see cref="SupportsStructuredCustomFields"/>, <see cref="UnknownId"/>) only where the vendor legitimately
/// differs; a test that does not apply then says so in the test output and checks nothing else.</para>
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expectation.")]
[SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task", Justification = "Test methods run under xunit, which forbids ConfigureAwait(false) in tests (xUnit1030).")]
public abstract class ContactClientConformanceTests : ConformanceSuite
{
    private IContactClient? _client;

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where tests that do not apply to the provider record why; optional.</param>
    protected ContactClientConformanceTests(ITestOutputHelper? output = null)
        : base(output)
    {
    }

    /// <summary>The client under test, created for this test by <see cref="CreateClientAsync"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    protected IContactClient Client => _client ?? throw new InvalidOperationException("The client is created in InitializeAsync, which has not run.");

    /// <summary>Whether the vendor can permanently erase a contact (<see cref="ContactDeleteOptions.Erase"/>). The
    /// default value is <see langword="true"/>; when <see langword="false"/>, the erase test does not apply.</summary>
    protected virtual bool SupportsErase => true;

    /// <summary>The vendor's largest page; <see langword="null"/> (the default) when it has none worth testing. When
    /// set, the suite creates one more contact than this and checks that a larger page size is clamped to it.</summary>
    protected virtual int? MaxPageSize => null;

    /// <summary>Whether the vendor stores custom field values that are JSON objects and arrays. The default value is
    /// <see langword="true"/>; when <see langword="false"/>, the raw-value round trip uses a JSON string instead.</summary>
    protected virtual bool SupportsStructuredCustomFields => true;

    /// <summary>An id in the vendor's format that no contact has. The default value is <c>"999999999"</c>.</summary>
    protected virtual string UnknownId => "999999999";

    /// <summary>Creates a fresh, empty client of the provider under test; called once before each test.</summary>
    /// <returns>The client.</returns>
    protected abstract Task<IContactClient> CreateClientAsync();

    /// <summary>Creates the client for this test.</summary>
    /// <returns>A task that completes when the client is ready.</returns>
    public override async Task InitializeAsync() =>
        _client = await CreateClientAsync() ?? throw new InvalidOperationException("CreateClientAsync returned null.");

    /// <summary>An upsert of a new email address creates a contact with an id and reports it created.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_NewEmail_CreatesContactWithId()
    {
        var result = await Client.UpsertAsync(new Contact { Email = Address("ada@example.com"), FirstName = "Ada", LastName = "Lovelace" });

        Assert.True(result.Created);
        Assert.False(string.IsNullOrEmpty(result.Value.Id));
        Assert.Equal(Address("ada@example.com"), result.Value.Email);
        Assert.Equal("Ada", result.Value.FirstName);
        Contact? stored = await Client.GetAsync(result.Value.Id!);
        Assert.NotNull(stored);
        Assert.Equal(result.Value.Id, stored.Id);
        Assert.Equal(Address("ada@example.com"), stored.Email);
        Assert.Equal("Ada", stored.FirstName);
        Assert.Equal("Lovelace", stored.LastName);
    }

    /// <summary>An upsert of a known email address updates that contact and reports it not created.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_ExistingEmail_UpdatesAndReportsNotCreated()
    {
        var created = await Client.UpsertAsync(new Contact { Email = Address("ada@example.com"), FirstName = "Ada" });

        var updated = await Client.UpsertAsync(new Contact { Email = Address("ada@example.com"), FirstName = "Augusta" });

        Assert.False(updated.Created);
        Assert.Equal(created.Value.Id, updated.Value.Id);
        Assert.Equal("Augusta", updated.Value.FirstName);
        Assert.Equal("Augusta", (await Client.GetAsync(created.Value.Id!))?.FirstName);
        Assert.Single(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>An upsert matches the stored contact whatever the case of the email address.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_EmailInOtherCase_UpdatesSameContact()
    {
        var created = await Client.UpsertAsync(new Contact { Email = Address("Ada.Lovelace@Example.com") });

        var updated = await Client.UpsertAsync(new Contact { Email = Address("ADA.LOVELACE@example.COM"), Company = "Analytical Engines" });

        Assert.False(updated.Created);
        Assert.Equal(created.Value.Id, updated.Value.Id);
        Assert.Equal("Analytical Engines", updated.Value.Company);
        Assert.Single(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>An upsert with an id and no email updates the contact with that id.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_ById_UpdatesExistingContact()
    {
        var created = await Client.UpsertAsync(new Contact { Email = Address("ada@example.com"), FirstName = "Ada" });

        var updated = await Client.UpsertAsync(new Contact { Id = created.Value.Id, JobTitle = "Analyst" });

        Assert.False(updated.Created);
        Assert.Equal(created.Value.Id, updated.Value.Id);
        Assert.Equal("Analyst", updated.Value.JobTitle);
        Assert.Equal(Address("ada@example.com"), updated.Value.Email);
        Assert.Equal("Ada", updated.Value.FirstName);
    }

    /// <summary>An upsert matched by an id no contact has fails (<see cref="ContactMatchKey.Id"/>) and creates nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_MatchByUnknownId_ThrowsMartechNotFoundException()
    {
        var contact = new Contact { Id = UnknownId, Email = Address("ghost@example.com") };

        await Assert.ThrowsAnyAsync<MartechNotFoundException>(() => Client.UpsertAsync(contact, new ContactUpsertOptions { MatchBy = ContactMatchKey.Id }));

        Assert.Empty(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>Properties left <see langword="null"/> in an update keep their stored values.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_NullProperties_KeepStoredValues()
    {
        var created = await Client.UpsertAsync(new Contact
        {
            Email = Address("ada@example.com"),
            Phone = PhoneNumber.Parse("+44 20 7946 0958"),
            FirstName = "Ada",
            LastName = "Lovelace",
            Company = "Analytical Engines",
            JobTitle = "Analyst",
            LifecycleStage = LifecycleStage.Lead,
        });

        var updated = await Client.UpsertAsync(new Contact { Email = Address("ada@example.com"), LastName = "King" });

        foreach (Contact? contact in new[] { updated.Value, await Client.GetAsync(created.Value.Id!) })
        {
            Assert.NotNull(contact);
            Assert.Equal("King", contact.LastName);
            Assert.Equal("Ada", contact.FirstName);
            Assert.Equal("Analytical Engines", contact.Company);
            Assert.Equal("Analyst", contact.JobTitle);
            Assert.Equal(PhoneNumber.Parse("+442079460958"), contact.Phone);
            Assert.Equal(LifecycleStage.Lead, contact.LifecycleStage);
        }
    }

    /// <summary>An upsert without the key it matches by is an <see cref="ArgumentException"/> before any call, and
    /// stores nothing.</summary>
    /// <param name="matchBy">How the upsert matches.</param>
    /// <param name="hasEmail">Whether the contact has an email address.</param>
    /// <param name="hasId">Whether the contact has an id.</param>
    /// <returns>A task.</returns>
    [Theory]
    [InlineData(ContactMatchKey.Auto, false, false)]
    [InlineData(ContactMatchKey.Email, false, true)]
    [InlineData(ContactMatchKey.Id, true, false)]
    public async Task UpsertAsync_MissingMatchKey_ThrowsArgumentExceptionAndStoresNothing(ContactMatchKey matchBy, bool hasEmail, bool hasId)
    {
        var contact = new Contact
        {
            Email = hasEmail ? Address("ada@example.com") : null,
            Id = hasId ? UnknownId : null,
            FirstName = "Ada",
        };

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Client.UpsertAsync(contact, new ContactUpsertOptions { MatchBy = matchBy }));

        Assert.Empty(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>An upsert of <see langword="null"/> is an <see cref="ArgumentNullException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_NullContact_ThrowsArgumentNullException()
    {
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Client.UpsertAsync(null!));
    }

    /// <summary>String, number, boolean and date custom fields come back with the values written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_TypedCustomFields_RoundTrip()
    {
        var trialEnds = new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero);
        var contact = new Contact { Email = Address("ada@example.com") };
        contact.CustomFields.Set("favourite_colour", "teal");
        contact.CustomFields.Set("employees", 42L);
        contact.CustomFields.Set("discount", 12.5m);
        contact.CustomFields.Set("newsletter", true);
        contact.CustomFields.Set("trial_ends", trialEnds);

        var created = await Client.UpsertAsync(contact);

        foreach (Contact? stored in new[] { created.Value, await Client.GetAsync(created.Value.Id!) })
        {
            Assert.NotNull(stored);
            Assert.Equal("teal", stored.CustomFields.GetString("favourite_colour"));
            Assert.True(stored.CustomFields.TryGetInt64("employees", out long employees));
            Assert.Equal(42L, employees);
            Assert.True(stored.CustomFields.TryGetDecimal("discount", out decimal discount));
            Assert.Equal(12.5m, discount);
            Assert.True(stored.CustomFields.TryGetBoolean("newsletter", out bool newsletter));
            Assert.True(newsletter);
            Assert.True(stored.CustomFields.TryGetDateTimeOffset("trial_ends", out DateTimeOffset ends));
            Assert.Equal(trialEnds, ends);
        }
    }

    /// <summary>A custom field value the SDK has no type for comes back as the same JSON.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_UnknownRawCustomFieldValue_IsKept()
    {
        string json = SupportsStructuredCustomFields
            ? """{"plan":"pro","seats":[1,2,3],"renewal":null,"flags":{"beta":true}}"""
            : "\"Ünïcødé \\\"quoted\\\" vendor value\"";
        using JsonDocument document = JsonDocument.Parse(json);
        var contact = new Contact { Email = Address("ada@example.com") };
        contact.CustomFields.SetRaw("vendor_blob", document.RootElement);

        var created = await Client.UpsertAsync(contact);

        Contact? stored = await Client.GetAsync(created.Value.Id!);
        Assert.NotNull(stored);
        Assert.True(stored.CustomFields.TryGetValue("vendor_blob", out JsonElement value), "The custom field was dropped.");
        Assert.True(JsonElement.DeepEquals(document.RootElement, value), $"Expected {json} but read back {value.GetRawText()}.");
    }

    /// <summary>Custom fields not named in an update keep their stored values.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_UpdateWithSomeCustomFields_KeepsTheOthers()
    {
        var contact = new Contact { Email = Address("ada@example.com") };
        contact.CustomFields.Set("favourite_colour", "teal");
        var created = await Client.UpsertAsync(contact);
        var update = new Contact { Email = Address("ada@example.com") };
        update.CustomFields.Set("employees", 42L);

        await Client.UpsertAsync(update);

        Contact? stored = await Client.GetAsync(created.Value.Id!);
        Assert.NotNull(stored);
        Assert.Equal("teal", stored.CustomFields.GetString("favourite_colour"));
        Assert.True(stored.CustomFields.TryGetInt64("employees", out long employees));
        Assert.Equal(42L, employees);
    }

    /// <summary>Reading a contact, changing a named property and upserting it back loses no custom field.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_ReadModifyWrite_KeepsCustomFields()
    {
        var contact = new Contact { Email = Address("ada@example.com"), FirstName = "Ada" };
        contact.CustomFields.Set("favourite_colour", "teal");
        contact.CustomFields.Set("newsletter", true);
        var created = await Client.UpsertAsync(contact);
        Contact? read = await Client.GetAsync(created.Value.Id!);
        Assert.NotNull(read);

        await Client.UpsertAsync(read with { FirstName = "Augusta" });

        Contact? stored = await Client.GetAsync(created.Value.Id!);
        Assert.NotNull(stored);
        Assert.Equal("Augusta", stored.FirstName);
        Assert.Equal("teal", stored.CustomFields.GetString("favourite_colour"));
        Assert.True(stored.CustomFields.TryGetBoolean("newsletter", out bool newsletter) && newsletter);
    }

    /// <summary>Finding by email ignores the case of the address.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindByEmailAsync_OtherCase_FindsContact()
    {
        var created = await Client.UpsertAsync(new Contact { Email = Address("Ada.Lovelace@Example.com"), FirstName = "Ada" });

        Contact? found = await Client.FindByEmailAsync(Address("ADA.LOVELACE@EXAMPLE.COM"));

        Assert.NotNull(found);
        Assert.Equal(created.Value.Id, found.Id);
        Assert.Equal("Ada", found.FirstName);
    }

    /// <summary>Finding an address no contact has returns <see langword="null"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindByEmailAsync_UnknownEmail_ReturnsNull()
    {
        await Client.UpsertAsync(new Contact { Email = Address("ada@example.com") });

        Assert.Null(await Client.FindByEmailAsync(Address("grace@example.com")));
    }

    /// <summary>Finding many addresses at once returns each known address's contact once, keyed so the address finds it
    /// in any case, and leaves out addresses no contact has.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindByEmailsAsync_KnownUnknownAndRepeated_FindsEachKnownContactOnce()
    {
        var ada = await Client.UpsertAsync(new Contact { Email = Address("ada@example.com"), FirstName = "Ada" });
        var grace = await Client.UpsertAsync(new Contact { Email = Address("grace@example.com"), FirstName = "Grace" });

        IReadOnlyDictionary<EmailAddress, Contact> found = await Client.FindByEmailsAsync(
            [Address("ADA@Example.com"), Address("nobody@example.com"), Address("grace@example.com"), Address("ada@example.com")]);

        Assert.Equal(2, found.Count);
        Assert.Equal(ada.Value.Id, found[Address("ada@example.com")].Id);
        Assert.Equal("Ada", found[Address("Ada@EXAMPLE.com")].FirstName);
        Assert.Equal(grace.Value.Id, found[Address("grace@example.com")].Id);
        Assert.False(found.ContainsKey(Address("nobody@example.com")));
    }

    /// <summary>Finding more addresses than one vendor request reads (100 for HubSpot and Salesforce) finds every
    /// one: the provider splits the read and merges the answers.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindByEmailsAsync_MoreThanOneBatch_FindsEveryContact()
    {
        const int Count = 103;
        var upserted = await Client.UpsertManyAsync(
            Enumerable.Range(1, Count).Select(i => new Contact { Email = Address($"batch{i}@example.com") }).ToList());
        Assert.True(upserted.IsFullSuccess, string.Join("; ", upserted.Unsuccessful.Select(f => f.Error?.Message)));

        IReadOnlyDictionary<EmailAddress, Contact> found = await Client.FindByEmailsAsync(
            Enumerable.Range(1, Count).Select(i => Address($"batch{i}@example.com")).ToList());

        Assert.Equal(Count, found.Count);
        for (int i = 1; i <= Count; i++)
        {
            Assert.Equal(upserted.Items[i - 1].Value!.Id, found[Address($"batch{i}@example.com")].Id);
        }
    }

    /// <summary>Finding no addresses returns an empty result; a <see langword="null"/> list throws
    /// <see cref="ArgumentNullException"/>; a cancelled token throws <see cref="OperationCanceledException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindByEmailsAsync_EmptyNullOrCancelled_AnswersWithoutReading()
    {
        await Client.UpsertAsync(new Contact { Email = Address("ada@example.com") });

        Assert.Empty(await Client.FindByEmailsAsync([]));
        await Assert.ThrowsAsync<ArgumentNullException>(() => Client.FindByEmailsAsync(null!));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.FindByEmailsAsync([Address("ada@example.com")], Cancelled));
    }

    /// <summary>Getting an id no contact has returns <see langword="null"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        await Client.UpsertAsync(new Contact { Email = Address("ada@example.com") });

        Assert.Null(await Client.GetAsync(UnknownId));
    }

    /// <summary>A bulk upsert returns exactly one outcome per input, in input order: created, updated, or failed with
    /// a reason for an invalid or <see langword="null"/> item, which fails alone.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertManyAsync_MixedItems_OneOutcomePerInputInOrder()
    {
        var existing = await Client.UpsertAsync(new Contact { Email = Address("carol@example.com"), FirstName = "Carol" });
        Contact[] input =
        [
            new Contact { Email = Address("ann@example.com") },
            new Contact { FirstName = "No email, no id" },
            null!,
            new Contact { Email = Address("bob@example.com") },
            new Contact { Email = Address("carol@example.com"), Company = "Acme" },
        ];

        BulkResult<Contact> result = await Client.UpsertManyAsync(input);

        AssertOneOutcomePerInput(result, input.Length);
        Assert.Equal(BulkItemStatus.Created, result.Items[0].Status);
        Assert.Equal(Address("ann@example.com"), result.Items[0].Value?.Email);
        Assert.False(string.IsNullOrEmpty(result.Items[0].Value?.Id));
        AssertFailedWithReason(result.Items[1]);
        AssertFailedWithReason(result.Items[2]);
        Assert.Equal(BulkItemStatus.Created, result.Items[3].Status);
        Assert.Equal(Address("bob@example.com"), result.Items[3].Value?.Email);
        Assert.Equal(BulkItemStatus.Updated, result.Items[4].Status);
        Assert.Equal(existing.Value.Id, result.Items[4].Value?.Id);
        Assert.Equal("Acme", result.Items[4].Value?.Company);
        Assert.Equal((2, 1, 2), (result.CreatedCount, result.UpdatedCount, result.FailedCount));

        var stored = await ReadAllAsync(Client.ListAsync());
        Assert.Equal(3, stored.Count);
        Contact? carol = await Client.GetAsync(existing.Value.Id!);
        Assert.Equal(("Carol", "Acme"), (carol?.FirstName, carol?.Company));
        Assert.NotNull(await Client.GetAsync(result.Items[0].Value!.Id!));
        Assert.NotNull(await Client.GetAsync(result.Items[3].Value!.Id!));
    }

    /// <summary>A bulk upsert reports progress, the last report having every item complete and every failure counted.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertManyAsync_WithProgress_ReportsEveryItemCompleted()
    {
        var progress = new RecordingProgress();
        Contact[] input =
        [
            new Contact { Email = Address("ann@example.com") },
            new Contact { Email = Address("bob@example.com") },
            new Contact { LastName = "No email, no id" },
            new Contact { Email = Address("carol@example.com") },
            new Contact { Email = Address("dan@example.com") },
        ];

        BulkResult<Contact> result = await Client.UpsertManyAsync(input, new ContactUpsertOptions { BatchSize = 2, MaxConcurrency = 1, Progress = progress });

        AssertOneOutcomePerInput(result, input.Length);
        Assert.Equal(4, result.CreatedCount);
        AssertProgressCompleted(progress, total: input.Length, failed: 1);
    }

    /// <summary>A bulk upsert whose token is already cancelled throws <see cref="OperationCanceledException"/> and
    /// stores nothing (items are reported as failed only when cancellation comes after the call started).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertManyAsync_AlreadyCancelledToken_ThrowsAndStoresNothing()
    {
        Contact[] input = [new Contact { Email = Address("ann@example.com") }, new Contact { Email = Address("bob@example.com") }];

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.UpsertManyAsync(input, cancellationToken: Cancelled));

        Assert.Empty(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>A bulk upsert of no contacts returns an empty result.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertManyAsync_EmptyList_ReturnsNoOutcomes()
    {
        BulkResult<Contact> result = await Client.UpsertManyAsync([]);

        Assert.Empty(result.Items);
        Assert.True(result.IsFullSuccess);
    }

    /// <summary>A bulk upsert of a <see langword="null"/> list is an <see cref="ArgumentNullException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertManyAsync_NullList_ThrowsArgumentNullException()
    {
        await Assert.ThrowsAnyAsync<ArgumentNullException>(() => Client.UpsertManyAsync(null!));
    }

    /// <summary>Deleting a contact returns <see langword="true"/>, after which it cannot be read or found, and deleting
    /// it again returns <see langword="false"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task DeleteAsync_ExistingContact_ReturnsTrueThenFalse()
    {
        var created = await Client.UpsertAsync(new Contact { Email = Address("ada@example.com") });
        await Client.UpsertAsync(new Contact { Email = Address("grace@example.com") });

        Assert.True(await Client.DeleteAsync(created.Value.Id!));

        Assert.Null(await Client.GetAsync(created.Value.Id!));
        Assert.Null(await Client.FindByEmailAsync(Address("ada@example.com")));
        Assert.NotNull(await Client.FindByEmailAsync(Address("grace@example.com")));
        Assert.False(await Client.DeleteAsync(created.Value.Id!));
    }

    /// <summary>Deleting an id no contact has returns <see langword="false"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task DeleteAsync_UnknownId_ReturnsFalse()
    {
        Assert.False(await Client.DeleteAsync(UnknownId));
    }

    /// <summary>Erasing a contact removes it (where the vendor can erase).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task DeleteAsync_Erase_RemovesContact()
    {
        if (!SupportsErase)
        {
            NotApplicable("the vendor has no permanent erasure (SupportsErase is false).");
            return;
        }

        var created = await Client.UpsertAsync(new Contact { Email = Address("ada@example.com") });

        Assert.True(await Client.DeleteAsync(created.Value.Id!, new ContactDeleteOptions { Erase = true }));

        Assert.Null(await Client.GetAsync(created.Value.Id!));
        Assert.Empty(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>Listing an empty store yields nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_NoContacts_YieldsNothing()
    {
        Assert.Empty(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>Listing seven contacts two to a page yields each exactly once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_PageSizeTwoOverSevenContacts_YieldsEachContactOnce()
    {
        var ids = await SeedContactsAsync(7);

        var listed = await ReadAllAsync(Client.ListAsync(new ContactListOptions { PageSize = 2 }));

        Assert.Equal(ids.Order(StringComparer.Ordinal), listed.Select(c => c.Id!).Order(StringComparer.Ordinal));
    }

    /// <summary>The pages of a listing with page size two hold at most two contacts; every page but the last
    /// carries a continuation token, and together they hold each contact once.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AsPages_PageSizeTwo_PagesChainedByContinuationTokens()
    {
        var ids = await SeedContactsAsync(7);

        var pages = await ReadPagesAsync(Client.ListAsync(new ContactListOptions { PageSize = 2 }).AsPages());

        AssertChained(pages, maxPageSize: 2);
        Assert.True(pages.Count >= 4, $"Seven contacts two to a page need at least four pages, not {pages.Count}.");
        Assert.Equal(ids.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(c => c.Id!).Order(StringComparer.Ordinal));
    }

    /// <summary>A page-size hint given to <see cref="AsyncPageable{T}.AsPages"/> limits the pages too.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AsPages_PageSizeHint_LimitsPageSize()
    {
        var ids = await SeedContactsAsync(7);

        var pages = await ReadPagesAsync(Client.ListAsync().AsPages(pageSizeHint: 3));

        AssertChained(pages, maxPageSize: 3);
        Assert.Equal(ids.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(c => c.Id!).Order(StringComparer.Ordinal));
    }

    /// <summary>Resuming from the second page's continuation token yields exactly the contacts of the pages after it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AsPages_ResumeFromSecondPageToken_YieldsRemainingContacts()
    {
        await SeedContactsAsync(7);
        var pages = await ReadPagesAsync(Client.ListAsync(new ContactListOptions { PageSize = 2 }).AsPages());
        Assert.True(pages.Count >= 3, $"Seven contacts two to a page need at least three pages, not {pages.Count}.");
        var expected = pages.Skip(2).SelectMany(p => p.Items).Select(c => c.Id!).Order(StringComparer.Ordinal).ToList();

        var resumed = await ReadPagesAsync(Client.ListAsync(new ContactListOptions { PageSize = 2 }).AsPages(pages[1].ContinuationToken));

        Assert.Equal(expected, resumed.SelectMany(p => p.Items).Select(c => c.Id!).Order(StringComparer.Ordinal));
    }

    /// <summary>A continuation token given in the list options resumes the listing after the page that returned it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_ContinuationTokenOption_ResumesAfterFirstPage()
    {
        var ids = await SeedContactsAsync(7);
        Page<Contact>? first = null;
        await foreach (Page<Contact> page in Client.ListAsync(new ContactListOptions { PageSize = 2 }).AsPages())
        {
            first = page;
            break;
        }

        Assert.NotNull(first);
        Assert.NotNull(first.ContinuationToken);
        var rest = await ReadAllAsync(Client.ListAsync(new ContactListOptions { PageSize = 2, ContinuationToken = first.ContinuationToken }));

        var expected = ids.Except(first.Items.Select(c => c.Id!), StringComparer.Ordinal).Order(StringComparer.Ordinal);
        Assert.Equal(expected, rest.Select(c => c.Id!).Order(StringComparer.Ordinal));
    }

    /// <summary>A page size above the vendor's maximum is clamped to it, not rejected.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_PageSizeAboveMaximum_IsClamped()
    {
        int max = MaxPageSize ?? 0;
        var ids = max > 0 ? await SeedContactsAsync(max + 1) : await SeedContactsAsync(7);
        int requested = max > 0 ? max * 2 : 10_000;

        var pages = await ReadPagesAsync(Client.ListAsync(new ContactListOptions { PageSize = requested }).AsPages());

        AssertChained(pages, maxPageSize: max > 0 ? max : requested);
        Assert.Equal(ids.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Items).Select(c => c.Id!).Order(StringComparer.Ordinal));
    }

    /// <summary>Reading with a cancelled token throws <see cref="OperationCanceledException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetAsync_CancelledToken_ThrowsOperationCanceledException()
    {
        var created = await Client.UpsertAsync(new Contact { Email = Address("ada@example.com") });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.GetAsync(created.Value.Id!, Cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.FindByEmailAsync(Address("ada@example.com"), Cancelled));
    }

    /// <summary>An upsert with a cancelled token throws <see cref="OperationCanceledException"/> and stores nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task UpsertAsync_CancelledToken_ThrowsAndStoresNothing()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.UpsertAsync(new Contact { Email = Address("ada@example.com") }, cancellationToken: Cancelled));

        Assert.Empty(await ReadAllAsync(Client.ListAsync()));
    }

    /// <summary>A delete with a cancelled token throws <see cref="OperationCanceledException"/> and keeps the contact.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task DeleteAsync_CancelledToken_ThrowsAndKeepsContact()
    {
        var created = await Client.UpsertAsync(new Contact { Email = Address("ada@example.com") });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.DeleteAsync(created.Value.Id!, cancellationToken: Cancelled));

        Assert.NotNull(await Client.GetAsync(created.Value.Id!));
    }

    /// <summary>Enumerating a listing with a cancelled token throws <see cref="OperationCanceledException"/>, whether
    /// the token was given to the call or to the enumeration.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_CancelledToken_ThrowsOperationCanceledException()
    {
        await SeedContactsAsync(3);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAllAsync(Client.ListAsync(cancellationToken: Cancelled)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadAllAsync(Client.ListAsync(), Cancelled));
    }

    /// <summary><see cref="IContactClient.GetService"/> names the provider instance behind the client with a
    /// <see cref="MartechProviderMetadata"/>.</summary>
    [Fact]
    public void GetService_ProviderMetadata_NamesTheInstance()
    {
        var metadata = Assert.IsType<MartechProviderMetadata>(Client.GetService(typeof(MartechProviderMetadata)));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Name));
        Assert.False(string.IsNullOrWhiteSpace(metadata.ProviderType));
    }

    /// <summary><see cref="IContactClient.GetService"/> returns the client for its own interface.</summary>
    [Fact]
    public void GetService_ContactClientType_ReturnsClient()
    {
        Assert.IsAssignableFrom<IContactClient>(Client.GetService(typeof(IContactClient)));
    }

    /// <summary><see cref="IContactClient.GetService"/> returns <see langword="null"/> for a type nothing provides.</summary>
    [Fact]
    public void GetService_UnrelatedType_ReturnsNull()
    {
        Assert.Null(Client.GetService(typeof(UnrelatedService)));
    }

    private static EmailAddress Address(string value) => EmailAddress.Parse(value);

    /// <summary>Creates contacts person1@… to personN@… one by one and returns their ids.</summary>
    private async Task<List<string>> SeedContactsAsync(int count)
    {
        var ids = new List<string>(count);
        for (int i = 1; i <= count; i++)
        {
            var result = await Client.UpsertAsync(new Contact { Email = Address($"person{i}@example.com"), FirstName = $"Person {i}" });
            Assert.False(string.IsNullOrEmpty(result.Value.Id));
            ids.Add(result.Value.Id!);
        }

        Assert.Equal(count, ids.Distinct(StringComparer.Ordinal).Count());
        return ids;
    }

    private sealed class UnrelatedService;
}
