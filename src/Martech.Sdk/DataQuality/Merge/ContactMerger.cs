namespace Martech.Sdk;

/// <summary>
/// Merges records of one person held in one or several provider instances: <see cref="Propose"/> applies the
/// survivorship rules (<see cref="ContactMergeOptions"/>), <see cref="MergeProposal.Preview"/> shows what will be
/// written, <see cref="ApplyAsync"/> writes it through each instance's <see cref="IContactClient"/> with an audit log and
/// an undo file, and <see cref="UndoAsync"/> puts the records back from the undo file.
/// </summary>
/// <remarks>
/// Policy: each instance keeps one surviving record, updated by id with the winning values of the fields where it
/// differs; the instance's other records are deleted when <see cref="ContactMergeOptions.DeleteLosers"/> is on (only
/// after the survivor was written) and left as they are otherwise. Records in different instances are never merged into
/// one: each instance's survivor receives the same merged values.
/// </remarks>
public sealed partial class ContactMerger
{
    private readonly ContactMergeOptions _options;
    private readonly Func<string, IContactClient?> _clients;
    private readonly TimeProvider _time;

    /// <summary>Creates a merger.</summary>
    /// <param name="options">The survivorship rules and policy.</param>
    /// <param name="clients">The contacts client of a provider instance by name (its keyed-service key);
    /// <see langword="null"/> when there is no such instance.</param>
    /// <param name="timeProvider">The clock for audit and undo times; the system clock when omitted.</param>
    /// <exception cref="ArgumentException">The options are not valid; the message lists each problem.</exception>
    public ContactMerger(ContactMergeOptions options, Func<string, IContactClient?> clients, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clients);
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The merge options are not valid: " + string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _clients = clients;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Proposes how to merge records believed to be the same person: the survivor of each instance and the
    /// winning value of each field (the standard contact fields, then every custom field any record has), each with its
    /// reason. Reads nothing and writes nothing.</summary>
    /// <param name="records">The records, at least two, each with an id, at most once each.</param>
    /// <returns>The proposal; see <see cref="MergeProposal.IsReady"/> for ties left to decide.</returns>
    /// <exception cref="ArgumentException">Fewer than two records, a record without an instance or id, or a record
    /// given twice.</exception>
    public MergeProposal Propose(IReadOnlyList<SourcedContact> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count < 2)
        {
            throw new ArgumentException($"A merge needs at least two records; {records.Count} given.", nameof(records));
        }

        var seen = new HashSet<(string, string)>();
        var byInstance = new List<(string Instance, List<SourcedContact> Records)>();
        for (int i = 0; i < records.Count; i++)
        {
            SourcedContact record = records[i] ?? throw new ArgumentException($"The record at index {i} is null.", nameof(records));
            if (string.IsNullOrWhiteSpace(record.Instance) || string.IsNullOrWhiteSpace(record.Contact?.Id))
            {
                throw new ArgumentException($"The record at index {i} has no {(string.IsNullOrWhiteSpace(record.Instance) ? "instance" : "Contact.Id")}; merge stored records as SourcedContact.ListAsync reads them.", nameof(records));
            }

            if (!seen.Add((record.Instance.ToUpperInvariant(), record.Contact.Id)))
            {
                throw new ArgumentException($"The record {record.Instance} {record.Contact.Id} is given twice (index {i}); give each record once.", nameof(records));
            }

            int group = byInstance.FindIndex(g => string.Equals(g.Instance, record.Instance, StringComparison.OrdinalIgnoreCase));
            if (group < 0)
            {
                byInstance.Add((record.Instance, [record]));
            }
            else
            {
                byInstance[group].Records.Add(record);
            }
        }

        List<MergeSurvivor> survivors = [.. byInstance.Select(g => Survivorship.ChooseSurvivor(g.Instance, g.Records, _options.Survivor))];
        List<MergeFieldDecision> fields = [.. Survivorship.FieldsOf(records).Select(f => Survivorship.Decide(f, Survivorship.CandidatesOf(f, records), _options))];
        return new MergeProposal([.. records], survivors, fields, _options.DeleteLosers);
    }

    private Dictionary<string, IContactClient> Resolve(IEnumerable<string> instances)
    {
        var clients = new Dictionary<string, IContactClient>(StringComparer.OrdinalIgnoreCase);
        foreach (string instance in instances)
        {
            if (!clients.ContainsKey(instance))
            {
                clients[instance] = _clients(instance)
                    ?? throw new InvalidOperationException($"There is no contacts client for the provider instance '{instance}'; register it (such as AddHubSpot(\"{instance}\")). Nothing was written.");
            }
        }

        return clients;
    }

    private MergeAuditEntry Audit(string mergeId, string actor, string instance, string contactId, MergeAction action, MergeOutcomeStatus status, string? error, List<MergeUndoField> changes, string? newId = null) =>
        new()
        {
            MergeId = mergeId,
            At = _time.GetUtcNow(),
            Actor = actor,
            Action = action,
            Instance = instance,
            ContactId = contactId,
            NewContactId = newId,
            Status = status,
            Error = error,
            Changes = changes,
        };
}
