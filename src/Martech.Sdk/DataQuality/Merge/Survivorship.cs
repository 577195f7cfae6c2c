using System.Globalization;

namespace Martech.Sdk;

/// <summary>The built-in survivorship rules and the survivor choice: pure functions of the records, so a proposal is
/// the same every time for the same records and options.</summary>
internal static class Survivorship
{
    /// <summary>The standard fields a merge considers, in this order; custom fields follow, by name.</summary>
    internal static readonly RecordField[] StandardFields =
    [
        RecordField.Email, RecordField.Phone, RecordField.FirstName, RecordField.LastName, RecordField.Company,
        RecordField.JobTitle, RecordField.LifecycleStage, RecordField.OwnerId, RecordField.EmailConsent,
        RecordField.SmsConsent,
    ];

    /// <summary>The fields the group's records hold: the standard ones, then every custom field any record has.</summary>
    internal static List<RecordField> FieldsOf(IReadOnlyList<SourcedContact> records)
    {
        var fields = new List<RecordField>(StandardFields);
        var custom = new SortedSet<string>(StringComparer.Ordinal);
        foreach (SourcedContact record in records)
        {
            custom.UnionWith(record.Contact.CustomFields.Keys);
        }

        fields.AddRange(custom.Select(RecordField.Custom));
        return fields;
    }

    /// <summary>How many fields a record has filled, of the standard merge fields and its custom fields.</summary>
    internal static int Filled(Contact contact)
    {
        int count = 0;
        foreach (RecordField field in StandardFields)
        {
            count += field.HasValue(contact) ? 1 : 0;
        }

        foreach (string name in contact.CustomFields.Keys)
        {
            count += string.IsNullOrWhiteSpace(contact.CustomFields.GetString(name)) ? 0 : 1;
        }

        return count;
    }

    internal static bool SameValue(RecordField field, string? a, string? b) =>
        string.IsNullOrWhiteSpace(a) ? string.IsNullOrWhiteSpace(b)
        : string.Equals(a.Trim(), b?.Trim(), field == RecordField.Email ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    internal static List<MergeCandidate> CandidatesOf(RecordField field, IReadOnlyList<SourcedContact> records)
    {
        var candidates = new List<MergeCandidate>();
        foreach (SourcedContact record in records)
        {
            string? text = field.GetText(record.Contact);
            if (!string.IsNullOrWhiteSpace(text))
            {
                candidates.Add(new MergeCandidate(record, text.Trim(), TimestampOf(field, record.Contact)));
            }
        }

        return candidates;
    }

    internal static MergeFieldDecision Decide(RecordField field, IReadOnlyList<MergeCandidate> candidates, ContactMergeOptions options)
    {
        string rule = options.RuleOf(field);
        if (candidates.Count == 0)
        {
            return new MergeFieldDecision(field, rule, candidates, null, "no record has a value", false);
        }

        if (ContactMergeOptions.IsRule(rule, SurvivorshipRules.Keep))
        {
            return new MergeFieldDecision(field, SurvivorshipRules.Keep, candidates, null, "kept: each record keeps its own value", false);
        }

        if (Distinct(field, candidates).Count == 1)
        {
            return new MergeFieldDecision(field, rule, candidates, candidates[0], "all records with a value agree", false);
        }

        MergeFieldChoice choice;
        if (ContactMergeOptions.IsRule(rule, SurvivorshipRules.Newest))
        {
            choice = Newest(field, candidates);
            rule = SurvivorshipRules.Newest;
        }
        else if (ContactMergeOptions.IsRule(rule, SurvivorshipRules.MostComplete))
        {
            choice = MostComplete(field, candidates);
            rule = SurvivorshipRules.MostComplete;
        }
        else if (ContactMergeOptions.IsRule(rule, SurvivorshipRules.SourcePriority))
        {
            choice = SourcePriority(field, candidates, options.SourcePriority);
            rule = SurvivorshipRules.SourcePriority;
        }
        else if (options.CustomRules.TryGetValue(rule, out SurvivorshipRule? custom))
        {
            choice = custom(field, candidates)
                ?? throw new InvalidOperationException($"The survivorship rule '{rule}' returned null for the field {field}; return MergeFieldChoice.Win or MergeFieldChoice.Tie.");
            if (choice.Winner is { } picked && !candidates.Contains(picked))
            {
                throw new InvalidOperationException($"The survivorship rule '{rule}' picked {picked} for the field {field}, which is not one of the candidates it was given; return one of them.");
            }
        }
        else
        {
            throw new InvalidOperationException($"The survivorship rule '{rule}' of the field {field} is not known; add it with ContactMergeOptions.AddRule.");
        }

        return new MergeFieldDecision(field, rule, candidates, choice.Winner, choice.Reason, choice.Winner is null);
    }

    internal static MergeSurvivor ChooseSurvivor(string instance, IReadOnlyList<SourcedContact> records, string survivorRule)
    {
        if (records.Count == 1)
        {
            return new MergeSurvivor(instance, records, records[0], $"the only record in {instance}", false);
        }

        if (ContactMergeOptions.IsRule(survivorRule, ContactMergeOptions.OldestSurvivor))
        {
            return ByTime(instance, records, c => c.CreatedAt, oldest: true, "oldest", "created");
        }

        if (ContactMergeOptions.IsRule(survivorRule, ContactMergeOptions.NewestSurvivor))
        {
            return ByTime(instance, records, c => c.UpdatedAt, oldest: false, "newest", "updated");
        }

        int best = records.Max(r => Filled(r.Contact));
        var top = records.Where(r => Filled(r.Contact) == best).ToList();
        if (top.Count > 1)
        {
            return new MergeSurvivor(instance, records, null, $"tie: {Ids(top)} each have {best} fields filled", true);
        }

        int next = records.Where(r => r != top[0]).Max(r => Filled(r.Contact));
        return new MergeSurvivor(instance, records, top[0], $"most complete: {top[0].Contact.Id} has {best} fields filled > {next}", false);
    }

    internal static string Format(DateTimeOffset? time) =>
        time is not { } t ? "no time"
        : t.UtcDateTime.TimeOfDay == TimeSpan.Zero ? t.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static MergeSurvivor ByTime(string instance, IReadOnlyList<SourcedContact> records, Func<Contact, DateTimeOffset?> time, bool oldest, string word, string verb)
    {
        var timed = records.Where(r => time(r.Contact) is not null).ToList();
        if (timed.Count == 0)
        {
            return new MergeSurvivor(instance, records, null, $"tie: none of {Ids(records)} says when it was {verb}", true);
        }

        DateTimeOffset best = oldest ? timed.Min(r => time(r.Contact)!.Value) : timed.Max(r => time(r.Contact)!.Value);
        var top = timed.Where(r => time(r.Contact) == best).ToList();
        if (top.Count > 1)
        {
            return new MergeSurvivor(instance, records, null, $"tie: {Ids(top)} were all {verb} {Format(best)}", true);
        }

        var others = records.Where(r => r != top[0]).Select(r => time(r.Contact)).ToList();
        DateTimeOffset? next = others.All(t => t is null) ? null : oldest ? others.Where(t => t is not null).Min() : others.Max();
        return new MergeSurvivor(instance, records, top[0], $"{word}: {top[0].Contact.Id} {verb} {Format(best)} {(oldest ? "<" : ">")} {Format(next)}", false);
    }

    private static MergeFieldChoice Newest(RecordField field, IReadOnlyList<MergeCandidate> candidates)
    {
        var timed = candidates.Where(c => c.Timestamp is not null).ToList();
        if (timed.Count == 0)
        {
            return MergeFieldChoice.Tie($"tie: no record says when it changed ({List(candidates)})");
        }

        DateTimeOffset max = timed.Max(c => c.Timestamp!.Value);
        var top = timed.Where(c => c.Timestamp == max).ToList();
        if (Distinct(field, top).Count > 1)
        {
            return MergeFieldChoice.Tie($"tie: {List(top)} all changed {Format(max)}");
        }

        MergeCandidate winner = top[0];
        MergeCandidate runner = candidates.Where(c => !SameValue(field, c.Value, winner.Value))
            .OrderByDescending(c => c.Timestamp ?? DateTimeOffset.MinValue).First();
        return MergeFieldChoice.Win(winner, $"newest: {winner.Instance} {Format(winner.Timestamp)} > {runner.Instance} {Format(runner.Timestamp)}");
    }

    private static MergeFieldChoice MostComplete(RecordField field, IReadOnlyList<MergeCandidate> candidates)
    {
        int max = candidates.Max(c => c.Value.Length);
        var top = candidates.Where(c => c.Value.Length == max).ToList();
        if (Distinct(field, top).Count == 1)
        {
            MergeCandidate winner = top[0];
            MergeCandidate runner = candidates.Where(c => !SameValue(field, c.Value, winner.Value)).OrderByDescending(c => c.Value.Length).First();
            return MergeFieldChoice.Win(winner, $"most complete: {winner} ({max} characters) > {runner} ({runner.Value.Length})");
        }

        int fill = top.Max(c => Filled(c.Record.Contact));
        var fuller = top.Where(c => Filled(c.Record.Contact) == fill).ToList();
        if (Distinct(field, fuller).Count > 1)
        {
            return MergeFieldChoice.Tie($"tie: {List(fuller)} are all {max} characters long, from records with {fill} fields filled");
        }

        MergeCandidate best = fuller[0];
        MergeCandidate next = top.Where(c => !SameValue(field, c.Value, best.Value)).OrderByDescending(c => Filled(c.Record.Contact)).First();
        return MergeFieldChoice.Win(best, $"most complete: {best} and {next} are both {max} characters; {best.Instance} {best.ContactId} has {fill} fields filled > {Filled(next.Record.Contact)}");
    }

    private static MergeFieldChoice SourcePriority(RecordField field, IReadOnlyList<MergeCandidate> candidates, List<string> priority)
    {
        int Rank(MergeCandidate c)
        {
            int index = priority.FindIndex(p => string.Equals(p?.Trim(), c.Instance, StringComparison.OrdinalIgnoreCase));
            return index < 0 ? int.MaxValue : index;
        }

        int best = candidates.Min(Rank);
        var top = candidates.Where(c => Rank(c) == best).ToList();
        if (Distinct(field, top).Count > 1)
        {
            return MergeFieldChoice.Tie(best == int.MaxValue
                ? $"tie: none of the instances of {List(top)} is in SourcePriority"
                : $"tie: {top[0].Instance} holds different values ({List(top)})");
        }

        MergeCandidate winner = top[0];
        MergeCandidate runner = candidates.Where(c => !SameValue(field, c.Value, winner.Value)).OrderBy(Rank).First();
        string runnerName = Rank(runner) == int.MaxValue ? $"{runner.Instance} (not listed)" : runner.Instance;
        return MergeFieldChoice.Win(winner, $"source priority: {winner.Instance} before {runnerName}");
    }

    private static DateTimeOffset? TimestampOf(RecordField field, Contact contact) =>
        field == RecordField.EmailConsent && contact.EmailConsent?.UpdatedAt is { } email ? email
        : field == RecordField.SmsConsent && contact.SmsConsent?.UpdatedAt is { } sms ? sms
        : contact.UpdatedAt;

    private static List<string> Distinct(RecordField field, IEnumerable<MergeCandidate> candidates)
    {
        var values = new List<string>();
        foreach (MergeCandidate candidate in candidates)
        {
            if (!values.Any(v => SameValue(field, v, candidate.Value)))
            {
                values.Add(candidate.Value);
            }
        }

        return values;
    }

    private static string List(IEnumerable<MergeCandidate> candidates) => string.Join(", ", candidates);

    private static string Ids(IEnumerable<SourcedContact> records) => string.Join(", ", records.Select(r => r.Contact.Id));
}
