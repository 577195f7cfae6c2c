using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.HubSpot;

/// <summary>Bulk upserts against the HubSpot emulator over real sockets: 1,000 contacts with invalid items, 207
/// partial failures mapped to their exact inputs, and batches that fail whole.</summary>
public sealed class HubSpotBulkUpsertTests(HubSpotEmulatorFixture fixture) : IClassFixture<HubSpotEmulatorFixture>
{
    private HubSpotEmulator Emulator => fixture.Emulator;

    private static EmailAddress Email(string value) => EmailAddress.Parse(value);

    [Fact]
    public async Task UpsertManyAsync_ThousandContactsWithInvalidItems_EveryItemAccountedFor()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();

        // 40 contacts already exist, so some inputs update rather than create.
        for (int i = 0; i < 40; i++)
        {
            Emulator.AddContact(new Dictionary<string, string> { ["email"] = $"person{i}@example.com", ["firstname"] = "Old" });
        }

        Emulator.RequestLog.Clear();
        var input = new Contact?[1000];
        var expected = new Dictionary<int, (BulkItemStatus Status, string? Code)>();
        for (int i = 0; i < input.Length; i++)
        {
            if (i % 97 == 13)
            {
                input[i] = null;
                expected[i] = (BulkItemStatus.Failed, "NULL_ITEM");
            }
            else if (i % 89 == 7)
            {
                input[i] = new Contact { FirstName = "No key" };
                expected[i] = (BulkItemStatus.Failed, "MISSING_KEY");
            }
            else if (i % 50 == 25)
            {
                // Valid for the SDK, refused by HubSpot: the 207 must name exactly these inputs.
                input[i] = new Contact { Email = Email($"person{i}@example.com"), LifecycleStage = LifecycleStage.Create("not-a-stage") };
                expected[i] = (BulkItemStatus.Failed, "VALIDATION_ERROR");
            }
            else
            {
                input[i] = new Contact { Email = Email($"person{i}@example.com"), FirstName = $"Person {i}" };
                expected[i] = (i < 40 ? BulkItemStatus.Updated : BulkItemStatus.Created, null);
            }
        }

        var progress = new List<BulkProgress>();
        BulkResult<Contact> result = await client.UpsertManyAsync(input!, new ContactUpsertOptions { MaxConcurrency = 4, Progress = new SyncProgress(progress) });

        Assert.Equal(1000, result.Items.Count);
        for (int i = 0; i < input.Length; i++)
        {
            BulkItemResult<Contact> item = result.Items[i];
            Assert.Equal(i, item.Index);
            Assert.True(expected[i].Status == item.Status, $"Item {i}: expected {expected[i].Status}, got {item.Status} ({item.Error?.Message}).");
            if (expected[i].Code is { } code)
            {
                Assert.Equal(code, item.Error?.Code);
                Assert.False(string.IsNullOrWhiteSpace(item.Error?.Message));
            }
            else
            {
                Assert.Equal(Email($"person{i}@example.com"), item.Value?.Email);
                Assert.Equal($"Person {i}", item.Value?.FirstName);
            }
        }

        int refused = expected.Values.Count(e => e.Code == "VALIDATION_ERROR");
        Assert.Equal(result.Items.Count, result.CreatedCount + result.UpdatedCount + result.FailedCount);
        Assert.Equal(expected.Values.Count(e => e.Status == BulkItemStatus.Created), result.CreatedCount);
        Assert.Equal(expected.Values.Count(e => e.Status == BulkItemStatus.Updated), result.UpdatedCount);
        Assert.Equal(40 + result.CreatedCount, Emulator.Contacts.Count);
        Assert.DoesNotContain(Emulator.Contacts.Items, c => c["lifecyclestage"] == "not-a-stage");

        // Batches of at most 100 inputs, each valid input sent exactly once.
        var batches = Emulator.RequestLog.RequestsTo("POST", "/crm/v3/objects/contacts/batch/upsert");
        Assert.All(batches, b => Assert.InRange(b.ReadJsonNode()!["inputs"]!.AsArray().Count, 1, 100));
        int sent = batches.Sum(b => b.ReadJsonNode()!["inputs"]!.AsArray().Count);
        Assert.Equal(result.CreatedCount + result.UpdatedCount + refused, sent);
        Assert.Equal((sent + 99) / 100, batches.Count);
        Assert.Contains(batches, b => b.StatusCode == 207);

        Assert.Equal(1000, progress[^1].Completed);
        Assert.Equal(result.FailedCount, progress[^1].Failed);
    }

    [Fact]
    public async Task UpsertManyAsync_PartialBatchFailure_MapsErrorsToExactInputs()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();
        Contact[] input =
        [
            new Contact { Email = Email("ann@example.com") },
            new Contact { Email = Email("bob@example.com"), LifecycleStage = LifecycleStage.Create("prospect") },
            new Contact { Email = Email("carol@example.com") },
            new Contact { Email = Email("dan@example.com"), LifecycleStage = LifecycleStage.Create("warm") },
            new Contact { Email = Email("eve@example.com") },
        ];

        BulkResult<Contact> result = await client.UpsertManyAsync(input);

        var request = Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/crm/v3/objects/contacts/batch/upsert"));
        Assert.Equal(207, request.StatusCode);
        Assert.Equal([BulkItemStatus.Created, BulkItemStatus.Failed, BulkItemStatus.Created, BulkItemStatus.Failed, BulkItemStatus.Created], result.Items.Select(i => i.Status));
        foreach (int failed in (int[])[1, 3])
        {
            BulkItemError error = result.Items[failed].Error!;
            Assert.Equal("VALIDATION_ERROR", error.Code);
            Assert.Equal("lifecyclestage", error.Field);
            Assert.Contains(failed == 1 ? "prospect" : "warm", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(["ann@example.com", "carol@example.com", "eve@example.com"], Emulator.Contacts.Items.Select(c => c["email"]));
    }

    [Fact]
    public async Task UpsertManyAsync_ByIdWithUnknownIds_FailsOnlyThoseInputs()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();
        HubSpotEmulatorObject ann = Emulator.AddContact(new Dictionary<string, string> { ["email"] = "ann@example.com" });
        HubSpotEmulatorObject bob = Emulator.AddContact(new Dictionary<string, string> { ["email"] = "bob@example.com" });
        Contact[] input =
        [
            new Contact { Id = ann.Id, JobTitle = "CEO" },
            new Contact { Id = "424242", JobTitle = "Ghost" },
            new Contact { Id = bob.Id, JobTitle = "CTO" },
            new Contact { Id = "434343", JobTitle = "Ghost" },
        ];

        BulkResult<Contact> result = await client.UpsertManyAsync(input, new ContactUpsertOptions { MatchBy = ContactMatchKey.Id });

        Assert.Equal([BulkItemStatus.Updated, BulkItemStatus.Failed, BulkItemStatus.Updated, BulkItemStatus.Failed], result.Items.Select(i => i.Status));
        Assert.All([result.Items[1], result.Items[3]], i => Assert.Equal("OBJECT_NOT_FOUND", i.Error?.Code));
        Assert.Equal("CEO", result.Items[0].Value?.JobTitle);
        Assert.Equal(Email("bob@example.com"), result.Items[2].Value?.Email);
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/crm/v3/objects/contacts/batch/update"));
    }

    [Fact]
    public async Task UpsertManyAsync_RepeatedEmail_SplitsBatchesAndKeepsInputOrder()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();
        Contact[] input =
        [
            new Contact { Email = Email("ann@example.com"), FirstName = "First" },
            new Contact { Email = Email("bob@example.com") },
            new Contact { Email = Email("ANN@example.com"), FirstName = "Second" },
        ];

        BulkResult<Contact> result = await client.UpsertManyAsync(input, new ContactUpsertOptions { MaxConcurrency = 4 });

        Assert.Equal([BulkItemStatus.Created, BulkItemStatus.Created, BulkItemStatus.Updated], result.Items.Select(i => i.Status));
        Assert.Equal(2, Emulator.RequestLog.RequestsTo("POST", "/crm/v3/objects/contacts/batch/upsert").Count);
        Assert.Equal("Second", Emulator.Contacts.Items.Single(c => c["email"] == "ann@example.com")["firstname"]);
    }

    [Fact]
    public async Task UpsertManyAsync_BatchProcessedButAnswerLost_ItemsUnknownAndNotResent()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();
        Emulator.Faults.Next(1, "POST", "/crm/v3/objects/contacts/batch/upsert", EmulatorFault.ResetAfterProcessing());
        Contact[] input = [new Contact { Email = Email("ann@example.com") }, new Contact { Email = Email("bob@example.com") }, new Contact { Email = Email("carol@example.com") }];

        BulkResult<Contact> result = await client.UpsertManyAsync(input, new ContactUpsertOptions { BatchSize = 2, MaxConcurrency = 1 });

        Assert.Equal([BulkItemStatus.Unknown, BulkItemStatus.Unknown, BulkItemStatus.Created], result.Items.Select(i => i.Status));
        Assert.IsAssignableFrom<MartechTransportException>(result.Items[0].Error?.Exception);
        Assert.Equal(2, Emulator.RequestLog.RequestsTo("POST", "/crm/v3/objects/contacts/batch/upsert").Count);
        Assert.Equal(3, Emulator.Contacts.Count); // HubSpot did store the lost batch: resending could not have been safe to assume
    }

    [Fact]
    public async Task UpsertManyAsync_BatchRefusedWhole_ItemsFailedWithTheError()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();
        Emulator.MaxBatchSize = 2;
        try
        {
            Contact[] input = [new Contact { Email = Email("ann@example.com") }, new Contact { Email = Email("bob@example.com") }, new Contact { Email = Email("carol@example.com") }];

            BulkResult<Contact> result = await client.UpsertManyAsync(input);

            Assert.All(result.Items, i => Assert.Equal(BulkItemStatus.Failed, i.Status));
            Assert.All(result.Items, i => Assert.Equal("VALIDATION_ERROR", i.Error?.Code));
            Assert.All(result.Items, i => Assert.IsType<MartechRequestException>(i.Error?.Exception));
            Assert.Equal(0, Emulator.Contacts.Count);
        }
        finally
        {
            Emulator.MaxBatchSize = 100;
        }
    }

    [Fact]
    public async Task UpsertManyAsync_CancelledDuringRun_UnsentBatchesFailCancelled()
    {
        await using ServiceProvider sp = fixture.BuildServices();
        var client = sp.GetRequiredService<IContactClient>();
        using var cts = new CancellationTokenSource();
        var progress = new CancelAfterFirst(cts);
        Contact[] input = [.. Enumerable.Range(0, 6).Select(i => new Contact { Email = Email($"p{i}@example.com") })];

        BulkResult<Contact> result = await client.UpsertManyAsync(input, new ContactUpsertOptions { BatchSize = 2, MaxConcurrency = 1, Progress = progress }, cts.Token);

        Assert.Equal([BulkItemStatus.Created, BulkItemStatus.Created], result.Items.Take(2).Select(i => i.Status));
        Assert.All(result.Items.Skip(2), i => Assert.Equal((BulkItemStatus.Failed, "CANCELLED"), (i.Status, i.Error?.Code)));
        Assert.Single(Emulator.RequestLog.RequestsTo("POST", "/crm/v3/objects/contacts/batch/upsert"));
    }

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

    private sealed class CancelAfterFirst(CancellationTokenSource cts) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => cts.Cancel();
    }
}
