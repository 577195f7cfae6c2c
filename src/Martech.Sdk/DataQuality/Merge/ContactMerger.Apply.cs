using System.Runtime.CompilerServices;

namespace Martech.Sdk;

// Applying a proposal: the undo file first, then the survivors' updates, then the losers' deletes, an audit line each
// (a loser holding the address its survivor takes is deleted just before that survivor's update).
public sealed partial class ContactMerger
{
    private static readonly ContactUpsertOptions ById = new() { MatchBy = ContactMatchKey.Id };

    /// <summary>
    /// Applies a proposal exactly as <see cref="MergeProposal.Preview"/> shows it. Before any write the undo file is
    /// written (every planned record, pending); then each survivor is read again and, when the fields the merge changes
    /// still hold the values the proposal saw, updated by id; then the losers are deleted (when the proposal says so, and
    /// only where their instance's survivor was written). A survivor that takes the email address of a loser in its own
    /// instance is the exception: a CRM with unique addresses (HubSpot) refuses to give it an address another record
    /// holds, so once the survivor is read again and found unchanged, that loser is deleted first (its full record is
    /// already in the undo file), and the survivor is written only when the delete succeeded; should the survivor's
    /// update then fail, undo creates the loser again. Each record gets an audit line (appended, never rewritten) and
    /// an outcome; a failure is reported, never dropped, and the undo file is rewritten with each record's outcome, so a
    /// partial merge can be undone.
    /// </summary>
    /// <param name="proposal">The proposal, with every decision made.</param>
    /// <param name="options">Who applies it, the audit log and the undo file.</param>
    /// <param name="cancellationToken">Cancels the merge: records not yet written are reported as skipped, and the
    /// result is returned.</param>
    /// <returns>One outcome per record, in the proposal's record order.</returns>
    /// <exception cref="InvalidOperationException">Decisions are open, or an instance has no contacts client; nothing
    /// was written.</exception>
    /// <exception cref="ArgumentException">The options lack the actor, the audit log or the undo file, or the undo file
    /// exists.</exception>
    public async Task<MergeResult> ApplyAsync(MergeProposal proposal, MergeWriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(options);
        proposal.ThrowIfNotReady("apply");
        options.Validate(applying: true, nameof(options));
        MergePreview preview = proposal.Preview();
        Dictionary<string, IContactClient> clients = Resolve(preview.Records.Where(r => r.Action != MergeAction.Unchanged).Select(r => r.Instance));
        cancellationToken.ThrowIfCancellationRequested();

        string undoPath = options.UndoFilePath!;
        var document = new MergeUndoDocument { MergeId = Guid.NewGuid().ToString("N"), CreatedAt = _time.GetUtcNow(), Actor = options.Actor };
        var steps = new MergeUndoStep?[preview.Records.Count];
        for (int i = 0; i < preview.Records.Count; i++)
        {
            MergeRecordPlan plan = preview.Records[i];
            if (plan.Action == MergeAction.Unchanged)
            {
                continue;
            }

            steps[i] = new MergeUndoStep
            {
                Instance = plan.Instance,
                ContactId = plan.ContactId,
                Action = plan.Action,
                Fields = MergeFiles.Fields(plan.Changes),
                Old = plan.Action == MergeAction.Delete ? plan.Before : OldValues(plan.Before, plan),
            };
            document.Steps.Add(steps[i]!);
        }

        await MergeFiles.WriteUndoAsync(undoPath, document, cancellationToken).ConfigureAwait(false);

        var outcomes = new MergeRecordOutcome[preview.Records.Count];
        var writtenSurvivors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < preview.Records.Count; i++)
        {
            MergeRecordPlan plan = preview.Records[i];
            if (plan.Action == MergeAction.Update)
            {
                List<int> holders = AddressHolders(preview.Records, plan);
                Func<Task<string?>>? clearAddress = holders.Count == 0 ? null : async () =>
                {
                    foreach (int h in holders)
                    {
                        MergeRecordPlan holder = preview.Records[h];
                        outcomes[h] = await DeleteAsync(holder, steps[h]!, clients[holder.Instance], cancellationToken).ConfigureAwait(false);
                        await MergeFiles.AppendAuditAsync(options.AuditLogPath, Audit(document.MergeId, options.Actor, holder.Instance, holder.ContactId, holder.Action, outcomes[h].Status, outcomes[h].Error, [])).ConfigureAwait(false);
                        if (outcomes[h].Status != MergeOutcomeStatus.Succeeded)
                        {
                            return $"held back: {holder.ContactId} in {holder.Instance} still holds the address {RecordField.Email.GetText(holder.Before)}, which this record takes";
                        }
                    }

                    return null;
                };
                outcomes[i] = await UpdateAsync(plan, steps[i]!, clients[plan.Instance], clearAddress, cancellationToken).ConfigureAwait(false);
                if (outcomes[i].Status == MergeOutcomeStatus.Succeeded)
                {
                    writtenSurvivors.Add(plan.Instance);
                }

                await MergeFiles.AppendAuditAsync(options.AuditLogPath, Audit(document.MergeId, options.Actor, plan.Instance, plan.ContactId, plan.Action, outcomes[i].Status, outcomes[i].Error, MergeFiles.Fields(plan.Changes))).ConfigureAwait(false);
            }
            else if (plan.Action == MergeAction.Unchanged)
            {
                // A survivor already holding the merged values (a kept loser only occurs when nothing is deleted).
                writtenSurvivors.Add(plan.Instance);
                outcomes[i] = new MergeRecordOutcome(plan.Instance, plan.ContactId, MergeAction.Unchanged, MergeOutcomeStatus.Succeeded, []);
            }
        }

        for (int i = 0; i < preview.Records.Count; i++)
        {
            MergeRecordPlan plan = preview.Records[i];
            if (plan.Action == MergeAction.Delete && outcomes[i] is not null)
            {
                continue; // deleted before its survivor's update, audit line written
            }

            if (plan.Action == MergeAction.Delete)
            {
                outcomes[i] = writtenSurvivors.Contains(plan.Instance)
                    ? await DeleteAsync(plan, steps[i]!, clients[plan.Instance], cancellationToken).ConfigureAwait(false)
                    : Outcome(plan, steps[i]!, MergeOutcomeStatus.Skipped, $"held back: the survivor in {plan.Instance} was not written, so this record keeps its data");
            }

            if (plan.Action != MergeAction.Update)
            {
                await MergeFiles.AppendAuditAsync(options.AuditLogPath, Audit(document.MergeId, options.Actor, plan.Instance, plan.ContactId, plan.Action, outcomes[i].Status, outcomes[i].Error, [])).ConfigureAwait(false);
            }
        }

        await MergeFiles.WriteUndoAsync(undoPath, document, CancellationToken.None).ConfigureAwait(false);
        return new MergeResult(document.MergeId, outcomes, undoPath);
    }

    /// <summary>The old values of the fields an update changes, typed (consent source and time, custom raw JSON).</summary>
    private static Contact OldValues(Contact current, MergeRecordPlan plan)
    {
        Contact old = new() { Id = plan.ContactId };
        foreach (MergeFieldChange change in plan.Changes)
        {
            old = change.Field.CopyValue(current, old);
        }

        return old;
    }

    private static MergeRecordOutcome Outcome(MergeRecordPlan plan, MergeUndoStep step, MergeOutcomeStatus status, string? error)
    {
        step.Outcome = status.ToString();
        return new MergeRecordOutcome(plan.Instance, plan.ContactId, plan.Action, status, plan.Changes, error);
    }

    /// <summary>The losers (to delete) in the update's instance that hold the email address the update gives the
    /// survivor.</summary>
    private static List<int> AddressHolders(IReadOnlyList<MergeRecordPlan> records, MergeRecordPlan update)
    {
        var holders = new List<int>();
        if (update.Changes.FirstOrDefault(static c => c.Field == RecordField.Email) is not { } email)
        {
            return holders;
        }

        for (int i = 0; i < records.Count; i++)
        {
            MergeRecordPlan record = records[i];
            if (record.Action == MergeAction.Delete && string.Equals(record.Instance, update.Instance, StringComparison.OrdinalIgnoreCase)
                && !string.IsNullOrWhiteSpace(email.NewValue) && Survivorship.SameValue(RecordField.Email, email.NewValue, RecordField.Email.GetText(record.Before)))
            {
                holders.Add(i);
            }
        }

        return holders;
    }

    /// <summary>Reads the survivor again and, when the fields the merge changes are unchanged, updates it by id. When
    /// <paramref name="clearAddress"/> is given it runs between the two: it deletes the losers holding the address the
    /// survivor takes, and returns the reason the survivor is held back when a delete did not succeed.</summary>
    private static Task<MergeRecordOutcome> UpdateAsync(MergeRecordPlan plan, MergeUndoStep step, IContactClient client, Func<Task<string?>>? clearAddress, CancellationToken cancellationToken) =>
        GuardedAsync(plan, step, "written", async writing =>
        {
            Contact? current = await client.GetAsync(plan.ContactId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return Outcome(plan, step, MergeOutcomeStatus.Failed, "the record no longer exists; propose the merge again");
            }

            foreach (MergeFieldChange change in plan.Changes)
            {
                string? now = change.Field.GetText(current);
                if (!Survivorship.SameValue(change.Field, now, change.OldValue))
                {
                    return Outcome(plan, step, MergeOutcomeStatus.Failed, $"changed since the proposal: {change.Field} was '{change.OldValue}', is now '{now}'; propose the merge again");
                }
            }

            step.Old = OldValues(current, plan);
            if (clearAddress is not null && await clearAddress().ConfigureAwait(false) is { } heldBack)
            {
                return Outcome(plan, step, MergeOutcomeStatus.Skipped, heldBack);
            }

            writing.Value = true;
            await client.UpsertAsync(plan.Patch!, ById, cancellationToken).ConfigureAwait(false);
            return Outcome(plan, step, MergeOutcomeStatus.Succeeded, null);
        }, cancellationToken);

    private static Task<MergeRecordOutcome> DeleteAsync(MergeRecordPlan plan, MergeUndoStep step, IContactClient client, CancellationToken cancellationToken) =>
        GuardedAsync(plan, step, "deleted", async writing =>
        {
            Contact? current = await client.GetAsync(plan.ContactId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return Outcome(plan, step, MergeOutcomeStatus.Failed, "the record no longer exists");
            }

            foreach (RecordField field in Survivorship.FieldsOf([new SourcedContact(plan.Instance, plan.Before), new SourcedContact(plan.Instance, current)]))
            {
                if (!Survivorship.SameValue(field, field.GetText(current), field.GetText(plan.Before)))
                {
                    return Outcome(plan, step, MergeOutcomeStatus.Failed, $"changed since the proposal: {field} was '{field.GetText(plan.Before)}', is now '{field.GetText(current)}'; not deleted, propose the merge again");
                }
            }

            step.Old = current;
            writing.Value = true;
            return await client.DeleteAsync(plan.ContactId, null, cancellationToken).ConfigureAwait(false)
                ? Outcome(plan, step, MergeOutcomeStatus.Succeeded, null)
                : Outcome(plan, step, MergeOutcomeStatus.Failed, "the provider found no such record to delete");
        }, cancellationToken);

    /// <summary>Runs one record's write and turns cancellation and errors into its outcome. A write whose result is unknown
    /// (cancelled once sent, or a transport error after the vendor may have processed it) stays pending in the undo file,
    /// so an undo restores it.</summary>
    private static async Task<MergeRecordOutcome> GuardedAsync(MergeRecordPlan plan, MergeUndoStep step, string done, Func<StrongBox<bool>, Task<MergeRecordOutcome>> write, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Outcome(plan, step, MergeOutcomeStatus.Skipped, $"cancelled before it was {done}");
        }

        var writing = new StrongBox<bool>();
        try
        {
            return await write(writing).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (!writing.Value)
            {
                return Outcome(plan, step, MergeOutcomeStatus.Skipped, $"cancelled before it was {done}");
            }

            MergeRecordOutcome outcome = Outcome(plan, step, MergeOutcomeStatus.Failed, $"cancelled while it was being {done}: it may have been {done}");
            step.Outcome = MergeUndoOutcomes.Pending;
            return outcome;
        }
        catch (Exception e)
        {
            MergeRecordOutcome outcome = Outcome(plan, step, MergeOutcomeStatus.Failed, MergeFiles.Describe(e));
            if (writing.Value && e is MartechTransportException { MayHaveBeenProcessed: true })
            {
                step.Outcome = MergeUndoOutcomes.Pending;
            }

            return outcome;
        }
    }
}
