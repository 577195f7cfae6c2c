using System.Text.Json.Nodes;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Salesforce;

/// <summary>Bulk upserts through sObject Collections against the emulator: every input accounted for, partial batch
/// failures mapped to the exact items, lost answers reported as unknown and never resent.</summary>
public sealed class SalesforceBulkTests(SalesforceEmulatorFixture fixture) : IClassFixture<SalesforceEmulatorFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private SalesforceEmulator Emulator => fixture.Emulator;

    private IContactClient Contacts => _services.GetRequiredService<IContactClient>();

    public Task InitializeAsync()
    {
        Emulator.Reset();
        _services = fixture.CreateServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task UpsertManyAsync_1000ContactsWithInvalidItems_EveryItemAccountedFor()
    {
        for (int j = 0; j < 50; j++)
        {
            Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = $"Existing {j}", ["Email"] = $"existing{j}@example.com" });
        }

        var input = new Contact?[1000];
        var expected = new BulkItemStatus[1000];
        var expectedCode = new string?[1000];
        for (int i = 0; i < input.Length; i++)
        {
            (input[i], expected[i], expectedCode[i]) = (i % 100) switch
            {
                7 => (null, BulkItemStatus.Failed, "NULL_ITEM"),
                13 => (new Contact { FirstName = "No key" }, BulkItemStatus.Failed, "MISSING_KEY"),
                21 => (new Contact { Email = Address($"toolong{i}@example.com"), LastName = new string('x', 81) }, BulkItemStatus.Failed, "STRING_TOO_LONG"),
                _ when i % 20 == 5 => (new Contact { Email = Address($"existing{i / 20}@example.com"), Company = null, JobTitle = "Updated" }, BulkItemStatus.Updated, null),
                _ when i >= 900 && i < 910 => (new Contact { Email = Address($"person{i - 900}@example.com"), JobTitle = "Second time" }, BulkItemStatus.Updated, null),
                _ => (new Contact { Email = Address($"person{i}@example.com"), FirstName = $"Person {i}" }, BulkItemStatus.Created, null),
            };
        }

        var progress = new List<BulkProgress>();
        var reporter = new SyncProgress(progress);
        BulkResult<Contact> result = await Contacts.UpsertManyAsync(input!, new ContactUpsertOptions { Progress = reporter });

        Assert.Equal(1000, result.Items.Count);
        for (int i = 0; i < input.Length; i++)
        {
            BulkItemResult<Contact> item = result.Items[i];
            Assert.Equal(i, item.Index);
            Assert.True(expected[i] == item.Status, $"Item {i}: expected {expected[i]}, got {item.Status} ({item.Error?.Code}: {item.Error?.Message}).");
            if (item.IsSuccess)
            {
                Assert.NotNull(item.Value?.Id);
                Assert.Equal(input[i]!.Email, item.Value!.Email);
            }
            else
            {
                Assert.Equal(expectedCode[i], item.Error?.Code);
                Assert.False(string.IsNullOrWhiteSpace(item.Error?.Message));
            }
        }

        int created = expected.Count(static s => s == BulkItemStatus.Created);
        Assert.Equal(912, created);
        Assert.Equal((created, 58, 30, 0), (result.CreatedCount, result.UpdatedCount, result.FailedCount, result.UnknownCount));
        Assert.Equal(50 + created, Emulator.CountRecords("Contact"));

        // Every address exactly once: repeats in the input updated, never duplicated.
        var emails = Emulator.GetRecords("Contact").Select(static r => (string)r["Email"]!).ToList();
        Assert.Equal(emails.Count, emails.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("Second time", Emulator.GetRecords("Contact").Single(r => (string?)r["Email"] == "person3@example.com")["Title"]!.GetValue<string>());

        // Collections of at most 200 records; progress after each of the 5 batches, ending complete.
        foreach (RecordedRequest request in Emulator.RequestLog.Requests.Where(static r => r.Path.EndsWith("/composite/sobjects", StringComparison.Ordinal)))
        {
            Assert.InRange(request.ReadJsonNode()!["records"]!.AsArray().Count, 1, 200);
        }

        Assert.Equal(5, progress.Count);
        Assert.Equal(new BulkProgress(1000, 1000, 30), progress.MaxBy(static p => p.Completed));
    }

    [Fact]
    public async Task UpsertManyAsync_ValidationRuleFailsSomeRecords_ErrorsMapToTheExactItems()
    {
        Emulator.AddValidationRule("Contact", "Title", value => value?.GetValue<string>() != "Intern", "Interns are not synced to Salesforce.");
        Contact[] input = [.. Enumerable.Range(0, 10).Select(i => new Contact { Email = Address($"p{i}@example.com"), JobTitle = i is 2 or 7 ? "Intern" : "Engineer" })];

        BulkResult<Contact> result = await Contacts.UpsertManyAsync(input);

        Assert.Equal((8, 2), (result.CreatedCount, result.FailedCount));
        foreach (int i in new[] { 2, 7 })
        {
            BulkItemError error = result.Items[i].Error!;
            Assert.Equal(BulkItemStatus.Failed, result.Items[i].Status);
            Assert.Equal(("FIELD_CUSTOM_VALIDATION_EXCEPTION", "Title"), (error.Code, error.Field));
            Assert.Contains("Interns are not synced", error.Message, StringComparison.Ordinal);
        }

        Assert.All(result.Items.Where(static r => r.Index is not (2 or 7)), r => Assert.Equal(BulkItemStatus.Created, r.Status));
        Assert.Equal(8, Emulator.CountRecords("Contact"));
        Assert.DoesNotContain(Emulator.GetRecords("Contact"), r => (string?)r["Title"] == "Intern");
    }

    [Fact]
    public async Task UpsertManyAsync_ConnectionLostAfterCreate_ItemsUnknownAndNotResent()
    {
        Emulator.Faults.Next(1, "POST", "/services/data/v62.0/composite/sobjects", EmulatorFault.ResetAfterProcessing());
        Contact[] input = [new Contact { Email = Address("ann@example.com") }, new Contact { Email = Address("bob@example.com") }];

        BulkResult<Contact> result = await Contacts.UpsertManyAsync(input);

        Assert.Equal(2, result.UnknownCount);
        Assert.All(result.Items, item => Assert.Equal("UNKNOWN_OUTCOME", item.Error?.Code));
        Assert.All(result.Items, item => Assert.IsAssignableFrom<MartechTransportException>(item.Error?.Exception));
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/services/data/v62.0/composite/sobjects"));

        // The emulator did create them: which is why they are unknown, not failed, and were not sent again.
        Assert.Equal(2, Emulator.CountRecords("Contact"));
    }

    [Fact]
    public async Task UpsertManyAsync_BatchAnswered5xx_ItemsOfThatBatchAreUnknownWithTheError()
    {
        Emulator.Faults.Next(1, "PATCH", "/services/data/v62.0/composite/sobjects", EmulatorFault.ServerError(503));
        await Contacts.UpsertAsync(new Contact { Email = Address("ann@example.com") });

        BulkResult<Contact> result = await Contacts.UpsertManyAsync(
            [new Contact { Email = Address("ann@example.com"), JobTitle = "CTO" }, new Contact { Email = Address("new@example.com") }]);

        // The update batch got Salesforce's 5xx: a PATCH is not retried, since it may have been processed, so its item is
        // unknown (not failed) and carries Salesforce's error; the create of the other item went ahead.
        Assert.Equal(BulkItemStatus.Unknown, result.Items[0].Status);
        var error = Assert.IsType<MartechRequestException>(result.Items[0].Error?.Exception);
        Assert.True(error.MayHaveBeenProcessed);
        Assert.Equal("UNKNOWN_EXCEPTION", error.ErrorCode);
        Assert.Contains("may have processed this item", result.Items[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(BulkItemStatus.Created, result.Items[1].Status);
    }

    [Fact]
    public async Task UpsertManyAsync_SameEmailOnTwoContacts_ThatItemFailsWithMultipleChoices()
    {
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "One", ["Email"] = "twin@example.com" });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Two", ["Email"] = "TWIN@example.com" });

        BulkResult<Contact> result = await Contacts.UpsertManyAsync([new Contact { Email = Address("twin@example.com") }, new Contact { Email = Address("solo@example.com") }]);
        var single = await Assert.ThrowsAsync<MartechRequestException>(() => Contacts.UpsertAsync(new Contact { Email = Address("twin@example.com") }));

        Assert.Equal(("MULTIPLE_CHOICES", BulkItemStatus.Created), (result.Items[0].Error?.Code, result.Items[1].Status));
        Assert.Equal("MULTIPLE_CHOICES", single.ErrorCode);
        Assert.Contains("2 Salesforce contacts", single.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertManyAsync_ExternalIdField_UsesCollectionUpsertWithCreatedFlags()
    {
        Emulator.AddExternalIdField("Contact", "Email_Key__c");
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Known", ["Email"] = "known@example.com", ["Email_Key__c"] = "known@example.com" });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Twin A", ["Email_Key__c"] = "twin@example.com" });
        Emulator.AddRecord("Contact", new Dictionary<string, object?> { ["LastName"] = "Twin B", ["Email_Key__c"] = "twin@example.com" });
        await using ServiceProvider services = fixture.CreateServices(o => o.ContactEmailExternalIdField = "Email_Key__c");
        var contacts = services.GetRequiredService<IContactClient>();

        BulkResult<Contact> result = await contacts.UpsertManyAsync(
        [
            new Contact { Email = Address("KNOWN@example.com"), JobTitle = "CFO" },
            new Contact { Email = Address("new@example.com"), FirstName = "New" },
            new Contact { Email = Address("twin@example.com") },
        ]);

        Assert.Equal(BulkItemStatus.Updated, result.Items[0].Status);
        Assert.Equal(BulkItemStatus.Created, result.Items[1].Status);
        Assert.Equal(("DUPLICATE_EXTERNAL_ID", BulkItemStatus.Failed), (result.Items[2].Error?.Code, result.Items[2].Status));
        RecordedRequest upsert = Assert.Single(Emulator.RequestLog.RequestsTo("PATCH", "/services/data/v62.0/composite/sobjects/Contact/Email_Key__c"));
        Assert.Equal("new@example.com", upsert.ReadJsonNode()!["records"]![1]!["Email_Key__c"]!.GetValue<string>());

        // The new contact had no last name, so the default was sent (the provider looked the key up first).
        JsonObject created = Emulator.GetRecord("Contact", result.Items[1].Value!.Id!)!;
        Assert.Equal("[not provided]", created["LastName"]!.GetValue<string>());
        Assert.Equal("CFO", Emulator.GetRecords("Contact").Single(r => (string?)r["LastName"] == "Known")["Title"]!.GetValue<string>());
    }

    private static EmailAddress Address(string value) => EmailAddress.Parse(value);

    private sealed class SyncProgress(List<BulkProgress> reports) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
