namespace Martech.Sdk.Tests.DataQuality.Consolidation;

public sealed class ConsolidationLeadTests
{
    [Fact]
    public async Task ConsolidateLeads_CopiesMappedFieldsWithoutSourceIdsAndUpdatesTheExistingLead()
    {
        await using var host = new ConsolidationHost();
        Lead existing = await host.NewLeads.CreateAsync(new Lead { Email = EmailAddress.Parse("ana@example.org"), Company = "Old Co", Source = "kept" });
        var first = new Lead { Email = EmailAddress.Parse("Ana@example.org"), Company = "Acme", Title = "CTO", Status = LeadStatus.Working, Score = 42, ContactId = "c_99", OwnerId = "u_1" };
        first.CustomFields.Set("budget_band", "50k+");
        Lead a = await host.OldLeads.CreateAsync(first);
        Lead b = await host.OldLeads.CreateAsync(new Lead { Phone = PhoneNumber.Parse("+14155550101"), FirstName = "Bo" });
        var log = new OutcomeLog();

        ConsolidationResult result = await new Sdk.Consolidation().ConsolidateLeadsAsync(host.OldLeads, host.NewLeads, new ConsolidationOptions { OnOutcome = log.Add });

        Assert.Equal(2, host.NewStore.Leads.Count);
        Lead updated = host.NewStore.Leads.Single(l => l.Id == existing.Id);
        Assert.Equal(("Acme", "CTO", LeadStatus.Working, 42, "kept"), (updated.Company, updated.Title, updated.Status!.Value, updated.Score, updated.Source));
        Assert.Equal("50k+", updated.CustomFields.GetString("budget_band"));
        Assert.Null(updated.OwnerId);
        Lead created = host.NewStore.Leads.Single(l => l.Id != existing.Id);
        Assert.Equal(("Bo", "+14155550101", null), (created.FirstName, created.Phone!.Value.Value, created.ContactId));
        Assert.Equal(
            [(a.Id!, ConsolidationStatus.Updated, existing.Id), (b.Id!, ConsolidationStatus.Created, created.Id)],
            log.Outcomes.Select(o => (o.SourceId, o.Status, o.TargetId)));
        Assert.Equal("consolidation:leads:Old:New", result.CheckpointKey);
    }

    [Fact]
    public async Task ConsolidateLeads_MatchByPhone_UsesTheTargetIndex()
    {
        await using var host = new ConsolidationHost();
        Lead existing = await host.NewLeads.CreateAsync(new Lead { Phone = PhoneNumber.Parse("+14155550101"), FirstName = "Bo" });
        await host.OldLeads.CreateAsync(new Lead { Phone = PhoneNumber.Parse("+1 415 555 0101"), FirstName = "Bob" });
        var log = new OutcomeLog();

        await new Sdk.Consolidation().ConsolidateLeadsAsync(host.OldLeads, host.NewLeads, new ConsolidationOptions { MatchByPhone = true, OnOutcome = log.Add });

        Assert.Equal("Bob", Assert.Single(host.NewStore.Leads).FirstName);
        Assert.Equal($"Matched '{existing.Id}' on New by phone.", log.Outcomes[0].Reason);
    }

    [Fact]
    public async Task ConsolidateLeads_DryRun_WritesNothing()
    {
        await using var host = new ConsolidationHost();
        await host.OldLeads.CreateAsync(new Lead { Email = EmailAddress.Parse("a@example.org") });
        var store = new InMemoryCheckpointStore();

        ConsolidationResult result = await new Sdk.Consolidation(store).ConsolidateLeadsAsync(host.OldLeads, host.NewLeads, new ConsolidationOptions { DryRun = true });

        Assert.Empty(host.NewStore.Leads);
        Assert.Null(await store.GetAsync(result.CheckpointKey));
        Assert.Equal(1, result.Created);
    }

    [Fact]
    public async Task ConsolidateLeads_Move_IsRefusedBeforeAnyRead()
    {
        await using var host = new ConsolidationHost();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            new Sdk.Consolidation().ConsolidateLeadsAsync(host.OldLeads, host.NewLeads, new ConsolidationOptions { Mode = ConsolidationMode.Move }));

        Assert.Equal("ConsolidationOptions.Mode is Move, but a lead client has no delete: copy the leads (Mode = Copy) and retire the source instance's leads there.", error.Message);
    }
}
