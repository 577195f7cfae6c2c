using System.Text.Json;
using Martech.Sdk.IntegrationTests.HubSpot;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Martech.Sdk.IntegrationTests.DataQuality;

/// <summary>A merge across the HubSpot emulator (two records of Ann, through the real provider and transport) and an
/// in-memory instance ("Legacy", one record): applied, checked on the emulator's wire and store, then undone.</summary>
public sealed class ContactMergeHubSpotTests(HubSpotEmulatorFixture fixture) : IClassFixture<HubSpotEmulatorFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("merge-hubspot-").FullName;

    private HubSpotEmulator Emulator => fixture.Emulator;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string? Stored(string id, string property) => Emulator.Contacts.TryGet(id, out HubSpotEmulatorObject? contact) ? contact[property] : null;

    private MergeWriteOptions Write() => new()
    {
        Actor = "integration-test",
        AuditLogPath = Path.Combine(_folder, "audit.jsonl"),
        UndoFilePath = Path.Combine(_folder, "undo.json"),
    };

    [Fact]
    public async Task MergeThenUndo_ThroughTheHubSpotProvider_WritesThePreviewAndRestoresTheOldValues()
    {
        await using ServiceProvider services = fixture.BuildServices(
            o => o.ContactPropertiesToRead = ["plan"],
            martech =>
            {
                martech.AddInMemory("Legacy");
                martech.AddContactMerge(o =>
                {
                    o.DefaultRule = SurvivorshipRules.SourcePriority;
                    o.SourcePriority.AddRange(["HubSpot", "Legacy"]);
                    o.DeleteLosers = true;
                });
            });
        string h1 = Emulator.AddContact(new Dictionary<string, string> { ["email"] = "ann@acme.com", ["firstname"] = "Annie", ["company"] = "Acme", ["jobtitle"] = "CTO" }).Id;
        string h2 = Emulator.AddContact(new Dictionary<string, string> { ["email"] = "ann.lee@gmail.com", ["lastname"] = "Lee", ["plan"] = "enterprise" }).Id;
        IContactClient hubSpot = services.GetRequiredKeyedService<IContactClient>("HubSpot");
        IContactClient legacy = services.GetRequiredKeyedService<IContactClient>("Legacy");
        var seed = new Contact { Email = EmailAddress.Parse("ann.lee@acme.com"), FirstName = "Ann", LastName = "Lee", Company = "Acme Ltd" };
        seed.CustomFields.Set("plan", "pro");
        string p = (await legacy.UpsertAsync(seed)).Value.Id!;

        var records = new List<SourcedContact>();
        await foreach (SourcedContact record in SourcedContact.ListAsync(hubSpot, "HubSpot"))
        {
            records.Add(record);
        }

        await foreach (SourcedContact record in SourcedContact.ListAsync(legacy))
        {
            records.Add(record);
        }

        ContactMerger merger = services.GetRequiredService<ContactMerger>();
        MergeProposal proposal = merger.Propose(records);
        Assert.Equal([$"Email: tie: HubSpot holds different values (HubSpot {h1} 'ann@acme.com', HubSpot {h2} 'ann.lee@gmail.com')"], proposal.OpenDecisions);
        proposal = proposal.Decide(RecordField.Email, "HubSpot", h1);
        Assert.Equal($"most complete: {h1} has 4 fields filled > 3", proposal.Survivors[0].Reason);
        MergePreview preview = proposal.Preview();
        Assert.Equal(["LastName: - -> Lee", "custom:plan: - -> enterprise"], preview.Records[0].Changes.Select(c => $"{c.Field}: {c.OldValue ?? "-"} -> {c.NewValue}"));
        Assert.Equal(MergeAction.Delete, preview.Records[1].Action);
        Assert.Equal(
            ["Email: ann.lee@acme.com -> ann@acme.com", "FirstName: Ann -> Annie", "Company: Acme Ltd -> Acme", "JobTitle: - -> CTO", "custom:plan: pro -> enterprise"],
            preview.Records[2].Changes.Select(c => $"{c.Field}: {c.OldValue ?? "-"} -> {c.NewValue}"));
        Emulator.RequestLog.Clear();

        MergeResult result = await merger.ApplyAsync(proposal, Write());

        Assert.True(result.Succeeded, string.Join("; ", result.Failures.Select(f => f.Error)));
        // On the wire: one PATCH of h1 with exactly the two changed properties, one DELETE of h2.
        RecordedRequest patch = Assert.Single(Emulator.RequestLog.RequestsTo("PATCH", $"/crm/v3/objects/contacts/{h1}"));
        using (JsonDocument body = JsonDocument.Parse(patch.BodyText))
        {
            Assert.Equal(["lastname=Lee", "plan=enterprise"], body.RootElement.GetProperty("properties").EnumerateObject().Select(x => $"{x.Name}={x.Value.GetString()}").Order(StringComparer.Ordinal));
        }

        Assert.Single(Emulator.RequestLog.RequestsTo("DELETE", $"/crm/v3/objects/contacts/{h2}"));
        Assert.Equal("Lee", Stored(h1, "lastname"));
        Assert.Equal("enterprise", Stored(h1, "plan"));
        Assert.Null(await hubSpot.GetAsync(h2));
        Contact mergedLegacy = (await legacy.GetAsync(p))!;
        Assert.Equal(("ann@acme.com", "Annie", "Acme", "CTO", "enterprise"), (mergedLegacy.Email?.Value, mergedLegacy.FirstName, mergedLegacy.Company, mergedLegacy.JobTitle, mergedLegacy.CustomFields.GetString("plan")));
        Assert.Equal(3, (await File.ReadAllLinesAsync(Write().AuditLogPath)).Length);

        MergeUndoResult undo = await merger.UndoAsync(result.UndoFilePath, Write());

        Assert.True(undo.Succeeded, string.Join("; ", undo.Records.Select(r => r.Error)));
        Contact restored = (await hubSpot.GetAsync(h1))!;
        Assert.Equal(("ann@acme.com", "Annie", null, null), (restored.Email?.Value, restored.FirstName, restored.LastName, restored.CustomFields.GetString("plan")));
        string recreatedId = undo.Records.Single(r => r.Action == MergeAction.Recreate).NewContactId!;
        Assert.NotEqual(h2, recreatedId); // HubSpot gives the re-created contact a new id
        Contact recreated = (await hubSpot.GetAsync(recreatedId))!;
        Assert.Equal(("ann.lee@gmail.com", "Lee", "enterprise"), (recreated.Email?.Value, recreated.LastName, recreated.CustomFields.GetString("plan")));
        Contact backLegacy = (await legacy.GetAsync(p))!;
        Assert.Equal(("ann.lee@acme.com", "Ann", "Acme Ltd", "pro"), (backLegacy.Email?.Value, backLegacy.FirstName, backLegacy.Company, backLegacy.CustomFields.GetString("plan")));
        Assert.True(string.IsNullOrEmpty(backLegacy.JobTitle));
        Assert.Equal(6, (await File.ReadAllLinesAsync(Write().AuditLogPath)).Length);
    }

    [Fact]
    public async Task Merge_SurvivorTakesTheAddressOfTheLoser_DeletesTheLoserBeforeThePatch_AndUndoes()
    {
        // HubSpot refuses (409) to give a contact an address another contact holds, so the loser goes first.
        await using ServiceProvider services = fixture.BuildServices(
            also: martech => martech.AddContactMerge(o =>
            {
                o.DefaultRule = SurvivorshipRules.SourcePriority;
                o.SourcePriority.Add("HubSpot");
                o.DeleteLosers = true;
            }));
        string h1 = Emulator.AddContact(new Dictionary<string, string> { ["email"] = "ann@acme.com", ["firstname"] = "Annie", ["company"] = "Acme", ["jobtitle"] = "CTO" }).Id;
        string h2 = Emulator.AddContact(new Dictionary<string, string> { ["email"] = "ann.lee@gmail.com", ["lastname"] = "Lee" }).Id;
        IContactClient hubSpot = services.GetRequiredKeyedService<IContactClient>("HubSpot");
        var records = new List<SourcedContact>();
        await foreach (SourcedContact record in SourcedContact.ListAsync(hubSpot, "HubSpot"))
        {
            records.Add(record);
        }

        ContactMerger merger = services.GetRequiredService<ContactMerger>();
        MergeProposal proposal = merger.Propose(records).Decide(RecordField.Email, "HubSpot", h2);
        Emulator.RequestLog.Clear();

        MergeResult result = await merger.ApplyAsync(proposal, Write());

        Assert.True(result.Succeeded, string.Join("; ", result.Failures.Select(f => f.Error)));
        RecordedRequest delete = Assert.Single(Emulator.RequestLog.RequestsTo("DELETE", $"/crm/v3/objects/contacts/{h2}"));
        RecordedRequest patch = Assert.Single(Emulator.RequestLog.RequestsTo("PATCH", $"/crm/v3/objects/contacts/{h1}"));
        Assert.True(delete.Sequence < patch.Sequence, "the loser holding the address is deleted before the survivor takes it");
        Assert.Equal("ann.lee@gmail.com", Stored(h1, "email"));

        MergeUndoResult undo = await merger.UndoAsync(result.UndoFilePath, Write());

        Assert.True(undo.Succeeded, string.Join("; ", undo.Records.Select(r => r.Error)));
        Assert.Equal("ann@acme.com", Stored(h1, "email"));
        Contact recreated = (await hubSpot.GetAsync(undo.Records.Single(r => r.Action == MergeAction.Recreate).NewContactId!))!;
        Assert.Equal(("ann.lee@gmail.com", "Lee"), (recreated.Email?.Value, recreated.LastName));
    }
}
