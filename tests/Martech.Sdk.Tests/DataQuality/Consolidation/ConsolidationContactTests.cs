using System.Text.Json;

namespace Martech.Sdk.Tests.DataQuality.Consolidation;

public sealed class ConsolidationContactTests
{
    [Fact]
    public async Task ConsolidateContacts_DefaultMapping_CopiesStandardAndCustomFieldsButNotInstanceFields()
    {
        await using var host = new ConsolidationHost();
        var consent = new Consent(ConsentStatus.Granted, "web form", new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var source = new Contact
        {
            Email = EmailAddress.Parse("Ana@Example.org"),
            Phone = PhoneNumber.Parse("+4915112345678"),
            FirstName = "Ana",
            LastName = "Lima",
            Company = "Acme",
            JobTitle = "CTO",
            LifecycleStage = LifecycleStage.Lead,
            EmailConsent = consent,
            OwnerId = "owner-in-old",
        };
        source.CustomFields.Set("employees", 250L);
        source.CustomFields.Set("industry", "Retail");
        Contact stored = (await host.OldContacts.UpsertAsync(source)).Value;
        var log = new OutcomeLog();

        ConsolidationResult result = await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { OnOutcome = log.Add });

        Contact copy = Assert.Single(host.NewStore.Contacts);
        Assert.Equal((EmailAddress.Parse("ana@example.org"), "+4915112345678", "Ana", "Lima", "Acme", "CTO"), (copy.Email!.Value, copy.Phone!.Value.Value, copy.FirstName, copy.LastName, copy.Company, copy.JobTitle));
        Assert.Equal(LifecycleStage.Lead, copy.LifecycleStage);
        Assert.Equal(consent, copy.EmailConsent); // typed: source and time kept
        Assert.Null(copy.OwnerId); // owner ids belong to the source instance
        Assert.Equal(250L, copy.CustomFields["employees"].GetInt64()); // raw JSON number kept
        Assert.Equal("Retail", copy.CustomFields.GetString("industry"));
        ConsolidationOutcome outcome = Assert.Single(log.Outcomes);
        Assert.Equal(new ConsolidationOutcome(stored.Id!, ConsolidationStatus.Created, copy.Id, "Ana@example.org", "No match on New by email."), outcome);
        Assert.Equal((1, 0, 0, 0, 1, "consolidation:contacts:Old:New", "Old", "New"), (result.Created, result.Updated, result.Skipped, result.Failed, result.Pages, result.CheckpointKey, result.Source, result.Target));
    }

    [Fact]
    public async Task ConsolidateContacts_Mappings_RenameTransformDropAndDropUnmappedCustomFields()
    {
        await using var host = new ConsolidationHost();
        var source = ConsolidationHost.Person(1) with { JobTitle = "Head of Sales", Phone = PhoneNumber.Parse("+14155550100") };
        source.CustomFields.Set("industry", "retail");
        source.CustomFields.Set("favourite_colour", "green");
        source.CustomFields.Set("owner_email", "rep@old.example");
        await host.OldContacts.UpsertAsync(source);
        var options = new ConsolidationOptions { UnmappedCustomFields = UnmappedCustomFields.Drop };
        options.Fields =
        [
            new ConsolidationFieldMap(RecordField.Custom("industry"), RecordField.Custom("sector"), v => v?.ToUpperInvariant()),
            new ConsolidationFieldMap(RecordField.JobTitle, RecordField.Parse("custom:title")),
            new ConsolidationFieldMap(RecordField.Custom("owner_email"), RecordField.OwnerId, v => v == "rep@old.example" ? "owner-7" : null),
        ];
        options.Drop = [RecordField.Phone];

        await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options);

        Contact copy = Assert.Single(host.NewStore.Contacts);
        Assert.Equal("RETAIL", copy.CustomFields.GetString("sector"));
        Assert.Equal("Head of Sales", copy.CustomFields.GetString("title"));
        Assert.Null(copy.JobTitle); // JobTitle's default mapping was replaced by the one to custom:title
        Assert.Equal("owner-7", copy.OwnerId);
        Assert.Null(copy.Phone);
        Assert.Equal(["sector", "title"], copy.CustomFields.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConsolidateContacts_ExistingTargetContact_UpdatedInPlaceMatchedByEmailIgnoringCase()
    {
        await using var host = new ConsolidationHost();
        Contact existing = (await host.NewContacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("PERSON1@example.org"), FirstName = "Old name", JobTitle = "Kept" })).Value;
        IReadOnlyList<Contact> sources = await host.SeedContactsAsync(2);
        var log = new OutcomeLog();

        ConsolidationResult result = await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { OnOutcome = log.Add });

        Assert.Equal(2, host.NewStore.Contacts.Count);
        Contact updated = host.NewStore.Contacts.Single(c => c.Id == existing.Id);
        Assert.Equal(("First1", "Kept"), (updated.FirstName, updated.JobTitle)); // a value the source lacks is left alone
        Assert.Equal(new ConsolidationOutcome(sources[0].Id!, ConsolidationStatus.Updated, existing.Id, "person1@example.org", $"Matched '{existing.Id}' on New by email."), log.Outcomes[0]);
        Assert.Equal(ConsolidationStatus.Created, log.Outcomes[1].Status);
        Assert.Equal((1, 1), (result.Created, result.Updated));
    }

    [Fact]
    public async Task ConsolidateContacts_SkipExisting_LeavesTargetAloneAndReportsWhy()
    {
        await using var host = new ConsolidationHost();
        Contact existing = (await host.NewContacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("person1@example.org"), FirstName = "Theirs" })).Value;
        await host.SeedContactsAsync(1);
        var log = new OutcomeLog();

        ConsolidationResult result = await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { Existing = ExistingRecordPolicy.Skip, OnOutcome = log.Add });

        Assert.Equal("Theirs", Assert.Single(host.NewStore.Contacts).FirstName);
        ConsolidationOutcome outcome = Assert.Single(log.Outcomes);
        Assert.Equal((ConsolidationStatus.Skipped, existing.Id), (outcome.Status, outcome.TargetId));
        Assert.Equal($"Exists on New as '{existing.Id}' (same email); the policy is to skip existing records.", outcome.Reason);
        Assert.Equal(1, result.Skipped);
    }

    [Fact]
    public async Task ConsolidateContacts_MatchByPhone_FindsTargetContactWithAnotherAddress()
    {
        await using var host = new ConsolidationHost();
        Contact existing = (await host.NewContacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ana.work@example.org"), Phone = PhoneNumber.Parse("+4915112345678") })).Value;
        await host.OldContacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ana@example.org"), Phone = PhoneNumber.Parse("+49 151 12345678"), FirstName = "Ana" });
        var log = new OutcomeLog();

        await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { MatchByPhone = true, Existing = ExistingRecordPolicy.Skip, OnOutcome = log.Add });

        Assert.Single(host.NewStore.Contacts);
        Assert.Equal((ConsolidationStatus.Skipped, existing.Id), (log.Outcomes[0].Status, log.Outcomes[0].TargetId));
        Assert.Contains("(same phone)", log.Outcomes[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConsolidateContacts_WithoutPhoneMatching_SamePhoneOtherAddressIsCreated()
    {
        await using var host = new ConsolidationHost();
        await host.NewContacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ana.work@example.org"), Phone = PhoneNumber.Parse("+4915112345678") });
        await host.OldContacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ana@example.org"), Phone = PhoneNumber.Parse("+4915112345678") });

        ConsolidationResult result = await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts);

        Assert.Equal(2, host.NewStore.Contacts.Count);
        Assert.Equal(1, result.Created);
    }

    [Fact]
    public async Task ConsolidateContacts_CreateMissingOff_OnlyExistingAreUpdated()
    {
        await using var host = new ConsolidationHost();
        await host.NewContacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("person2@example.org") });
        await host.SeedContactsAsync(3);
        var log = new OutcomeLog();

        ConsolidationResult result = await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts, new ConsolidationOptions { CreateMissing = false, OnOutcome = log.Add });

        Assert.Equal("First2", Assert.Single(host.NewStore.Contacts).FirstName);
        Assert.Equal((0, 1, 2), (result.Created, result.Updated, result.Skipped));
        Assert.Equal("No match on New, and creating is off (CreateMissing).", log.Outcomes[0].Reason);
    }

    [Fact]
    public async Task ConsolidateContacts_SameAddressTwiceAtSource_OneTargetContact()
    {
        await using var host = new ConsolidationHost();
        await host.OldContacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ana@example.org"), FirstName = "Ana" });
        await host.OldContacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("other@example.org"), FirstName = "Other" });
        // The second instance's own store allows only one contact per address, so the duplicate arrives through a
        // mapping that gives two source contacts the same target address.
        var options = new ConsolidationOptions { Existing = ExistingRecordPolicy.Skip };
        options.Fields = [new ConsolidationFieldMap(RecordField.Email, RecordField.Email, _ => "shared@example.org")];
        var log = new OutcomeLog();
        options.OnOutcome = log.Add;

        await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options);

        Contact only = Assert.Single(host.NewStore.Contacts);
        Assert.Equal([ConsolidationStatus.Created, ConsolidationStatus.Skipped], log.Outcomes.Select(o => o.Status));
        Assert.Equal(only.Id, log.Outcomes[1].TargetId);
    }

    [Fact]
    public async Task ConsolidateContacts_BadValueOrRefusedRecord_FailsThatRecordOnlyWithTheReason()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(4);
        var target = new FailingContactClient(host.NewContacts) { Refuse = { "person3@example.org" } };
        var options = new ConsolidationOptions();
        options.Fields = [new ConsolidationFieldMap(RecordField.Email, RecordField.Email, v => v == "person2@example.org" ? "not an address" : v)];
        var log = new OutcomeLog();
        options.OnOutcome = log.Add;

        ConsolidationResult result = await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, target, options);

        Assert.Equal([ConsolidationStatus.Created, ConsolidationStatus.Failed, ConsolidationStatus.Failed, ConsolidationStatus.Created], log.Outcomes.Select(o => o.Status));
        Assert.StartsWith("The value 'not an address' for the field Email is not valid", log.Outcomes[1].Reason, StringComparison.Ordinal);
        Assert.Equal("New refused the record: Property values were not valid for person3@example.org. (VALIDATION_ERROR)", log.Outcomes[2].Reason);
        Assert.Equal((2, 2), (result.Created, result.Failed));
        Assert.Equal(2, host.NewStore.Contacts.Count);
    }

    [Fact]
    public async Task ConsolidateContacts_TransformThrows_FailsThatRecordNamingTheMapping()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(1);
        var options = new ConsolidationOptions();
        options.Fields = [new ConsolidationFieldMap(RecordField.Company, RecordField.Company, _ => throw new FormatException("no such company code"))];
        var log = new OutcomeLog();
        options.OnOutcome = log.Add;

        await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options);

        Assert.Equal("The transform from Company to Company failed on 'Acme': no such company code", log.Outcomes[0].Reason);
        Assert.Empty(host.NewStore.Contacts);
    }

    [Fact]
    public async Task ConsolidateContacts_DryRun_WritesNothingAndReportsWhatWouldHappen()
    {
        await using var host = new ConsolidationHost();
        Contact existing = (await host.NewContacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("person2@example.org"), FirstName = "Theirs" })).Value;
        IReadOnlyList<Contact> sources = await host.SeedContactsAsync(3);
        var store = new InMemoryCheckpointStore();
        var log = new OutcomeLog();
        var options = new ConsolidationOptions { DryRun = true, Mode = ConsolidationMode.Move, PageSize = 2, OnOutcome = log.Add };

        ConsolidationResult result = await new Sdk.Consolidation(store).ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options);

        Assert.Equal("Theirs", Assert.Single(host.NewStore.Contacts).FirstName);
        Assert.Equal(3, host.OldStore.Contacts.Count);
        Assert.Null(await store.GetAsync(result.CheckpointKey));
        Assert.Equal(
            [(sources[0].Id!, ConsolidationStatus.Created, null, true), (sources[1].Id!, ConsolidationStatus.Updated, existing.Id, true), (sources[2].Id!, ConsolidationStatus.Created, null, true)],
            log.Outcomes.Select(o => (o.SourceId, o.Status, o.TargetId, o.SourceDeleted)));
        Assert.Equal((true, 2, 1, 3, 2), (result.DryRun, result.Created, result.Updated, result.SourceDeleted, result.Pages));
    }

    [Fact]
    public async Task ConsolidateContacts_DryRun_SecondSourceRecordForAnAddressItWouldCreate_WouldUpdateIt()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(3);
        var options = new ConsolidationOptions { DryRun = true, PageSize = 1 };
        options.Fields = [new ConsolidationFieldMap(RecordField.Email, RecordField.Email, _ => "one@example.org")];
        var log = new OutcomeLog();
        options.OnOutcome = log.Add;

        await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options);

        Assert.Equal([ConsolidationStatus.Created, ConsolidationStatus.Updated, ConsolidationStatus.Updated], log.Outcomes.Select(o => o.Status));
        Assert.Equal("Matched a record this run would create on New by email.", log.Outcomes[2].Reason);
    }

    [Fact]
    public async Task ConsolidateContacts_Move_DeletesOnlySourceRecordsWhoseTargetWriteSucceeded()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(11);
        var target = new FailingContactClient(host.NewContacts) { Refuse = { "person3@example.org", "person8@example.org" } };
        var log = new OutcomeLog();

        // Pages of 4: after deleting from a page the move reads it again from the same token (offset paging shifts),
        // until a read brings no record without an outcome; the two kept records are passed over each time.
        ConsolidationResult result = await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, target, new ConsolidationOptions { Mode = ConsolidationMode.Move, PageSize = 4, OnOutcome = log.Add });

        Assert.Equal(["person3@example.org", "person8@example.org"], host.OldStore.Contacts.Select(c => c.Email!.Value.Value));
        Assert.Equal(9, host.NewStore.Contacts.Count);
        Assert.Equal(11, log.Outcomes.Select(o => o.SourceId).Distinct().Count());
        Assert.Equal(11, log.Outcomes.Count);
        Assert.All(log.Outcomes, o => Assert.Equal(o.Status == ConsolidationStatus.Created, o.SourceDeleted));
        Assert.Equal((9, 2, 9), (result.Created, result.Failed, result.SourceDeleted));
    }

    [Fact]
    public async Task ConsolidateContacts_ContactWithoutEmail_FailsWithTheReason()
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(1);
        var options = new ConsolidationOptions();
        options.Drop = [RecordField.Email];
        var log = new OutcomeLog();
        options.OnOutcome = log.Add;

        await new Sdk.Consolidation().ConsolidateContactsAsync(host.OldContacts, host.NewContacts, options);

        Assert.Equal("New refused the record: The contact has no email address, which a contacts client needs to create a contact (its upsert key); map one, or copy it by hand.", log.Outcomes[0].Reason);
    }

    [Fact]
    public async Task ConsolidateContacts_ClientWithoutInstanceName_NeedsTheNameInOptions()
    {
        await using var host = new ConsolidationHost();
        var bare = new NamelessContactClient(host.OldContacts);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => new Sdk.Consolidation().ConsolidateContactsAsync(bare, host.NewContacts));

        Assert.StartsWith("The source client reports no provider instance name (MartechProviderMetadata); set ConsolidationOptions.SourceInstance.", error.Message, StringComparison.Ordinal);
        ConsolidationResult result = await new Sdk.Consolidation().ConsolidateContactsAsync(bare, host.NewContacts, new ConsolidationOptions { SourceInstance = "Legacy" });
        Assert.Equal("consolidation:contacts:Legacy:New", result.CheckpointKey);
    }

    private sealed class NamelessContactClient(IContactClient inner) : DelegatingContactClient(inner)
    {
        public override object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(MartechProviderMetadata) ? null : base.GetService(serviceType, serviceKey);
    }

    [Theory]
    [InlineData(ConsolidationMode.Copy)]
    [InlineData(ConsolidationMode.Move)]
    public async Task ConsolidateContacts_SeveralRecordsWithoutAnIdOnAPage_EachFailsOnce(ConsolidationMode mode)
    {
        await using var host = new ConsolidationHost();
        await host.SeedContactsAsync(5);
        string[] idless = ["person2@example.org", "person3@example.org", "person4@example.org"];
        var source = new IdlessSourceClient(host.OldContacts, c => idless.Contains(c.Email?.Value));
        var log = new OutcomeLog();

        ConsolidationResult result = await new Sdk.Consolidation().ConsolidateContactsAsync(source, host.NewContacts, new ConsolidationOptions { Mode = mode, PageSize = 10, OnOutcome = log.Add });

        Assert.Equal(5, log.Outcomes.Count);
        ConsolidationOutcome[] failed = [.. log.Outcomes.Where(o => o.Status == ConsolidationStatus.Failed)];
        Assert.Equal(3, failed.Length);
        Assert.All(failed, o => Assert.Equal(("(no id)", "The source record has no id, so its outcome cannot be recorded; it was not copied."), (o.SourceId, o.Reason)));
        Assert.Equal((2, 3), (result.Created, result.Failed));
        Assert.Equal(2, host.NewStore.Contacts.Count);
        Assert.Equal(mode == ConsolidationMode.Move ? 3 : 5, host.OldStore.Contacts.Count);
    }
}
