using System.Text.Json;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Martech.Sdk.Tests.DataQuality.Merge;

/// <summary>Apply, audit and undo against two in-memory instances ("HubSpot" with two records of Ann, "Pipedrive" with
/// one).</summary>
public sealed class ContactMergeApplyTests : IDisposable
{
    private static readonly DateTimeOffset Jan10 = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Feb1 = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset March1 = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly string _folder = Directory.CreateTempSubdirectory("merge-tests-").FullName;
    private readonly ManualTimeProvider _clock = new(Jan10);
    private readonly ServiceProvider _services;

    public ContactMergeApplyTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory("HubSpot");
        martech.AddInMemory("Pipedrive");
        martech.AddContactMerge(o =>
        {
            o.SourcePriority.AddRange(["HubSpot", "Pipedrive"]);
            o.SetRule(RecordField.Email, SurvivorshipRules.SourcePriority);
            o.DeleteLosers = true;
        });
        _services = services.BuildServiceProvider();
    }

    private IContactClient HubSpot => _services.GetRequiredKeyedService<IContactClient>("HubSpot");

    private IContactClient Pipedrive => _services.GetRequiredKeyedService<IContactClient>("Pipedrive");

    private MergeWriteOptions Write(string name = "undo.json") => new()
    {
        Actor = "ops@example.com",
        AuditLogPath = Path.Combine(_folder, "audit.jsonl"),
        UndoFilePath = Path.Combine(_folder, name),
    };

    public void Dispose()
    {
        _services.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Pipedrive p (2026-01-10), HubSpot h1 (2026-03-01 09:00) and h2 (10:00): Ann three times.</summary>
    private async Task<List<SourcedContact>> SeedAsync()
    {
        var plan = new Contact { Email = EmailAddress.Parse("ann.lee@acme.com"), FirstName = "Ann", LastName = "Lee", Company = "Acme Ltd", Phone = PhoneNumber.Parse("+14155550100"), EmailConsent = new Consent(ConsentStatus.Granted, "webinar", Jan10) };
        plan.CustomFields.Set("plan", "pro");
        Contact p = (await Pipedrive.UpsertAsync(plan)).Value;
        _clock.SetUtcNow(March1);
        Contact h1 = (await HubSpot.UpsertAsync(new Contact { Email = EmailAddress.Parse("ann@acme.com"), FirstName = "Annie", Company = "Acme", JobTitle = "CTO", Phone = PhoneNumber.Parse("+14155550111"), EmailConsent = new Consent(ConsentStatus.Denied, "unsubscribe-link", Feb1) })).Value;
        _clock.Advance(TimeSpan.FromHours(1));
        var second = new Contact { Email = EmailAddress.Parse("ann.lee@gmail.com"), LastName = "Lee", OwnerId = "42" };
        second.CustomFields.Set("plan", "enterprise");
        Contact h2 = (await HubSpot.UpsertAsync(second)).Value;
        _clock.Advance(TimeSpan.FromHours(1));
        return [new("HubSpot", h1), new("HubSpot", h2), new("Pipedrive", p)];
    }

    private async Task<MergeProposal> ProposeAsync(List<SourcedContact> records)
    {
        MergeProposal proposal = _services.GetRequiredService<ContactMerger>().Propose(records);
        // SourcePriority finds two HubSpot addresses: a tie the caller decides.
        Assert.Equal(["Email: tie: HubSpot holds different values (HubSpot " + records[0].Contact.Id + " 'ann@acme.com', HubSpot " + records[1].Contact.Id + " 'ann.lee@gmail.com')"], proposal.OpenDecisions);
        await Task.CompletedTask;
        return proposal.Decide(RecordField.Email, "HubSpot", records[0].Contact.Id!);
    }

    private static string? Text(RecordField field, Contact contact) => string.IsNullOrWhiteSpace(field.GetText(contact)) ? null : field.GetText(contact);

    [Fact]
    public async Task Apply_WritesExactlyWhatThePreviewShows_WithAnAuditLinePerRecord()
    {
        List<SourcedContact> records = await SeedAsync();
        MergeProposal proposal = await ProposeAsync(records);
        MergePreview preview = proposal.Preview();
        var hubSpot = new RecordingContactClient(HubSpot);
        var pipedrive = new RecordingContactClient(Pipedrive);
        var merger = new ContactMerger(new ContactMergeOptions(), name => name == "HubSpot" ? hubSpot : pipedrive, _clock);

        // The plan, hand-checked: h1 survives in HubSpot (4 fields filled > 3) and gains LastName and plan; h2 is
        // deleted; p takes every newer HubSpot value and h1's address (source priority, decided).
        Assert.Equal(
            ["LastName: - -> Lee", "custom:plan: - -> enterprise"],
            preview.Records[0].Changes.Select(c => $"{c.Field}: {c.OldValue ?? "-"} -> {c.NewValue}"));
        Assert.Equal(MergeAction.Delete, preview.Records[1].Action);
        Assert.Equal(
            ["Email: ann.lee@acme.com -> ann@acme.com", "Phone: +14155550100 -> +14155550111", "FirstName: Ann -> Annie", "Company: Acme Ltd -> Acme", "JobTitle: - -> CTO", "EmailConsent: granted -> denied", "custom:plan: pro -> enterprise"],
            preview.Records[2].Changes.Select(c => $"{c.Field}: {c.OldValue ?? "-"} -> {c.NewValue}"));
        Assert.All(preview.Records.SelectMany(r => r.Changes), c => Assert.True(c.Reversible));

        MergeResult result = await merger.ApplyAsync(proposal, Write());

        Assert.True(result.Succeeded, string.Join("; ", result.Failures.Select(f => f.Error)));
        Assert.Equal([MergeAction.Update, MergeAction.Delete, MergeAction.Update], result.Records.Select(r => r.Action));
        // Each update sends the id and only the changed fields.
        Contact sentH1 = Assert.Single(hubSpot.Upserts);
        Assert.Equal(new Contact { Id = records[0].Contact.Id, LastName = "Lee", CustomFields = sentH1.CustomFields }, sentH1);
        Assert.Equal(["plan"], sentH1.CustomFields.Keys);
        Assert.Equal([records[1].Contact.Id!], hubSpot.Deletes);
        Contact sentP = Assert.Single(pipedrive.Upserts);
        Assert.Equal(new Consent(ConsentStatus.Denied, "unsubscribe-link", Feb1), sentP.EmailConsent);
        Assert.Null(sentP.LastName);
        Assert.Null(sentP.OwnerId);

        // What is stored now is the preview's "after", field for field.
        foreach (MergeRecordPlan plan in preview.Records)
        {
            IContactClient client = plan.Instance == "HubSpot" ? HubSpot : Pipedrive;
            Contact? stored = await client.GetAsync(plan.ContactId);
            if (plan.After is null)
            {
                Assert.Null(stored);
                continue;
            }

            Assert.NotNull(stored);
            foreach (RecordField field in Survivorship.FieldsOf([new(plan.Instance, plan.After), new(plan.Instance, stored)]))
            {
                Assert.Equal(Text(field, plan.After), Text(field, stored));
            }
        }

        string[] lines = await File.ReadAllLinesAsync(Write().AuditLogPath);
        Assert.Equal(3, lines.Length);
        using JsonDocument first = JsonDocument.Parse(lines[0]);
        Assert.Equal(result.MergeId, first.RootElement.GetProperty("mergeId").GetString());
        Assert.Equal("ops@example.com", first.RootElement.GetProperty("actor").GetString());
        Assert.Equal("Update", first.RootElement.GetProperty("action").GetString());
        Assert.Equal("HubSpot", first.RootElement.GetProperty("instance").GetString());
        Assert.Equal("Succeeded", first.RootElement.GetProperty("status").GetString());
        Assert.Equal(_clock.GetUtcNow(), first.RootElement.GetProperty("at").GetDateTimeOffset());
        JsonElement change = first.RootElement.GetProperty("changes")[0];
        Assert.Equal("LastName", change.GetProperty("field").GetString());
        Assert.False(change.TryGetProperty("old", out _));
        Assert.Equal("Lee", change.GetProperty("new").GetString());
        // Lines come in the order of the writes: the survivors' updates, then the deletes.
        using JsonDocument second = JsonDocument.Parse(lines[1]);
        Assert.Equal("Pipedrive", second.RootElement.GetProperty("instance").GetString());
        Assert.Equal(7, second.RootElement.GetProperty("changes").GetArrayLength());
        using JsonDocument third = JsonDocument.Parse(lines[2]);
        Assert.Equal("Delete", third.RootElement.GetProperty("action").GetString());
        Assert.Equal(records[1].Contact.Id, third.RootElement.GetProperty("contactId").GetString());
    }

    [Fact]
    public async Task Undo_RestoresTheExactOldValues_AndRecreatesTheDeletedRecord()
    {
        List<SourcedContact> records = await SeedAsync();
        ContactMerger merger = _services.GetRequiredService<ContactMerger>();
        MergeResult result = await merger.ApplyAsync(await ProposeAsync(records), Write());
        Assert.True(result.Succeeded);

        MergeUndoResult undo = await merger.UndoAsync(result.UndoFilePath, Write());

        Assert.True(undo.Succeeded, string.Join("; ", undo.Records.Select(r => r.Error)));
        Assert.Equal(result.MergeId, undo.MergeId);
        Assert.Equal([MergeAction.Restore, MergeAction.Restore, MergeAction.Recreate], undo.Records.Select(r => r.Action));
        MergeRecordOutcome recreated = undo.Records[2];
        Assert.Equal(records[1].Contact.Id, recreated.ContactId);
        Assert.NotNull(recreated.NewContactId);
        Assert.NotEqual(records[1].Contact.Id, recreated.NewContactId); // the vendor gives a new id

        var now = new List<Contact> { (await HubSpot.GetAsync(records[0].Contact.Id!))!, (await HubSpot.GetAsync(recreated.NewContactId!))!, (await Pipedrive.GetAsync(records[2].Contact.Id!))! };
        for (int i = 0; i < records.Count; i++)
        {
            Contact before = records[i].Contact;
            foreach (RecordField field in Survivorship.FieldsOf([records[i], new(records[i].Instance, now[i])]))
            {
                Assert.True(Text(field, before) == Text(field, now[i]), $"{records[i].Instance} {before.Id} {field}: was '{Text(field, before)}', is '{Text(field, now[i])}'");
            }

            Assert.Equal(before.EmailConsent, now[i].EmailConsent); // status, source and time
        }

        Assert.Equal(6, (await File.ReadAllLinesAsync(Write().AuditLogPath)).Length);
    }

    [Fact]
    public async Task Apply_AFailedWriteIsReported_ItsLoserIsHeldBack_AndThePartialMergeUndoes()
    {
        List<SourcedContact> records = await SeedAsync();
        MergeProposal proposal = await ProposeAsync(records);
        var hubSpot = new RecordingContactClient(HubSpot) { FailUpserts = true };
        var merger = new ContactMerger(new ContactMergeOptions(), name => name == "HubSpot" ? hubSpot : Pipedrive, _clock);

        MergeResult result = await merger.ApplyAsync(proposal, Write());

        Assert.False(result.Succeeded);
        Assert.Equal([MergeOutcomeStatus.Failed, MergeOutcomeStatus.Skipped, MergeOutcomeStatus.Succeeded], result.Records.Select(r => r.Status));
        Assert.Equal("MartechRequestException: HubSpot refused the update.", result.Records[0].Error);
        Assert.Equal("held back: the survivor in HubSpot was not written, so this record keeps its data", result.Records[1].Error);
        Assert.Empty(hubSpot.Deletes);
        Assert.NotNull(await HubSpot.GetAsync(records[1].Contact.Id!));
        string undoFile = await File.ReadAllTextAsync(result.UndoFilePath);
        Assert.Contains("\"outcome\": \"Failed\"", undoFile, StringComparison.Ordinal);
        Assert.Contains("\"outcome\": \"Skipped\"", undoFile, StringComparison.Ordinal);

        MergeUndoResult undo = await merger.UndoAsync(result.UndoFilePath, Write());

        MergeRecordOutcome restored = Assert.Single(undo.Records); // only what the merge wrote
        Assert.Equal(("Pipedrive", MergeAction.Restore, MergeOutcomeStatus.Succeeded), (restored.Instance, restored.Action, restored.Status));
        Contact p = (await Pipedrive.GetAsync(records[2].Contact.Id!))!;
        Assert.Equal(("Ann", "Acme Ltd", "pro", "ann.lee@acme.com"), (p.FirstName, p.Company, p.CustomFields.GetString("plan"), p.Email?.Value));
        Assert.True(string.IsNullOrEmpty(p.JobTitle));
        Assert.Empty(hubSpot.Upserts); // refused, so nothing reached HubSpot
    }

    [Fact]
    public async Task Apply_AWriteThatMayHaveBeenMade_StaysPendingInTheUndoFile_AndIsUndone()
    {
        List<SourcedContact> records = await SeedAsync();
        MergeProposal proposal = await ProposeAsync(records);
        // The update reaches the store, then the answer is lost: the vendor may have processed it.
        var pipedrive = new RecordingContactClient(Pipedrive) { LoseAnswers = true };
        var merger = new ContactMerger(new ContactMergeOptions(), name => name == "HubSpot" ? HubSpot : pipedrive, _clock);

        MergeResult result = await merger.ApplyAsync(proposal, Write());

        Assert.Equal([MergeOutcomeStatus.Succeeded, MergeOutcomeStatus.Succeeded, MergeOutcomeStatus.Failed], result.Records.Select(r => r.Status));
        Assert.Equal("MartechTransportException: The response was cut off.", result.Records[2].Error);
        Assert.Contains("\"outcome\": \"Pending\"", await File.ReadAllTextAsync(result.UndoFilePath), StringComparison.Ordinal);
        Assert.Equal("Annie", (await Pipedrive.GetAsync(records[2].Contact.Id!))!.FirstName);

        // Undone through the plain clients (the connection is healthy again).
        MergeUndoResult undo = await _services.GetRequiredService<ContactMerger>().UndoAsync(result.UndoFilePath, new MergeWriteOptions { Actor = "ops", AuditLogPath = Write().AuditLogPath });

        Assert.Equal([MergeOutcomeStatus.Succeeded, MergeOutcomeStatus.Succeeded, MergeOutcomeStatus.Succeeded], undo.Records.Select(r => r.Status));
        Contact p = (await Pipedrive.GetAsync(records[2].Contact.Id!))!;
        Assert.Equal(("Ann", "Acme Ltd", "ann.lee@acme.com"), (p.FirstName, p.Company, p.Email?.Value));
    }

    [Fact]
    public async Task Apply_Cancelled_ReportsEveryRecordAsSkipped_AndStillWritesTheUndoFile()
    {
        List<SourcedContact> records = await SeedAsync();
        MergeProposal proposal = await ProposeAsync(records);
        using var cancel = new CancellationTokenSource();
        var hubSpot = new RecordingContactClient(HubSpot) { OnGet = cancel.Cancel };
        var merger = new ContactMerger(new ContactMergeOptions(), name => name == "HubSpot" ? hubSpot : Pipedrive, _clock);

        MergeResult result = await merger.ApplyAsync(proposal, Write(), cancel.Token);

        Assert.Equal([MergeOutcomeStatus.Skipped, MergeOutcomeStatus.Skipped, MergeOutcomeStatus.Skipped], result.Records.Select(r => r.Status));
        Assert.Equal("cancelled before it was written", result.Records[0].Error);
        Assert.Empty(hubSpot.Upserts);
        Assert.Empty((await merger.UndoAsync(result.UndoFilePath, Write())).Records);
    }

    [Fact]
    public async Task Apply_ARecordChangedSinceTheProposal_IsNotWritten()
    {
        List<SourcedContact> records = await SeedAsync();
        MergeProposal proposal = await ProposeAsync(records);
        await Pipedrive.UpsertAsync(new Contact { Id = records[2].Contact.Id, FirstName = "Anna" });

        MergeResult result = await _services.GetRequiredService<ContactMerger>().ApplyAsync(proposal, Write());

        Assert.Equal([MergeOutcomeStatus.Succeeded, MergeOutcomeStatus.Succeeded, MergeOutcomeStatus.Failed], result.Records.Select(r => r.Status));
        Assert.Equal("changed since the proposal: FirstName was 'Ann', is now 'Anna'; propose the merge again", result.Records[2].Error);
        Assert.Equal("Anna", (await Pipedrive.GetAsync(records[2].Contact.Id!))!.FirstName);
    }

    [Fact]
    public async Task Undo_AFilledPhoneCannotBeCleared_TheRestIsRestored_AndTheOutcomeSaysSo()
    {
        Contact h = (await HubSpot.UpsertAsync(new Contact { Email = EmailAddress.Parse("bo@acme.com"), FirstName = "Bo" })).Value;
        _clock.Advance(TimeSpan.FromDays(1));
        Contact p = (await Pipedrive.UpsertAsync(new Contact { Email = EmailAddress.Parse("bo@acme.com"), Phone = PhoneNumber.Parse("+14155550123"), Company = "Acme" })).Value;
        ContactMerger merger = _services.GetRequiredService<ContactMerger>();
        MergeProposal proposal = merger.Propose([new("HubSpot", h), new("Pipedrive", p)]);
        Assert.Equal(
            [new MergeFieldChange(RecordField.Phone, null, "+14155550123", false), new MergeFieldChange(RecordField.Company, null, "Acme", true)],
            proposal.Preview().Records[0].Changes);
        MergeResult result = await merger.ApplyAsync(proposal, Write());

        MergeUndoResult undo = await merger.UndoAsync(result.UndoFilePath, Write());

        Assert.Equal([MergeOutcomeStatus.Partial, MergeOutcomeStatus.Succeeded], undo.Records.Select(r => r.Status));
        Assert.Equal("blank before the merge, and the contacts API cannot clear them: Phone keeps '+14155550123'", undo.Records[0].Error);
        Contact after = (await HubSpot.GetAsync(h.Id!))!;
        Assert.True(string.IsNullOrEmpty(after.Company));
        Assert.Equal("+14155550123", after.Phone?.Value);
        Assert.False(undo.Succeeded);
    }

    [Fact]
    public async Task Apply_WithOpenDecisions_OrAnExistingUndoFile_WritesNothing()
    {
        List<SourcedContact> records = await SeedAsync();
        ContactMerger merger = _services.GetRequiredService<ContactMerger>();
        MergeProposal open = merger.Propose(records);
        File.WriteAllText(Path.Combine(_folder, "taken.json"), "{}");

        MergeProposal decided = await ProposeAsync(records);

        var openError = await Assert.ThrowsAsync<InvalidOperationException>(() => merger.ApplyAsync(open, Write()));
        var takenError = await Assert.ThrowsAsync<ArgumentException>(() => merger.ApplyAsync(decided, Write("taken.json")));

        Assert.StartsWith("The merge proposal cannot be applied: decisions are open. Email: tie:", openError.Message, StringComparison.Ordinal);
        Assert.StartsWith($"MergeWriteOptions.UndoFilePath '{Path.Combine(_folder, "taken.json")}' already exists;", takenError.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Write().UndoFilePath));
        Assert.False(File.Exists(Write().AuditLogPath));
        Assert.Equal("Ann", (await Pipedrive.GetAsync(records[2].Contact.Id!))!.FirstName);
    }

    [Fact]
    public async Task Undo_DoesNotRecreateARecordOverAnotherThatHoldsItsAddress()
    {
        List<SourcedContact> records = await SeedAsync();
        ContactMerger merger = _services.GetRequiredService<ContactMerger>();
        MergeResult result = await merger.ApplyAsync(await ProposeAsync(records), Write());
        Contact taker = (await HubSpot.UpsertAsync(new Contact { Email = EmailAddress.Parse("ann.lee@gmail.com"), FirstName = "Someone" })).Value;

        MergeUndoResult undo = await merger.UndoAsync(result.UndoFilePath, Write());

        MergeRecordOutcome recreate = undo.Records.Single(r => r.Action == MergeAction.Recreate);
        Assert.Equal(MergeOutcomeStatus.Failed, recreate.Status);
        Assert.Equal($"the contact {taker.Id} already has the address ann.lee@gmail.com, so the deleted record was not re-created over it; restore it by hand from the undo file", recreate.Error);
        Assert.Equal("Someone", (await HubSpot.GetAsync(taker.Id!))!.FirstName);
    }

    /// <summary>Forwards to a real client and records what was written; can refuse every upsert.</summary>
    private sealed class RecordingContactClient(IContactClient inner) : DelegatingContactClient(inner)
    {
        public List<Contact> Upserts { get; } = [];

        public List<string> Deletes { get; } = [];

        public bool FailUpserts { get; init; }

        public bool LoseAnswers { get; init; }

        public Action? OnGet { get; init; }

        public override Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default)
        {
            OnGet?.Invoke();
            cancellationToken.ThrowIfCancellationRequested();
            return base.GetAsync(id, cancellationToken);
        }

        public override Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (FailUpserts)
            {
                throw new MartechRequestException("HubSpot refused the update.");
            }

            Upserts.Add(contact);
            return LoseAnswers ? LoseAnswerAsync(contact, options, cancellationToken) : base.UpsertAsync(contact, options, cancellationToken);
        }

        private async Task<UpsertResult<Contact>> LoseAnswerAsync(Contact contact, ContactUpsertOptions? options, CancellationToken cancellationToken)
        {
            await base.UpsertAsync(contact, options, cancellationToken);
            throw new MartechTransportException("The response was cut off.") { MayHaveBeenProcessed = true };
        }

        public override Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default)
        {
            Deletes.Add(id);
            return base.DeleteAsync(id, options, cancellationToken);
        }
    }

    [Fact]
    public async Task Apply_SurvivorTakesTheAddressOfALoserInItsInstance_TheLoserIsDeletedFirst_AndUndoRestoresBoth()
    {
        // An instance with unique addresses (the in-memory provider, like HubSpot) refuses to give the survivor an
        // address its loser still holds, so that loser goes first.
        List<SourcedContact> records = await SeedAsync();
        ContactMerger merger = _services.GetRequiredService<ContactMerger>();
        MergeProposal proposal = merger.Propose(records).Decide(RecordField.Email, "HubSpot", records[1].Contact.Id!);
        MergePreview preview = proposal.Preview();
        Assert.Equal(
            [(records[0].Contact.Id!, MergeAction.Update), (records[1].Contact.Id!, MergeAction.Delete), (records[2].Contact.Id!, MergeAction.Update)],
            preview.Records.Select(r => (r.ContactId, r.Action)));

        MergeResult result = await merger.ApplyAsync(proposal, Write());

        Assert.True(result.Succeeded, string.Join("; ", result.Records.Select(r => r.Error)));
        Assert.Equal("ann.lee@gmail.com", (await HubSpot.GetAsync(records[0].Contact.Id!))!.Email?.Value);
        Assert.Null(await HubSpot.GetAsync(records[1].Contact.Id!));
        var actions = new List<string?>();
        foreach (string line in await File.ReadAllLinesAsync(Write().AuditLogPath))
        {
            using JsonDocument audit = JsonDocument.Parse(line);
            actions.Add(audit.RootElement.GetProperty("action").GetString());
        }

        Assert.Equal(["Delete", "Update", "Update"], actions);

        MergeUndoResult undo = await merger.UndoAsync(result.UndoFilePath, Write());

        Assert.True(undo.Succeeded, string.Join("; ", undo.Records.Select(r => r.Error)));
        Assert.Equal("ann@acme.com", (await HubSpot.GetAsync(records[0].Contact.Id!))!.Email?.Value);
        Assert.Equal("ann.lee@gmail.com", (await HubSpot.GetAsync(undo.Records.Single(r => r.Action == MergeAction.Recreate).NewContactId!))!.Email?.Value);
    }

    [Fact]
    public async Task Apply_SurvivorChangedSinceTheProposal_TheLoserHoldingTheAddressIsNotDeleted()
    {
        List<SourcedContact> records = await SeedAsync();
        ContactMerger merger = _services.GetRequiredService<ContactMerger>();
        MergeProposal proposal = merger.Propose(records).Decide(RecordField.Email, "HubSpot", records[1].Contact.Id!);
        await HubSpot.UpsertAsync(new Contact { Id = records[0].Contact.Id, LastName = "Li" }, new ContactUpsertOptions { MatchBy = ContactMatchKey.Id });

        MergeResult result = await merger.ApplyAsync(proposal, Write());

        Assert.Equal([MergeOutcomeStatus.Failed, MergeOutcomeStatus.Skipped, MergeOutcomeStatus.Succeeded], result.Records.Select(r => r.Status));
        Assert.StartsWith("changed since the proposal: ", result.Records[0].Error, StringComparison.Ordinal);
        Assert.NotNull(await HubSpot.GetAsync(records[1].Contact.Id!));
    }
}
