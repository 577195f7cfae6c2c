using System.Globalization;
using System.Runtime.CompilerServices;

namespace Martech.Sdk;

/// <summary>Finds contacts that are the same person, within one provider instance and across several (HubSpot and
/// Pipedrive), over contacts streamed from any source.</summary>
/// <remarks>
/// <para>A run reads the source once, keeping per record only a compact form (hashes of the normalised email, phone and
/// identity, the blocking keys, and the normalised names and company as text: see
/// <see cref="DuplicateBlockingEstimate.BytesPerRecord"/>), never the contacts. It then forms the blocks of each rule
/// by sorting the keys, counts the candidate pairs (n·(n−1)/2 per block) and refuses the run, before comparing anything,
/// when a block is larger than <see cref="DuplicateDetectionOptions.MaxBlockSize"/> or the pairs exceed
/// <see cref="DuplicateDetectionOptions.MaxCandidatePairs"/>. Pairs are compared only within blocks (each pair once, on
/// all processors), matched pairs are joined into clusters (union-find, transitive), and the source is read a second time
/// to return the clustered records in full. The source must therefore list the same records in the same order both
/// times, as a listing of a provider does when nothing changes during the run.</para>
/// </remarks>
public sealed class DuplicateDetector
{
    private const int NamedBlocks = 20;
    private readonly DuplicateDetectionOptions _options;
    private readonly string _path;
    private readonly DuplicateBlockingRule[] _rules;
    private readonly int[] _slotOf; // per rule: first key slot in the store, or -1 (email column) / -2 (phone column)
    private readonly int _slots;
    private readonly FrozenSetOfStrings _freeMail;

    /// <summary>Creates a detector.</summary>
    /// <param name="options">The settings; the defaults when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public DuplicateDetector(DuplicateDetectionOptions? options = null)
        : this(options ?? new DuplicateDetectionOptions(), nameof(DuplicateDetectionOptions))
    {
    }

    internal DuplicateDetector(DuplicateDetectionOptions options, string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        string[] problems = [.. options.Validate(configurationPath)];
        if (problems.Length > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _path = configurationPath;
        _rules = [.. options.EffectiveRules];
        _slotOf = new int[_rules.Length];
        for (int r = 0; r < _rules.Length; r++)
        {
            _slotOf[r] = _rules[r] switch
            {
                DuplicateBlockingRule.Email => -1,
                DuplicateBlockingRule.Phone => -2,
                _ => _slots,
            };
            if (_slotOf[r] >= 0)
            {
                _slots += MatchRecord.KeysPerRecord(_rules[r]);
            }
        }

        _freeMail = options.FreeMailDomains is { Count: > 0 } more ? MatchText.FreeMailDomains.With(more) : MatchText.FreeMailDomains;
    }

    /// <summary>Reads the source and counts what the blocking rules would compare, without comparing: the blocks and
    /// pairs of each rule and the oversized blocks, named (the source is read again only to name them).</summary>
    /// <param name="source">The contacts, each with its instance (see <see cref="SourcedContact.ListAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The estimate.</returns>
    public async Task<DuplicateBlockingEstimate> EstimateAsync(IAsyncEnumerable<SourcedContact> source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        DuplicateRecordStore store = await ReadAsync(source, cancellationToken).ConfigureAwait(false);
        Blocking blocking = FormBlocks(store);
        return await NameAsync(source, store, blocking, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds the duplicates in contacts read from several sources (one per provider instance), as one run.</summary>
    /// <param name="sources">The sources, read one after another.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The clusters and the run's counts.</returns>
    /// <exception cref="DuplicateBlockingException">A block or the pair count is over its limit (with
    /// <see cref="DuplicateOversizedBlockPolicy.Refuse"/>), found before any pair was compared.</exception>
    public Task<DuplicateDetectionResult> FindAsync(IEnumerable<IAsyncEnumerable<SourcedContact>> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        IAsyncEnumerable<SourcedContact>[] list = [.. sources];
        if (Array.Exists(list, s => s is null))
        {
            throw new ArgumentException("A source is null.", nameof(sources));
        }

        return FindAsync(Concat(list, cancellationToken), cancellationToken);
    }

    /// <summary>Finds the duplicates in the contacts of a source.</summary>
    /// <param name="source">The contacts, each with its instance (see <see cref="SourcedContact.ListAsync"/>); read
    /// twice, so it must list the same records in the same order both times.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The clusters and the run's counts.</returns>
    /// <exception cref="DuplicateBlockingException">A block or the pair count is over its limit (with
    /// <see cref="DuplicateOversizedBlockPolicy.Refuse"/>), found before any pair was compared.</exception>
    /// <exception cref="InvalidOperationException">The second read of the source listed different records.</exception>
    public async Task<DuplicateDetectionResult> FindAsync(IAsyncEnumerable<SourcedContact> source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        DuplicateRecordStore store = await ReadAsync(source, cancellationToken).ConfigureAwait(false);
        Blocking blocking = FormBlocks(store);
        long toCompare = blocking.Estimates.Sum(e => e.Pairs) - (_options.OversizedBlocks == DuplicateOversizedBlockPolicy.Skip ? blocking.OversizedPairs : 0);
        bool refuse = (blocking.Oversized.Count > 0 && _options.OversizedBlocks == DuplicateOversizedBlockPolicy.Refuse)
            || toCompare > _options.MaxCandidatePairs;
        if (refuse)
        {
            DuplicateBlockingEstimate estimate = await NameAsync(source, store, blocking, cancellationToken).ConfigureAwait(false);
            throw new DuplicateBlockingException(RefusalMessage(estimate, toCompare), estimate);
        }

        (List<Pair> matches, long compared) = Compare(store, blocking, cancellationToken);
        List<int[]> clusters = Cluster(matches);
        return await CollectAsync(source, store, blocking, matches, clusters, compared, cancellationToken).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<SourcedContact> Concat(IAsyncEnumerable<SourcedContact>[] sources, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (IAsyncEnumerable<SourcedContact> source in sources)
        {
            await foreach (SourcedContact record in source.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                yield return record;
            }
        }
    }

    private async Task<DuplicateRecordStore> ReadAsync(IAsyncEnumerable<SourcedContact> source, CancellationToken cancellationToken)
    {
        var store = new DuplicateRecordStore(_slots);
        ulong[] keys = new ulong[Math.Max(1, _slots)];
        ulong[] ruleKeys = new ulong[2];
        await foreach (SourcedContact record in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (record?.Contact is null || string.IsNullOrEmpty(record.Instance))
            {
                throw new ArgumentException($"The source listed a record with no contact or no instance at position {store.Count}.", nameof(source));
            }

            MatchRecord values = MatchRecord.Of(record.Contact, _options);
            for (int r = 0; r < _rules.Length; r++)
            {
                if (_slotOf[r] >= 0)
                {
                    values.Keys(_rules[r], _freeMail, ruleKeys);
                    for (int k = 0; k < MatchRecord.KeysPerRecord(_rules[r]); k++)
                    {
                        keys[_slotOf[r] + k] = ruleKeys[k];
                    }
                }
            }

            store.Add(record, values, keys);
        }

        store.Trim();
        return store;
    }

    private ulong KeyOf(DuplicateRecordStore store, int rule, int k, int i) => _slotOf[rule] switch
    {
        -1 => k == 0 ? store.Email(i) : 0,
        -2 => k == 0 ? store.Phone(i) : 0,
        int slot => store.Key(slot + k, i),
    };

    private Blocking FormBlocks(DuplicateRecordStore store)
    {
        var blocking = new Blocking(_rules.Length);
        for (int r = 0; r < _rules.Length; r++)
        {
            int perRecord = MatchRecord.KeysPerRecord(_rules[r]);
            int entries = 0;
            for (int i = 0; i < store.Count; i++)
            {
                for (int k = 0; k < perRecord; k++)
                {
                    entries += KeyOf(store, r, k, i) != 0 ? 1 : 0;
                }
            }

            ulong[] keys = new ulong[entries];
            int[] members = new int[entries];
            int e = 0;
            long withKey = 0;
            for (int i = 0; i < store.Count; i++)
            {
                bool any = false;
                for (int k = 0; k < perRecord; k++)
                {
                    ulong key = KeyOf(store, r, k, i);
                    if (key != 0)
                    {
                        keys[e] = key;
                        members[e++] = i;
                        any = true;
                    }
                }

                withKey += any ? 1 : 0;
            }

            Array.Sort(keys, members);
            blocking.Keys[r] = keys;
            blocking.Members[r] = members;
            long blocks = 0, pairs = 0;
            int largest = 0;
            for (int start = 0; start < entries;)
            {
                int end = start + 1;
                while (end < entries && keys[end] == keys[start])
                {
                    end++;
                }

                int size = end - start;
                if (size >= 2)
                {
                    long blockPairs = (long)size * (size - 1) / 2;
                    blocks++;
                    pairs += blockPairs;
                    largest = Math.Max(largest, size);
                    if (size > _options.MaxBlockSize)
                    {
                        blocking.Oversized.Add((r, start, size));
                        blocking.OversizedPairs += blockPairs;
                        blocking.SkippedKeys[r].Add(keys[start]);
                    }
                    else
                    {
                        blocking.Work.Add((r, start, size));
                    }
                }

                start = end;
            }

            blocking.Estimates.Add((_rules[r], withKey, blocks, pairs, largest));
        }

        blocking.Oversized.Sort((a, b) => b.Size.CompareTo(a.Size));
        blocking.BytesPerRecord = store.Count == 0 ? 0 : store.Bytes / (double)store.Count;
        blocking.Records = store.Count;
        return blocking;
    }

    // Whether a and b share a key of rule r that is in a compared block (and, when before is set, smaller than it).
    private bool Share(DuplicateRecordStore store, Blocking blocking, int r, int a, int b, ulong before = ulong.MaxValue)
    {
        int perRecord = MatchRecord.KeysPerRecord(_rules[r]);
        HashSet<ulong> skipped = blocking.SkippedKeys[r];
        for (int k = 0; k < perRecord; k++)
        {
            ulong ka = KeyOf(store, r, k, a);
            if (ka == 0 || ka >= before || (skipped.Count > 0 && skipped.Contains(ka)))
            {
                continue;
            }

            for (int l = 0; l < perRecord; l++)
            {
                if (KeyOf(store, r, l, b) == ka)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private (List<Pair> Matches, long Compared) Compare(DuplicateRecordStore store, Blocking blocking, CancellationToken cancellationToken)
    {
        var matches = new List<Pair>();
        long compared = 0;
        var gate = new object();
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.For(
            0,
            blocking.Work.Count,
            parallel,
            () => (Matches: new List<Pair>(), Compared: 0L),
            (w, _, local) =>
            {
                (int r, int start, int size) = blocking.Work[w];
                ulong key = blocking.Keys[r][start];
                int[] members = blocking.Members[r];
                for (int p = start; p < start + size; p++)
                {
                    int a = members[p];
                    for (int q = p + 1; q < start + size; q++)
                    {
                        int b = members[q];
                        if (a == b || Earlier(store, blocking, r, a, b, key))
                        {
                            continue;
                        }

                        local.Compared++;
                        double score = Score(store, a, b, out double weight);
                        if (weight > 0 && weight >= _options.MinimumComparedWeight && score >= _options.Threshold)
                        {
                            local.Matches.Add(new Pair(Math.Min(a, b), Math.Max(a, b), score, r));
                        }
                    }
                }

                return local;
            },
            local =>
            {
                lock (gate)
                {
                    matches.AddRange(local.Matches);
                    compared += local.Compared;
                }
            });

        // Deterministic order whatever the threads did.
        matches.Sort((x, y) => x.A != y.A ? x.A.CompareTo(y.A) : x.B.CompareTo(y.B));
        return (matches, compared);
    }

    // Whether the pair is compared in another block: one of an earlier rule, or one of a smaller key of this rule (a rule
    // with two keys a record); blocks skipped as oversized do not count, so a later rule still compares their pairs.
    private bool Earlier(DuplicateRecordStore store, Blocking blocking, int r, int a, int b, ulong key)
    {
        for (int earlier = 0; earlier < r; earlier++)
        {
            if (Share(store, blocking, earlier, a, b))
            {
                return true;
            }
        }

        return MatchRecord.KeysPerRecord(_rules[r]) > 1 && Share(store, blocking, r, a, b, key);
    }

    /// <summary>The weighted mean of the similarities of the fields both records have; <paramref name="weight"/> is the
    /// sum of their weights.</summary>
    private double Score(DuplicateRecordStore store, int a, int b, out double weight)
    {
        double sum = 0;
        weight = 0;
        Accumulate(ref sum, ref weight, _options.EmailWeight, store.Email(a), store.Email(b));
        Accumulate(ref sum, ref weight, _options.PhoneWeight, store.Phone(a), store.Phone(b));
        Accumulate(ref sum, ref weight, _options.FirstNameWeight, store.First(a), store.First(b), company: false);
        Accumulate(ref sum, ref weight, _options.LastNameWeight, store.Last(a), store.Last(b), company: false);
        Accumulate(ref sum, ref weight, _options.CompanyWeight, store.Company(a), store.Company(b), company: true);
        return weight > 0 ? sum / weight : 0;
    }

    private static void Accumulate(ref double sum, ref double weight, double w, ulong a, ulong b)
    {
        if (w > 0 && a != 0 && b != 0)
        {
            sum += a == b ? w : 0;
            weight += w;
        }
    }

    private static void Accumulate(ref double sum, ref double weight, double w, ReadOnlySpan<char> a, ReadOnlySpan<char> b, bool company)
    {
        if (w > 0 && !a.IsEmpty && !b.IsEmpty)
        {
            sum += w * (company ? MatchSimilarity.CompanyTokens(a, b) : MatchSimilarity.JaroWinkler(a, b));
            weight += w;
        }
    }

    private List<DuplicateFieldComparison> Explain(DuplicateRecordStore store, int a, int b)
    {
        var fields = new List<DuplicateFieldComparison>(5);
        void Add(RecordField field, double weight, bool present, Func<double> similarity)
        {
            if (weight > 0 && present)
            {
                double s = similarity();
                fields.Add(new DuplicateFieldComparison(field, s, weight, s >= 0.9));
            }
        }

        Add(RecordField.Email, _options.EmailWeight, store.Email(a) != 0 && store.Email(b) != 0, () => store.Email(a) == store.Email(b) ? 1 : 0);
        Add(RecordField.Phone, _options.PhoneWeight, store.Phone(a) != 0 && store.Phone(b) != 0, () => store.Phone(a) == store.Phone(b) ? 1 : 0);
        Add(RecordField.FirstName, _options.FirstNameWeight, !store.First(a).IsEmpty && !store.First(b).IsEmpty, () => MatchSimilarity.JaroWinkler(store.First(a), store.First(b)));
        Add(RecordField.LastName, _options.LastNameWeight, !store.Last(a).IsEmpty && !store.Last(b).IsEmpty, () => MatchSimilarity.JaroWinkler(store.Last(a), store.Last(b)));
        Add(RecordField.Company, _options.CompanyWeight, !store.Company(a).IsEmpty && !store.Company(b).IsEmpty, () => MatchSimilarity.CompanyTokens(store.Company(a), store.Company(b)));
        return fields;
    }

    // Union-find over the matched records only (path halving, union by size); clusters as sorted record positions,
    // ordered by their first record.
    private static List<int[]> Cluster(List<Pair> matches)
    {
        var parent = new Dictionary<int, int>();
        var size = new Dictionary<int, int>();
        int Find(int x)
        {
            if (!parent.TryGetValue(x, out int p))
            {
                parent[x] = x;
                size[x] = 1;
                return x;
            }

            while (p != x)
            {
                int grand = parent[p];
                parent[x] = grand;
                x = p;
                p = grand;
            }

            return x;
        }

        foreach (Pair pair in matches)
        {
            int ra = Find(pair.A), rb = Find(pair.B);
            if (ra == rb)
            {
                continue;
            }

            if (size[ra] < size[rb])
            {
                (ra, rb) = (rb, ra);
            }

            parent[rb] = ra;
            size[ra] += size[rb];
        }

        var groups = new Dictionary<int, List<int>>();
        foreach (int record in parent.Keys)
        {
            int root = Find(record);
            if (!groups.TryGetValue(root, out List<int>? members))
            {
                groups[root] = members = [];
            }

            members.Add(record);
        }

        List<int[]> clusters = [.. groups.Values.Select(g => g.Order().ToArray())];
        clusters.Sort((x, y) => x[0].CompareTo(y[0]));
        return clusters;
    }

    private async Task<DuplicateDetectionResult> CollectAsync(
        IAsyncEnumerable<SourcedContact> source,
        DuplicateRecordStore store,
        Blocking blocking,
        List<Pair> matches,
        List<int[]> clusters,
        long compared,
        CancellationToken cancellationToken)
    {
        var slotOf = new Dictionary<int, (int Cluster, int Index)>();
        for (int c = 0; c < clusters.Count; c++)
        {
            for (int m = 0; m < clusters[c].Length; m++)
            {
                slotOf[clusters[c][m]] = (c, m);
            }
        }

        var records = new SourcedContact[clusters.Count][];
        for (int c = 0; c < clusters.Count; c++)
        {
            records[c] = new SourcedContact[clusters[c].Length];
        }

        List<(int Position, int Rule, ulong Key)> toName = Wanted(blocking);
        var names = new Dictionary<(int Rule, ulong Key), string>();
        int last = Math.Max(clusters.Count == 0 ? -1 : clusters.Max(c => c[^1]), toName.Count == 0 ? -1 : toName.Max(n => n.Position));
        if (last >= 0)
        {
            await foreach ((int position, SourcedContact record) in RereadAsync(source, store, last, cancellationToken).ConfigureAwait(false))
            {
                if (slotOf.TryGetValue(position, out (int Cluster, int Index) slot))
                {
                    records[slot.Cluster][slot.Index] = record;
                }

                AddNames(toName, position, record, names);
            }
        }

        var clusterMatches = new List<DuplicateMatch>[clusters.Count];
        for (int c = 0; c < clusters.Count; c++)
        {
            clusterMatches[c] = [];
        }

        foreach (Pair pair in matches)
        {
            (int c, int first) = slotOf[pair.A];
            int second = slotOf[pair.B].Index;
            clusterMatches[c].Add(new DuplicateMatch(first, second, pair.Score, _rules[pair.Rule], Explain(store, pair.A, pair.B)));
        }

        DuplicateBlockingEstimate estimate = Estimate(blocking, names);
        var result = new DuplicateCluster[clusters.Count];
        for (int c = 0; c < clusters.Count; c++)
        {
            result[c] = new DuplicateCluster(records[c], clusterMatches[c]);
        }

        IReadOnlyList<DuplicateBlock> skipped = _options.OversizedBlocks == DuplicateOversizedBlockPolicy.Skip ? estimate.OversizedBlocks : [];
        return new DuplicateDetectionResult(result, estimate, compared, matches.Count, skipped);
    }

    private async Task<DuplicateBlockingEstimate> NameAsync(IAsyncEnumerable<SourcedContact> source, DuplicateRecordStore store, Blocking blocking, CancellationToken cancellationToken)
    {
        List<(int Position, int Rule, ulong Key)> toName = Wanted(blocking);
        var names = new Dictionary<(int Rule, ulong Key), string>();
        if (toName.Count > 0)
        {
            int last = toName.Max(n => n.Position);
            await foreach ((int position, SourcedContact record) in RereadAsync(source, store, last, cancellationToken).ConfigureAwait(false))
            {
                AddNames(toName, position, record, names);
            }
        }

        return Estimate(blocking, names);
    }

    // The oversized blocks to name: the first record of each (at most NamedBlocks, largest first).
    private static List<(int Position, int Rule, ulong Key)> Wanted(Blocking blocking) =>
        [.. blocking.Oversized.Take(NamedBlocks).Select(o => (blocking.Members[o.Rule][o.Start], o.Rule, blocking.Keys[o.Rule][o.Start]))];

    private void AddNames(List<(int Position, int Rule, ulong Key)> toName, int position, SourcedContact record, Dictionary<(int Rule, ulong Key), string> names)
    {
        ulong[] keys = new ulong[2];
        foreach ((int p, int rule, ulong key) in toName)
        {
            if (p != position)
            {
                continue;
            }

            var texts = new List<(ulong Key, string Text)>(2);
            MatchRecord.Of(record.Contact, _options).Keys(_rules[rule], _freeMail, keys, texts);
            foreach ((ulong k, string text) in texts)
            {
                if (k == key)
                {
                    names[(rule, key)] = text;
                }
            }
        }
    }

    private static async IAsyncEnumerable<(int Position, SourcedContact Record)> RereadAsync(
        IAsyncEnumerable<SourcedContact> source,
        DuplicateRecordStore store,
        int last,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int position = 0;
        await foreach (SourcedContact record in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (position >= store.Count || DuplicateRecordStore.IdentityOf(record) != store.Identity(position))
            {
                throw new InvalidOperationException(
                    $"The source listed a different record at position {position} on its second read ({record?.Instance} {record?.Contact?.Id}). " +
                    "Duplicate detection reads the source twice (to match, then to return the clustered records in full), so it must list the same records in the same order both times: run it again, or on a snapshot.");
            }

            yield return (position, record);
            if (position++ == last)
            {
                yield break;
            }
        }

        throw new InvalidOperationException(
            $"The source listed only {position} records on its second read, {store.Count} on its first. Duplicate detection reads the source twice, so it must list the same records both times: run it again, or on a snapshot.");
    }

    private DuplicateBlockingEstimate Estimate(Blocking blocking, Dictionary<(int Rule, ulong Key), string> names)
    {
        DuplicateRuleEstimate[] rules = [.. blocking.Estimates.Select(e => new DuplicateRuleEstimate(e.Rule, e.WithKey, e.Blocks, e.Pairs, e.Largest))];
        DuplicateBlock[] oversized =
        [
            .. blocking.Oversized.Take(NamedBlocks).Select(o =>
            {
                ulong key = blocking.Keys[o.Rule][o.Start];
                string text = names.TryGetValue((o.Rule, key), out string? name) ? name : $"key {key:x16}";
                return new DuplicateBlock(_rules[o.Rule], text, o.Size);
            }),
        ];
        return new DuplicateBlockingEstimate(blocking.Records, rules, oversized, Math.Round(blocking.BytesPerRecord, 1));
    }

    private string RefusalMessage(DuplicateBlockingEstimate estimate, long toCompare)
    {
        var text = new System.Text.StringBuilder("Duplicate detection refused to run before comparing any pair: ");
        CultureInfo c = CultureInfo.InvariantCulture;
        if (estimate.OversizedBlocks.Count > 0 && _options.OversizedBlocks == DuplicateOversizedBlockPolicy.Refuse)
        {
            DuplicateBlock block = estimate.OversizedBlocks[0];
            text.Append(c, $"the {block.Rule} block '{block.Key}' holds {block.Size:N0} records ({block.Pairs:N0} pairs), above {_path}:{nameof(DuplicateDetectionOptions.MaxBlockSize)} ({_options.MaxBlockSize:N0})");
            int more = estimate.OversizedBlocks.Count - 1;
            if (more > 0)
            {
                text.Append(c, $"; {more} more oversized block{(more == 1 ? string.Empty : "s")}: ");
                text.AppendJoin(", ", estimate.OversizedBlocks.Skip(1).Take(5).Select(b => string.Create(c, $"{b.Rule} '{b.Key}' ({b.Size:N0})")));
            }

            text.Append(". ");
            text.Append(block.Rule switch
            {
                DuplicateBlockingRule.Email or DuplicateBlockingRule.Phone =>
                    $"Many records share one {(block.Rule == DuplicateBlockingRule.Email ? "address" : "number")} (a shared inbox or a placeholder): clean them up, or ",
                _ => "Make the rule more specific (NameAndCompany instead of NameGramsAndCompany), or ",
            });
            text.Append(c, $"set {_path}:{nameof(DuplicateDetectionOptions.OversizedBlocks)} to Skip to compare the rest and report the block, or raise {_path}:{nameof(DuplicateDetectionOptions.MaxBlockSize)} if its pairs are affordable, or leave {block.Rule} out of {_path}:{nameof(DuplicateDetectionOptions.BlockingRules)}.");
        }
        else
        {
            text.Append(c, $"the blocking rules give {toCompare:N0} candidate pairs, above {_path}:{nameof(DuplicateDetectionOptions.MaxCandidatePairs)} ({_options.MaxCandidatePairs:N0}); per rule: ");
            text.AppendJoin(", ", estimate.Rules.Select(r => string.Create(c, $"{r.Rule} {r.Pairs:N0} pairs in {r.Blocks:N0} blocks (largest {r.LargestBlock:N0})")));
            text.Append(c, $". Leave the rule with the most pairs out of {_path}:{nameof(DuplicateDetectionOptions.BlockingRules)}, lower {_path}:{nameof(DuplicateDetectionOptions.MaxBlockSize)} with OversizedBlocks Skip, or raise {_path}:{nameof(DuplicateDetectionOptions.MaxCandidatePairs)}.");
        }

        return text.ToString();
    }

    private readonly record struct Pair(int A, int B, double Score, int Rule);

    private sealed class Blocking(int rules)
    {
        public ulong[][] Keys { get; } = new ulong[rules][];

        public int[][] Members { get; } = new int[rules][];

        public HashSet<ulong>[] SkippedKeys { get; } = [.. Enumerable.Range(0, rules).Select(_ => new HashSet<ulong>())];

        public List<(int Rule, int Start, int Size)> Work { get; } = [];

        public List<(int Rule, int Start, int Size)> Oversized { get; } = [];

        public List<(DuplicateBlockingRule Rule, long WithKey, long Blocks, long Pairs, int Largest)> Estimates { get; } = [];

        public long OversizedPairs { get; set; }

        public long Records { get; set; }

        public double BytesPerRecord { get; set; }
    }
}
