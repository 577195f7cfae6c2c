namespace Martech.Sdk;

/// <summary>
/// A proposed merge of records of one person: the surviving record of each instance and the merged value of each field,
/// each with its reason. A tie picks no winner: such a field or survivor <see cref="MergeFieldDecision.NeedsDecision">needs
/// a decision</see>, and the proposal cannot be previewed or applied until the caller makes it with
/// <see cref="Decide"/> or <see cref="ChooseSurvivor"/> (each returns a new proposal; this one does not change).
/// </summary>
public sealed class MergeProposal
{
    internal MergeProposal(IReadOnlyList<SourcedContact> records, IReadOnlyList<MergeSurvivor> survivors, IReadOnlyList<MergeFieldDecision> fields, bool deleteLosers)
    {
        Records = records;
        Survivors = survivors;
        Fields = fields;
        DeleteLosers = deleteLosers;
    }

    /// <summary>The records merged, in the order given.</summary>
    public IReadOnlyList<SourcedContact> Records { get; }

    /// <summary>The surviving record of each instance, in the order the instances first appear.</summary>
    public IReadOnlyList<MergeSurvivor> Survivors { get; }

    /// <summary>The merged value of each field: the standard fields, then the custom fields by name.</summary>
    public IReadOnlyList<MergeFieldDecision> Fields { get; }

    /// <summary>Whether applying deletes the records that did not survive.</summary>
    public bool DeleteLosers { get; }

    /// <summary>What is still to decide, one line each (<c>Phone: tie: ...</c>, <c>survivor in HubSpot: tie: ...</c>).</summary>
    public IReadOnlyList<string> OpenDecisions =>
    [
        .. Survivors.Where(s => s.NeedsDecision).Select(s => $"survivor in {s.Instance}: {s.Reason}"),
        .. Fields.Where(f => f.NeedsDecision).Select(f => $"{f.Field}: {f.Reason}"),
    ];

    /// <summary>Whether every decision is made, so the proposal can be previewed and applied.</summary>
    public bool IsReady => Survivors.All(s => !s.NeedsDecision) && Fields.All(f => !f.NeedsDecision);

    /// <summary>The decision of one field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">The proposal has no such field.</exception>
    public MergeFieldDecision this[RecordField field] =>
        Fields.FirstOrDefault(f => f.Field == field) ?? throw new ArgumentException($"The merge proposal has no field {field}; its fields are {string.Join(", ", Fields.Select(f => f.Field))}.", nameof(field));

    /// <summary>Decides a field: the value of the given record wins (a tie, or overruling the rule).</summary>
    /// <param name="field">The field.</param>
    /// <param name="instance">The instance of the record whose value wins.</param>
    /// <param name="contactId">That record's id.</param>
    /// <returns>A new proposal with the field decided.</returns>
    /// <exception cref="ArgumentException">The proposal has no such field, or that record has no value for it.</exception>
    public MergeProposal Decide(RecordField field, string instance, string contactId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        MergeFieldDecision decision = this[field];
        MergeCandidate winner = decision.Candidates.FirstOrDefault(c => IsRecord(c.Record, instance, contactId))
            ?? throw new ArgumentException($"The record {instance} {contactId} has no value for {field}; choose one of: {string.Join(", ", decision.Candidates)}.", nameof(contactId));
        MergeFieldDecision decided = decision with { Rule = "Caller", Winner = winner, Reason = $"decided by the caller: {winner}", NeedsDecision = false };
        return new MergeProposal(Records, Survivors, [.. Fields.Select(f => f.Field == field ? decided : f)], DeleteLosers);
    }

    /// <summary>Chooses the surviving record of an instance (a tie, or overruling the choice).</summary>
    /// <param name="instance">The instance.</param>
    /// <param name="contactId">The id of the record that survives.</param>
    /// <returns>A new proposal with the survivor chosen.</returns>
    /// <exception cref="ArgumentException">The proposal has no such record.</exception>
    public MergeProposal ChooseSurvivor(string instance, string contactId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        MergeSurvivor survivor = Survivors.FirstOrDefault(s => string.Equals(s.Instance, instance, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"The merge proposal has no records in the instance '{instance}'; its instances are {string.Join(", ", Survivors.Select(s => s.Instance))}.", nameof(instance));
        SourcedContact record = survivor.Records.FirstOrDefault(r => IsRecord(r, instance, contactId))
            ?? throw new ArgumentException($"The merge proposal has no record {contactId} in {instance}; its records there are {string.Join(", ", survivor.Records.Select(r => r.Contact.Id))}.", nameof(contactId));
        MergeSurvivor chosen = survivor with { Survivor = record, Reason = $"chosen by the caller: {contactId}", NeedsDecision = false };
        return new MergeProposal(Records, [.. Survivors.Select(s => s == survivor ? chosen : s)], Fields, DeleteLosers);
    }

    /// <summary>What applying will write, record by record and field by field (old → new). Applying writes exactly
    /// this: each survivor gets the winning values of the fields where it differs (an update by id through
    /// <see cref="IContactClient.UpsertAsync"/>), and each other record is deleted when <see cref="DeleteLosers"/> is on
    /// and left as it is otherwise. A merge never writes a blank over a value.</summary>
    /// <returns>The preview.</returns>
    /// <exception cref="InvalidOperationException">Decisions are open (<see cref="OpenDecisions"/>).</exception>
    public MergePreview Preview()
    {
        ThrowIfNotReady("preview");
        var plans = new List<MergeRecordPlan>(Records.Count);
        foreach (SourcedContact record in Records)
        {
            MergeSurvivor instance = Survivors.First(s => string.Equals(s.Instance, record.Instance, StringComparison.OrdinalIgnoreCase));
            string id = record.Contact.Id!;
            if (!ReferenceEquals(instance.Survivor, record))
            {
                plans.Add(DeleteLosers
                    ? new MergeRecordPlan(record.Instance, id, MergeAction.Delete, [], record.Contact, null)
                    : new MergeRecordPlan(record.Instance, id, MergeAction.Unchanged, [], record.Contact, record.Contact));
                continue;
            }

            var changes = new List<MergeFieldChange>();
            Contact after = record.Contact;
            Contact patch = new() { Id = id };
            foreach (MergeFieldDecision decision in Fields)
            {
                if (decision.Winner is not { } winner)
                {
                    continue;
                }

                string? old = decision.Field.GetText(record.Contact);
                if (Survivorship.SameValue(decision.Field, old, winner.Value))
                {
                    continue;
                }

                bool blank = string.IsNullOrWhiteSpace(old);
                changes.Add(new MergeFieldChange(decision.Field, blank ? null : old, winner.Value, !blank || MergeValues.CanClear(decision.Field)));
                after = decision.Field.CopyValue(winner.Record.Contact, after);
                patch = decision.Field.CopyValue(winner.Record.Contact, patch);
            }

            plans.Add(changes.Count == 0
                ? new MergeRecordPlan(record.Instance, id, MergeAction.Unchanged, [], record.Contact, record.Contact)
                : new MergeRecordPlan(record.Instance, id, MergeAction.Update, changes, record.Contact, after) { Patch = patch });
        }

        return new MergePreview(plans);
    }

    internal void ThrowIfNotReady(string what)
    {
        if (!IsReady)
        {
            throw new InvalidOperationException(
                $"The merge proposal cannot be {(what == "preview" ? "previewed" : "applied")}: decisions are open. {string.Join("; ", OpenDecisions)}. Decide each with MergeProposal.Decide(field, instance, contactId) or ChooseSurvivor(instance, contactId).");
        }
    }

    private static bool IsRecord(SourcedContact record, string instance, string contactId) =>
        string.Equals(record.Instance, instance, StringComparison.OrdinalIgnoreCase) && string.Equals(record.Contact.Id, contactId, StringComparison.Ordinal);
}
