namespace Martech.Sdk;

// Undoing a merge from its undo file: updated records get their old values back, then deleted records are re-created.
public sealed partial class ContactMerger
{
    private static readonly ContactUpsertOptions ByEmail = new() { MatchBy = ContactMatchKey.Email };

    /// <summary>
    /// Undoes a merge from its undo file: every record the merge updated (or may have updated, when a write's outcome is
    /// unknown) gets the old values of the fields it changed back, by id; then every record it deleted is created again
    /// from its full copy in the file (a record whose delete's outcome is unknown only when it no longer exists). A field
    /// that was blank before is cleared again where the contacts API can clear it (text and custom fields); an email,
    /// phone, lifecycle stage or consent that the merge filled stays, and the outcome says so
    /// (<see cref="MergeOutcomeStatus.Partial"/>). Vendors give re-created records new ids
    /// (<see cref="MergeRecordOutcome.NewContactId"/>); a record is not re-created when another one already holds its
    /// email address. Undo writes the old values over any later edit of those fields. Each record gets an audit line.
    /// </summary>
    /// <param name="undoFilePath">The undo file <see cref="ApplyAsync"/> wrote.</param>
    /// <param name="options">Who undoes it and the audit log (<see cref="MergeWriteOptions.UndoFilePath"/> is not used).</param>
    /// <param name="cancellationToken">Cancels the undo: records not yet restored are reported as skipped.</param>
    /// <returns>One outcome per record the merge had written.</returns>
    /// <exception cref="ArgumentException">The file is not a merge undo file, or the options lack the actor or the audit
    /// log.</exception>
    /// <exception cref="InvalidOperationException">An instance in the file has no contacts client; nothing was written.</exception>
    public async Task<MergeUndoResult> UndoAsync(string undoFilePath, MergeWriteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(undoFilePath);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(applying: false, nameof(options));
        MergeUndoDocument document = await MergeFiles.ReadUndoAsync(undoFilePath, cancellationToken).ConfigureAwait(false);
        var steps = document.Steps
            .Where(s => s.Outcome is MergeUndoOutcomes.Pending or nameof(MergeOutcomeStatus.Succeeded))
            .ToList();
        Dictionary<string, IContactClient> clients = Resolve(steps.Select(s => s.Instance));

        var outcomes = new List<MergeRecordOutcome>(steps.Count);
        foreach (MergeUndoStep step in steps.Where(s => s.Action == MergeAction.Update).Concat(steps.Where(s => s.Action == MergeAction.Delete)))
        {
            MergeRecordOutcome outcome = cancellationToken.IsCancellationRequested
                ? new MergeRecordOutcome(step.Instance, step.ContactId, step.Action == MergeAction.Update ? MergeAction.Restore : MergeAction.Recreate, MergeOutcomeStatus.Skipped, Reversed(step), "cancelled before it was restored")
                : step.Action == MergeAction.Update
                    ? await RestoreAsync(step, clients[step.Instance], cancellationToken).ConfigureAwait(false)
                    : await RecreateAsync(step, clients[step.Instance], cancellationToken).ConfigureAwait(false);
            outcomes.Add(outcome);
            await MergeFiles.AppendAuditAsync(options.AuditLogPath, Audit(document.MergeId, options.Actor, outcome.Instance, outcome.ContactId, outcome.Action, outcome.Status, outcome.Error, MergeFiles.Fields(outcome.Changes), outcome.NewContactId)).ConfigureAwait(false);
        }

        return new MergeUndoResult(document.MergeId, outcomes);
    }

    private static List<MergeFieldChange> Reversed(MergeUndoStep step) =>
        [.. step.Fields.Select(f => new MergeFieldChange(RecordField.Parse(f.Field), f.New, f.Old ?? string.Empty, true))];

    private static async Task<MergeRecordOutcome> RestoreAsync(MergeUndoStep step, IContactClient client, CancellationToken cancellationToken)
    {
        List<MergeFieldChange> changes = Reversed(step);
        Contact old = step.Old ?? new Contact();
        Contact patch = new() { Id = step.ContactId };
        var unrestorable = new List<string>();
        foreach (MergeUndoField field in step.Fields)
        {
            RecordField parsed = RecordField.Parse(field.Field);
            if (!string.IsNullOrWhiteSpace(field.Old))
            {
                patch = parsed.CopyValue(old, patch);
            }
            else if (MergeValues.CanClear(parsed))
            {
                patch = MergeValues.Clear(parsed, patch);
            }
            else
            {
                unrestorable.Add($"{parsed} keeps '{field.New}'");
            }
        }

        try
        {
            if (unrestorable.Count < step.Fields.Count)
            {
                await client.UpsertAsync(patch, ById, cancellationToken).ConfigureAwait(false);
            }

            return unrestorable.Count == 0
                ? new MergeRecordOutcome(step.Instance, step.ContactId, MergeAction.Restore, MergeOutcomeStatus.Succeeded, changes)
                : new MergeRecordOutcome(step.Instance, step.ContactId, MergeAction.Restore, MergeOutcomeStatus.Partial, changes,
                    $"blank before the merge, and the contacts API cannot clear them: {string.Join(", ", unrestorable)}");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new MergeRecordOutcome(step.Instance, step.ContactId, MergeAction.Restore, MergeOutcomeStatus.Failed, changes, "cancelled while writing: the old values may have been written");
        }
        catch (Exception e)
        {
            return new MergeRecordOutcome(step.Instance, step.ContactId, MergeAction.Restore, MergeOutcomeStatus.Failed, changes, MergeFiles.Describe(e));
        }
    }

    private static async Task<MergeRecordOutcome> RecreateAsync(MergeUndoStep step, IContactClient client, CancellationToken cancellationToken)
    {
        MergeRecordOutcome Result(MergeOutcomeStatus status, string? error, string? newId = null) =>
            new(step.Instance, step.ContactId, MergeAction.Recreate, status, [], error, newId);

        if (step.Old is not { } deleted)
        {
            return Result(MergeOutcomeStatus.Failed, "the undo file holds no copy of the deleted record");
        }

        try
        {
            if (step.Outcome == MergeUndoOutcomes.Pending && await client.GetAsync(step.ContactId, cancellationToken).ConfigureAwait(false) is not null)
            {
                return Result(MergeOutcomeStatus.Succeeded, null, step.ContactId);
            }

            if (deleted.Email is not { } email)
            {
                return Result(MergeOutcomeStatus.Failed, "the deleted record has no email address, which re-creating it through the contacts API needs; create it by hand from the undo file");
            }

            if (await client.FindByEmailAsync(email, cancellationToken).ConfigureAwait(false) is { } holder)
            {
                return Result(MergeOutcomeStatus.Failed, $"the contact {holder.Id} already has the address {email}, so the deleted record was not re-created over it; restore it by hand from the undo file");
            }

            UpsertResult<Contact> created = await client.UpsertAsync(deleted with { Id = null, CreatedAt = null, UpdatedAt = null }, ByEmail, cancellationToken).ConfigureAwait(false);
            return Result(MergeOutcomeStatus.Succeeded, null, created.Value.Id);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Result(MergeOutcomeStatus.Failed, "cancelled while re-creating: the record may have been created");
        }
        catch (Exception e)
        {
            return Result(MergeOutcomeStatus.Failed, MergeFiles.Describe(e));
        }
    }
}
