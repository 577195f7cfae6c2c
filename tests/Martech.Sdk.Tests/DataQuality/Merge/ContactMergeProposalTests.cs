using Xunit;

namespace Martech.Sdk.Tests.DataQuality.Merge;

/// <summary>Survivorship rules, ties and decisions, survivor choice: pure proposals, nothing read or written.</summary>
public sealed class ContactMergeProposalTests
{
    private static readonly DateTimeOffset March1 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Jan10 = new(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);

    internal static SourcedContact Record(string instance, string id, DateTimeOffset? updated = null, string? first = null, string? email = null, string? phone = null, string? company = null, string? owner = null, DateTimeOffset? created = null) =>
        new(instance, new Contact
        {
            Id = id,
            FirstName = first,
            Email = email is null ? null : EmailAddress.Parse(email),
            Phone = phone is null ? null : PhoneNumber.Parse(phone),
            Company = company,
            OwnerId = owner,
            UpdatedAt = updated,
            CreatedAt = created,
        });

    private static ContactMerger Merger(Action<ContactMergeOptions>? configure = null)
    {
        var options = new ContactMergeOptions();
        configure?.Invoke(options);
        return new ContactMerger(options, _ => null);
    }

    [Fact]
    public void Newest_TheRecordChangedLastWins_AndSaysWhy()
    {
        MergeProposal proposal = Merger().Propose([Record("Pipedrive", "p1", Jan10, first: "Bill"), Record("HubSpot", "h1", March1, first: "William")]);

        MergeFieldDecision first = proposal[RecordField.FirstName];
        Assert.Equal("William", first.Winner?.Value);
        Assert.Equal("HubSpot", first.Winner?.Instance);
        Assert.Equal(SurvivorshipRules.Newest, first.Rule);
        Assert.Equal("newest: HubSpot 2026-03-01 > Pipedrive 2026-01-10", first.Reason);
        Assert.False(first.NeedsDecision);
        Assert.True(proposal.IsReady);
    }

    [Fact]
    public void Newest_ATieIsNoWinner_TheProposalCannotBePreviewedUntilDecided()
    {
        MergeProposal proposal = Merger().Propose([Record("HubSpot", "h1", March1, phone: "+14155550100"), Record("Pipedrive", "p1", March1, phone: "+14155550199")]);

        MergeFieldDecision phone = proposal[RecordField.Phone];
        Assert.Null(phone.Winner);
        Assert.True(phone.NeedsDecision);
        Assert.Equal("tie: HubSpot h1 '+14155550100', Pipedrive p1 '+14155550199' all changed 2026-03-01", phone.Reason);
        Assert.False(proposal.IsReady);
        Assert.Equal(["Phone: " + phone.Reason], proposal.OpenDecisions);
        var error = Assert.Throws<InvalidOperationException>(proposal.Preview);
        Assert.Contains("Phone: tie", error.Message, StringComparison.Ordinal);
        Assert.Contains("MergeProposal.Decide", error.Message, StringComparison.Ordinal);

        MergeProposal decided = proposal.Decide(RecordField.Phone, "Pipedrive", "p1");

        Assert.True(decided.IsReady);
        Assert.False(proposal.IsReady); // the original does not change
        Assert.Equal("+14155550199", decided[RecordField.Phone].Winner?.Value);
        Assert.Equal("Caller", decided[RecordField.Phone].Rule);
        Assert.Equal("decided by the caller: Pipedrive p1 '+14155550199'", decided[RecordField.Phone].Reason);
        MergeRecordPlan hubSpot = decided.Preview().Records[0];
        Assert.Equal(MergeAction.Update, hubSpot.Action);
        Assert.Equal(new MergeFieldChange(RecordField.Phone, "+14155550100", "+14155550199", true), Assert.Single(hubSpot.Changes));
    }

    [Fact]
    public void Decide_ARecordWithoutAValue_IsRefused()
    {
        MergeProposal proposal = Merger().Propose([Record("HubSpot", "h1", March1, first: "Ann"), Record("Pipedrive", "p1", Jan10)]);

        var error = Assert.Throws<ArgumentException>(() => proposal.Decide(RecordField.FirstName, "Pipedrive", "p1"));
        Assert.StartsWith("The record Pipedrive p1 has no value for FirstName; choose one of: HubSpot h1 'Ann'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Newest_AConsentCountsFromItsOwnTime_AndARecordWithoutTimeLoses()
    {
        SourcedContact older = Record("HubSpot", "h1", Jan10);
        older = older with { Contact = older.Contact with { EmailConsent = new Consent(ConsentStatus.Denied, "unsubscribe-link", March1) } };
        SourcedContact newer = Record("Pipedrive", "p1", March1.AddDays(-1));
        newer = newer with { Contact = newer.Contact with { EmailConsent = new Consent(ConsentStatus.Granted, "webinar", Jan10.AddDays(-30)) } };
        SourcedContact untimed = Record("Intercom", "i1", null, first: "Ann");
        SourcedContact timed = Record("HubSpot", "h2", Jan10, first: "Anna");

        MergeProposal consent = Merger().Propose([older, newer]);
        MergeProposal names = Merger().Propose([untimed, timed]);

        Assert.Equal("denied", consent[RecordField.EmailConsent].Winner?.Value);
        Assert.Equal("newest: HubSpot 2026-03-01 > Pipedrive 2025-12-11", consent[RecordField.EmailConsent].Reason);
        Assert.Equal("Anna", names[RecordField.FirstName].Winner?.Value);
        Assert.Equal("newest: HubSpot 2026-01-10 > Intercom no time", names[RecordField.FirstName].Reason);
    }

    [Fact]
    public void MostComplete_TheLongestValueWins_EqualLengthsGoToTheFullerRecord_ElseATie()
    {
        var mostComplete = Merger(o => o.DefaultRule = SurvivorshipRules.MostComplete);

        MergeProposal longest = mostComplete.Propose([Record("HubSpot", "h1", March1, first: "Bill"), Record("Pipedrive", "p1", Jan10, first: "William")]);
        // Same length (4): p1 has FirstName + Company + Email filled (3) > h1 with FirstName only (1).
        MergeProposal fuller = mostComplete.Propose([Record("HubSpot", "h1", March1, first: "Anne"), Record("Pipedrive", "p1", Jan10, first: "Anna", company: "Acme", email: "anna@acme.com")]);
        MergeProposal tie = mostComplete.Propose([Record("HubSpot", "h1", March1, first: "Anne"), Record("Pipedrive", "p1", Jan10, first: "Anna")]);

        Assert.Equal("William", longest[RecordField.FirstName].Winner?.Value);
        Assert.Equal("most complete: Pipedrive p1 'William' (7 characters) > HubSpot h1 'Bill' (4)", longest[RecordField.FirstName].Reason);
        Assert.Equal("Anna", fuller[RecordField.FirstName].Winner?.Value);
        Assert.Equal("most complete: Pipedrive p1 'Anna' and HubSpot h1 'Anne' are both 4 characters; Pipedrive p1 has 3 fields filled > 1", fuller[RecordField.FirstName].Reason);
        Assert.True(tie[RecordField.FirstName].NeedsDecision);
        Assert.Equal("tie: HubSpot h1 'Anne', Pipedrive p1 'Anna' are all 4 characters long, from records with 1 fields filled", tie[RecordField.FirstName].Reason);
    }

    [Fact]
    public void SourcePriority_TheFirstListedInstanceWins_UnlistedComeLast_ManyValuesInOneInstanceTie()
    {
        var merger = Merger(o =>
        {
            o.DefaultRule = SurvivorshipRules.SourcePriority;
            o.SourcePriority.AddRange(["HubSpot", "Pipedrive"]);
        });

        MergeProposal listed = merger.Propose([Record("Pipedrive", "p1", March1, company: "Acme Ltd"), Record("HubSpot", "h1", Jan10, company: "Acme")]);
        MergeProposal unlisted = merger.Propose([Record("Intercom", "i1", March1, company: "ACME"), Record("Pipedrive", "p1", Jan10, company: "Acme Ltd")]);
        MergeProposal tie = merger.Propose([Record("HubSpot", "h1", March1, company: "Acme"), Record("HubSpot", "h2", Jan10, company: "Acme Inc"), Record("Pipedrive", "p1", Jan10, company: "Acme Ltd")]);

        Assert.Equal("Acme", listed[RecordField.Company].Winner?.Value);
        Assert.Equal("source priority: HubSpot before Pipedrive", listed[RecordField.Company].Reason);
        Assert.Equal("Acme Ltd", unlisted[RecordField.Company].Winner?.Value);
        Assert.Equal("source priority: Pipedrive before Intercom (not listed)", unlisted[RecordField.Company].Reason);
        Assert.True(tie[RecordField.Company].NeedsDecision);
        Assert.Equal("tie: HubSpot holds different values (HubSpot h1 'Acme', HubSpot h2 'Acme Inc')", tie[RecordField.Company].Reason);
    }

    [Fact]
    public void PerFieldOverrides_ApplyOnTopOfTheDefault_AndOwnerIdIsKeptUnlessSet()
    {
        var merger = Merger(o => o.SetRule(RecordField.Parse("first_name"), SurvivorshipRules.MostComplete));
        MergeProposal proposal = merger.Propose([Record("HubSpot", "h1", March1, first: "Bill", company: "Acme", owner: "42"), Record("Pipedrive", "p1", Jan10, first: "William", company: "Acme Ltd", owner: "7")]);

        Assert.Equal("William", proposal[RecordField.FirstName].Winner?.Value); // MostComplete, not Newest
        Assert.Equal("Acme", proposal[RecordField.Company].Winner?.Value); // the default, Newest
        Assert.Null(proposal[RecordField.OwnerId].Winner);
        Assert.Equal(SurvivorshipRules.Keep, proposal[RecordField.OwnerId].Rule);
        Assert.False(proposal[RecordField.OwnerId].NeedsDecision);
        MergePreview preview = proposal.Preview();
        Assert.Equal("42", preview.Records[0].After?.OwnerId);
        Assert.Equal("7", preview.Records[1].After?.OwnerId);
    }

    [Fact]
    public void AgreeingAndBlankValues_ABlankNeverWinsAndABlankFieldIsFilled()
    {
        MergeProposal proposal = Merger().Propose([Record("HubSpot", "h1", March1, email: "ANN@acme.com"), Record("Pipedrive", "p1", Jan10, email: "ann@acme.com", company: "Acme")]);

        Assert.Equal("all records with a value agree", proposal[RecordField.Email].Reason);
        Assert.Equal("no record has a value", proposal[RecordField.Phone].Reason);
        MergePreview preview = proposal.Preview();
        MergeRecordPlan hubSpot = preview.Records[0];
        // Email differs only in case: not a change. Company was blank in HubSpot: filled, and an undo can clear it.
        Assert.Equal(new MergeFieldChange(RecordField.Company, null, "Acme", true), Assert.Single(hubSpot.Changes));
        Assert.Equal(MergeAction.Unchanged, preview.Records[1].Action);
    }

    [Fact]
    public void FillingABlankEmail_IsMarkedNotReversible()
    {
        MergeProposal proposal = Merger().Propose([Record("HubSpot", "h1", March1, first: "Ann"), Record("Pipedrive", "p1", Jan10, email: "ann@acme.com")]);

        Assert.Equal(new MergeFieldChange(RecordField.Email, null, "ann@acme.com", false), Assert.Single(proposal.Preview().Records[0].Changes));
    }

    [Fact]
    public void CustomRule_ChoosesOrTies_AndCustomFieldsAreMerged()
    {
        string[] order = ["free", "pro", "enterprise"];
        var merger = Merger(o => o
            .AddRule("HigherPlan", (field, candidates) =>
            {
                var ranked = candidates.OrderByDescending(c => Array.IndexOf(order, c.Value)).ToList();
                return candidates.Any(c => Array.IndexOf(order, c.Value) < 0)
                    ? MergeFieldChoice.Tie("unknown plan")
                    : MergeFieldChoice.Win(ranked[0], $"higher plan: {ranked[0].Value}");
            })
            .SetRule(RecordField.Custom("plan"), "HigherPlan"));
        SourcedContact a = Record("HubSpot", "h1", March1);
        a.Contact.CustomFields.Set("plan", "pro");
        SourcedContact b = Record("Pipedrive", "p1", Jan10);
        b.Contact.CustomFields.Set("plan", "enterprise");
        SourcedContact c = Record("Pipedrive", "p2", Jan10);
        c.Contact.CustomFields.Set("plan", "legacy");

        MergeProposal chosen = merger.Propose([a, b]);
        MergeProposal tied = merger.Propose([a, c]);

        Assert.Equal("enterprise", chosen[RecordField.Custom("plan")].Winner?.Value);
        Assert.Equal("HigherPlan", chosen[RecordField.Custom("plan")].Rule);
        Assert.Equal("higher plan: enterprise", chosen[RecordField.Custom("plan")].Reason);
        Assert.Equal("enterprise", chosen.Preview().Records[0].After?.CustomFields.GetString("plan"));
        Assert.True(tied[RecordField.Custom("plan")].NeedsDecision);
        Assert.Equal("unknown plan", tied[RecordField.Custom("plan")].Reason);
    }

    [Fact]
    public void CustomRule_PickingAValueThatIsNotACandidate_Throws()
    {
        var stranger = new MergeCandidate(Record("X", "x1"), "made up", null);
        var merger = Merger(o => o.AddRule("Liar", (_, _) => MergeFieldChoice.Win(stranger, "because")).DefaultRule = "Liar");

        var error = Assert.Throws<InvalidOperationException>(() => merger.Propose([Record("HubSpot", "h1", March1, first: "A"), Record("Pipedrive", "p1", Jan10, first: "B")]));
        Assert.Equal("The survivorship rule 'Liar' picked X x1 'made up' for the field FirstName, which is not one of the candidates it was given; return one of them.", error.Message);
    }

    [Fact]
    public void Survivor_MostCompleteByDefault_ATieChoosesNone_ChooseSurvivorDecides()
    {
        MergeProposal clear = Merger().Propose([Record("HubSpot", "h1", March1, first: "Ann"), Record("HubSpot", "h2", Jan10, first: "Ann", company: "Acme"), Record("Pipedrive", "p1", Jan10)]);
        MergeProposal tie = Merger().Propose([Record("HubSpot", "h1", March1, first: "Ann"), Record("HubSpot", "h2", Jan10, company: "Acme")]);

        Assert.Equal("h2", clear.Survivors[0].Survivor?.Contact.Id);
        Assert.Equal("most complete: h2 has 2 fields filled > 1", clear.Survivors[0].Reason);
        Assert.Equal("the only record in Pipedrive", clear.Survivors[1].Reason);
        Assert.Null(tie.Survivors[0].Survivor);
        Assert.Equal(["survivor in HubSpot: tie: h1, h2 each have 1 fields filled"], tie.OpenDecisions);
        Assert.Throws<InvalidOperationException>(tie.Preview);

        MergePreview preview = tie.ChooseSurvivor("HubSpot", "h1").Preview();

        Assert.Equal(MergeAction.Update, preview.Records[0].Action);
        Assert.Equal(new MergeFieldChange(RecordField.Company, null, "Acme", true), Assert.Single(preview.Records[0].Changes));
        Assert.Equal(MergeAction.Unchanged, preview.Records[1].Action); // losers are kept by default
    }

    [Fact]
    public void Survivor_OldestAndNewest_ByTheirTimes_WithDeleteLosers()
    {
        SourcedContact a = Record("HubSpot", "h1", updated: March1, created: Jan10, first: "Ann");
        SourcedContact b = Record("HubSpot", "h2", updated: Jan10, created: Jan10.AddDays(-5), first: "Ann");

        MergeProposal oldest = Merger(o => { o.Survivor = "oldest"; o.DeleteLosers = true; }).Propose([a, b]);
        MergeProposal newest = Merger(o => o.Survivor = "Newest").Propose([a, b]);

        Assert.Equal("h2", oldest.Survivors[0].Survivor?.Contact.Id);
        Assert.Equal("oldest: h2 created 2026-01-05 < 2026-01-10", oldest.Survivors[0].Reason);
        Assert.Equal([MergeAction.Delete, MergeAction.Unchanged], oldest.Preview().Records.Select(r => r.Action));
        Assert.Null(oldest.Preview().Records[0].After);
        Assert.Equal("h1", newest.Survivors[0].Survivor?.Contact.Id);
    }

    [Fact]
    public void Propose_RefusesFewerThanTwoRecords_RecordsWithoutIds_AndRepeats()
    {
        ContactMerger merger = Merger();

        Assert.StartsWith("A merge needs at least two records; 1 given.", Assert.Throws<ArgumentException>(() => merger.Propose([Record("HubSpot", "h1")])).Message, StringComparison.Ordinal);
        Assert.StartsWith("The record at index 1 has no Contact.Id;", Assert.Throws<ArgumentException>(() => merger.Propose([Record("HubSpot", "h1"), new SourcedContact("HubSpot", new Contact())])).Message, StringComparison.Ordinal);
        Assert.StartsWith("The record hubspot h1 is given twice (index 1);", Assert.Throws<ArgumentException>(() => merger.Propose([Record("HubSpot", "h1"), Record("hubspot", "h1")])).Message, StringComparison.Ordinal);
    }
}
