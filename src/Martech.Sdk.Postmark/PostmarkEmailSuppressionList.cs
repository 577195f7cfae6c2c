using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Postmark;

/// <summary>
/// Postmark's suppression lists, one per message stream: read with <c>GET /message-streams/{stream}/suppressions/dump</c>,
/// changed with <c>POST …/suppressions</c> and <c>POST …/suppressions/delete</c> (50 addresses a request, one status
/// per address). Every suppression's <see cref="EmailSuppression.GroupId"/> is its message stream.
/// </summary>
/// <remarks>
/// <para>Finding and listing cover the instance's two streams (<see cref="PostmarkOptions.MessageStream"/> and
/// <see cref="PostmarkOptions.BroadcastMessageStream"/>) unless a group id names one. Adding and removing without a
/// group id use <see cref="PostmarkOptions.MessageStream"/>.</para>
/// <para>Postmark keeps one suppression per address and stream, and its delete takes only the address: removing
/// removes whatever suppression the address has on that stream (Postmark refuses to remove spam complaints and
/// recipient unsubscribes, which fail per item with its reason).</para>
/// <para>Postmark applies changes asynchronously ("can take a minute"), so a dump read right after a change may not
/// show it yet. Its dump is not paged: each stream's dump is read once per listing and paged here.</para>
/// </remarks>
internal sealed class PostmarkEmailSuppressionList : IEmailSuppressionList
{
    /// <summary>The code of an item whose kind Postmark cannot add.</summary>
    public const string UnsupportedKindCode = "UNSUPPORTED_KIND";

    /// <summary>The code of an item Postmark answered <c>Failed</c> for.</summary>
    public const string ChangeFailedCode = "SUPPRESSION_FAILED";

    /// <summary>The code of an item without an address or with an empty group.</summary>
    public const string InvalidItemCode = "INVALID_ITEM";

    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    private static readonly MartechRequestOptions DumpOperation = new() { Operation = "suppressions.dump" };

    // Adding or removing a suppression twice leaves the same state, so the transport may resend these.
    private static readonly MartechRequestOptions CreateOperation = new() { Operation = "suppressions.create", Idempotent = true };
    private static readonly MartechRequestOptions DeleteOperation = new() { Operation = "suppressions.delete", Idempotent = true };

    private readonly MartechProviderMetadata _metadata;
    private readonly PostmarkOptions _options;
    private readonly MartechHttpTransport _transport;
    private readonly string[] _streams;

    public PostmarkEmailSuppressionList(MartechProviderMetadata metadata, PostmarkOptions options, MartechHttpTransport transport)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        _metadata = metadata;
        _options = options;
        _transport = transport;
        _streams = string.Equals(options.MessageStream, options.BroadcastMessageStream, StringComparison.Ordinal)
            ? [options.MessageStream]
            : [options.MessageStream, options.BroadcastMessageStream];
    }

    public async Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        if (email.IsEmpty)
        {
            throw new ArgumentException("The email address is empty.", nameof(email));
        }

        var lookups = new Task<List<EmailSuppression>>[_streams.Length];
        for (int i = 0; i < _streams.Length; i++)
        {
            lookups[i] = DumpAsync(_streams[i], new DumpFilter(null, null, null, email.Value), cancellationToken);
        }

        var found = new List<EmailSuppression>();
        foreach (var lookup in lookups)
        {
            // Postmark's address filter may match more than the address; keep exact matches only.
            foreach (EmailSuppression suppression in await lookup.ConfigureAwait(false))
            {
                if (suppression.Email == email)
                {
                    found.Add(suppression);
                }
            }
        }

        return found;
    }

    public AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.GroupId is { } group && string.IsNullOrWhiteSpace(group))
        {
            throw new ArgumentException("SuppressionListOptions.GroupId is empty; give a Postmark message stream id or null for the instance's streams.", nameof(options));
        }

        if (options?.PageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "SuppressionListOptions.PageSize must be positive.");
        }

        SuppressionKind? kind = options?.Kind;
        if (kind is { } k && !PostmarkSuppressionKinds.Exists(k))
        {
            return AsyncPageable.Empty<EmailSuppression>();
        }

        IReadOnlyList<string> streams = options?.GroupId is { } stream ? [stream.Trim()] : _streams;
        if (options?.ContinuationToken is { } resume)
        {
            PostmarkContinuationToken.Parse(resume, streams);
        }

        var (reason, origin) = kind is { } wanted ? PostmarkSuppressionKinds.FilterOf(wanted) : (null, null);
        DateTimeOffset? since = options?.UpdatedSince;
        var listing = new Listing(this, streams, kind, reason, origin, since);
        return AsyncPageable.Create<EmailSuppression>(listing.FetchPageAsync, options?.ContinuationToken, options?.PageSize ?? DefaultPageSize, cancellationToken);
    }

    public Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(suppressions, options, add: true, cancellationToken);

    public Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(suppressions, options, add: false, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(MartechProviderMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(PostmarkOptions))
        {
            return _options;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    private static EmailSuppression? Map(PostmarkSuppression wire, string stream)
    {
        // An address the SDK cannot parse cannot become an EmailSuppression; such rows are skipped (documented).
        if (!EmailAddress.TryParse(wire.EmailAddress, out EmailAddress address))
        {
            return null;
        }

        DateTimeOffset? createdAt = DateTimeOffset.TryParse(wire.CreatedAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out DateTimeOffset parsed) ? parsed : null;
        string? reason = wire.SuppressionReason is null ? null
            : wire.Origin is null ? wire.SuppressionReason
            : $"{wire.SuppressionReason} (origin {wire.Origin})";
        return new EmailSuppression
        {
            Email = address,
            Kind = PostmarkSuppressionKinds.KindOf(wire.SuppressionReason, wire.Origin),
            GroupId = stream,
            Reason = reason,
            CreatedAt = createdAt,
            Raw = JsonSerializer.SerializeToElement(wire, PostmarkJsonContext.Wire.PostmarkSuppression),
        };
    }

    private async Task<List<EmailSuppression>> DumpAsync(string stream, DumpFilter filter, CancellationToken cancellationToken)
    {
        var path = new StringBuilder("message-streams/").Append(Uri.EscapeDataString(stream)).Append("/suppressions/dump");
        char separator = '?';
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                path.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
                separator = '&';
            }
        }

        Add("SuppressionReason", filter.Reason);
        Add("Origin", filter.Origin);
        Add("fromdate", filter.FromDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("EmailAddress", filter.EmailAddress);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path.ToString(), UriKind.Relative));
        DumpOperation.ApplyTo(request);
        PostmarkSuppressionDump dump = await _transport.SendAsync(request, PostmarkJsonContext.Wire.PostmarkSuppressionDump, cancellationToken).ConfigureAwait(false);
        var suppressions = new List<EmailSuppression>(dump.Suppressions?.Count ?? 0);
        foreach (PostmarkSuppression? wire in dump.Suppressions ?? [])
        {
            if (wire is not null && Map(wire, stream) is { } suppression)
            {
                suppressions.Add(suppression);
            }
        }

        return suppressions;
    }

    private async Task<BulkResult<EmailSuppression>> ChangeAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options, bool add, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suppressions);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var run = new BulkRun<EmailSuppression>(suppressions.Count, options) { CancelledMessage = PostmarkEmailSender.CancelledMessage };
        var streams = new string?[suppressions.Count];
        var byStream = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (int i = 0; i < suppressions.Count; i++)
        {
            EmailSuppression? item = suppressions[i];
            if (item is null)
            {
                run.Fail(i, new BulkItemError($"The suppression at index {i} is null.", PostmarkEmailSender.NullItemCode));
                continue;
            }

            if (item.Email.IsEmpty)
            {
                run.Fail(i, new BulkItemError($"The suppression at index {i} has no email address.", InvalidItemCode, nameof(EmailSuppression.Email)));
                continue;
            }

            if (item.GroupId is { } group && string.IsNullOrWhiteSpace(group))
            {
                run.Fail(i, new BulkItemError($"The suppression at index {i} has an empty GroupId; give a Postmark message stream id, or null for '{_options.MessageStream}'.", InvalidItemCode, nameof(EmailSuppression.GroupId)));
                continue;
            }

            if (add && PostmarkSuppressionKinds.CannotAdd(item.Kind) is { } cannotAdd)
            {
                run.Fail(i, new BulkItemError(cannotAdd, UnsupportedKindCode, nameof(EmailSuppression.Kind)));
                continue;
            }

            string stream = item.GroupId?.Trim() ?? _options.MessageStream;
            if (!add && !PostmarkSuppressionKinds.Exists(item.Kind))
            {
                // Postmark has no such list, so the address is not on it: nothing to remove.
                run.Settle(new BulkItemResult<EmailSuppression>(i, BulkItemStatus.Succeeded, item with { GroupId = stream }));
                continue;
            }

            streams[i] = stream;
            if (!byStream.TryGetValue(stream, out List<int>? indexes))
            {
                byStream[stream] = indexes = [];
            }

            indexes.Add(i);
        }

        int batchSize = run.BatchSize(PostmarkOptions.MaxSuppressionBatchSize);
        var chunks = new List<BulkChunk>();
        foreach (List<int> indexes in byStream.Values)
        {
            chunks.AddRange(BulkChunk.ByCount(indexes, batchSize));
        }

        return await run.RunAsync(
            chunks,
            (chunk, ct) => ChangeChunkAsync(chunk.Indexes, suppressions, streams, run, add, ct),
            cancellationToken).ConfigureAwait(false);
    }

    private async Task ChangeChunkAsync(IReadOnlyList<int> chunk, IReadOnlyList<EmailSuppression> items, string?[] streams, BulkRun<EmailSuppression> run, bool add, CancellationToken cancellationToken)
    {
        string stream = streams[chunk[0]]!;
        var body = new PostmarkSuppressionChange { Suppressions = new List<PostmarkSuppressionAddress>(chunk.Count) };
        foreach (int index in chunk)
        {
            body.Suppressions.Add(new PostmarkSuppressionAddress(items[index].Email.Value));
        }

        string path = $"message-streams/{Uri.EscapeDataString(stream)}/suppressions{(add ? string.Empty : "/delete")}";
        PostmarkSuppressionChangeResult answer;
        try
        {
            answer = await _transport.SendJsonAsync(
                HttpMethod.Post,
                path,
                body,
                PostmarkJsonContext.Wire.PostmarkSuppressionChange,
                PostmarkJsonContext.Wire.PostmarkSuppressionChangeResult,
                add ? CreateOperation : DeleteOperation,
                cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            SetAll(chunk, run, $"The call was cancelled while this address's request was in flight; Postmark may or may not have applied it. Repeating the change is safe.", BulkItemCodes.Cancelled, ex);
            return;
        }
        catch (MartechException ex)
        {
            string code = ex is MartechRequestException { ErrorCode: { } vendorCode } ? vendorCode : ex is MartechRequestException ? "REQUEST_FAILED" : "TRANSPORT_ERROR";
            SetAll(chunk, run, $"{ex.Message} Repeating the change is safe.", code, ex);
            return;
        }

        List<PostmarkSuppressionStatus?> statuses = answer.Suppressions is { } list ? [.. list] : [];
        bool inOrder = statuses.Count == chunk.Count;
        for (int j = 0; inOrder && j < chunk.Count; j++)
        {
            inOrder = statuses[j] is { } s && string.Equals(s.EmailAddress?.Trim(), items[chunk[j]].Email.Value, StringComparison.OrdinalIgnoreCase);
        }

        // Postmark answers in request order; if it did not, match by address.
        Dictionary<string, Queue<PostmarkSuppressionStatus>>? byAddress = null;
        if (!inOrder)
        {
            byAddress = new Dictionary<string, Queue<PostmarkSuppressionStatus>>(StringComparer.OrdinalIgnoreCase);
            foreach (PostmarkSuppressionStatus? status in statuses)
            {
                if (status?.EmailAddress?.Trim() is { Length: > 0 } address)
                {
                    if (!byAddress.TryGetValue(address, out var queue))
                    {
                        byAddress[address] = queue = new Queue<PostmarkSuppressionStatus>();
                    }

                    queue.Enqueue(status);
                }
            }
        }

        for (int j = 0; j < chunk.Count; j++)
        {
            int index = chunk[j];
            EmailSuppression item = items[index];
            PostmarkSuppressionStatus? status = inOrder ? statuses[j]
                : byAddress!.TryGetValue(item.Email.Value, out var queue) && queue.TryDequeue(out var matched) ? matched : null;
            run.Settle(Outcome(index, item, stream, status, add));
        }
    }

    private static BulkItemResult<EmailSuppression> Outcome(int index, EmailSuppression item, string stream, PostmarkSuppressionStatus? status, bool add)
    {
        if (status is null)
        {
            return Failed(index, $"Postmark returned no status for {item.Email}; the change may or may not have been applied. Repeating it is safe.");
        }

        string expected = add ? "Suppressed" : "Deleted";
        if (string.Equals(status.Status, expected, StringComparison.OrdinalIgnoreCase))
        {
            EmailSuppression value = add
                ? new EmailSuppression
                {
                    Email = item.Email,
                    Kind = SuppressionKind.Manual,
                    GroupId = stream,
                    Reason = $"{PostmarkSuppressionKinds.ManualSuppression} (origin Customer)",
                    Raw = JsonSerializer.SerializeToElement(status, PostmarkJsonContext.Wire.PostmarkSuppressionStatus),
                }
                : item with { GroupId = stream, Raw = JsonSerializer.SerializeToElement(status, PostmarkJsonContext.Wire.PostmarkSuppressionStatus) };
            return new BulkItemResult<EmailSuppression>(index, BulkItemStatus.Succeeded, value);
        }

        string message = string.IsNullOrWhiteSpace(status.Message) ? $"Postmark answered '{status.Status}'." : status.Message;
        return Failed(index, $"Postmark did not {(add ? "suppress" : "remove the suppression of")} {item.Email} on stream '{stream}': {message}");
    }

    private static BulkItemResult<EmailSuppression> Failed(int index, string message) =>
        new(index, BulkItemStatus.Failed, null, new BulkItemError(message, ChangeFailedCode));

    private static void SetAll(IReadOnlyList<int> chunk, BulkRun<EmailSuppression> run, string message, string code, Exception exception) =>
        run.SettleRemaining(chunk, BulkItemStatus.Failed, new BulkItemError(message, code, null, exception));

    private sealed record DumpFilter(string? Reason, string? Origin, DateTime? FromDate, string? EmailAddress);

    /// <summary>One listing: its streams and filter, and the last stream dump read, so its pages do not read it again.</summary>
    private sealed class Listing(PostmarkEmailSuppressionList owner, IReadOnlyList<string> streams, SuppressionKind? kind, string? reason, string? origin, DateTimeOffset? since)
    {
        private Snapshot? _snapshot;

        public async ValueTask<Page<EmailSuppression>> FetchPageAsync(string? token, int? pageSizeHint, CancellationToken cancellationToken)
        {
            int pageSize = Math.Clamp(pageSizeHint ?? DefaultPageSize, 1, MaxPageSize);
            PostmarkContinuationToken position = token is null
                ? new PostmarkContinuationToken(streams[0], null, null)
                : PostmarkContinuationToken.Parse(token, streams);
            int streamIndex = IndexOf(position.Stream);
            bool fresh = token is null;
            while (true)
            {
                string stream = streams[streamIndex];
                List<Entry> entries = await EntriesAsync(stream, position.AfterTicks, fresh, cancellationToken).ConfigureAwait(false);
                int start = position.AfterTicks is { } ticks ? FirstAfter(entries, ticks, position.AfterEmail!) : 0;
                int count = Math.Min(pageSize, entries.Count - start);
                if (count > 0)
                {
                    var items = new EmailSuppression[count];
                    for (int i = 0; i < count; i++)
                    {
                        items[i] = entries[start + i].Suppression;
                    }

                    string? next;
                    if (start + count < entries.Count)
                    {
                        Entry last = entries[start + count - 1];
                        next = new PostmarkContinuationToken(stream, last.Ticks, last.Suppression.Email.Value).Encode();
                    }
                    else
                    {
                        // This stream is done: point at the next stream that has suppressions (its dump is read now and
                        // kept for the next page), so the listing never ends on an empty page.
                        next = null;
                        for (int following = streamIndex + 1; following < streams.Count && next is null; following++)
                        {
                            if ((await EntriesAsync(streams[following], null, fresh: true, cancellationToken).ConfigureAwait(false)).Count > 0)
                            {
                                next = new PostmarkContinuationToken(streams[following], null, null).Encode();
                            }
                        }
                    }

                    return new Page<EmailSuppression>(items, next);
                }

                if (streamIndex + 1 >= streams.Count)
                {
                    return new Page<EmailSuppression>([], null);
                }

                streamIndex++;
                position = new PostmarkContinuationToken(streams[streamIndex], null, null);
                fresh = true;
            }
        }

        private static int FirstAfter(List<Entry> entries, long ticks, string email)
        {
            int low = 0;
            int high = entries.Count;
            while (low < high)
            {
                int middle = low + ((high - low) / 2);
                if (Compare(entries[middle], ticks, email) <= 0)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        private static int Compare(Entry entry, long ticks, string email)
        {
            int byTime = entry.Ticks.CompareTo(ticks);
            return byTime != 0 ? byTime : string.Compare(entry.Suppression.Email.Value, email, StringComparison.OrdinalIgnoreCase);
        }

        private int IndexOf(string stream)
        {
            for (int i = 0; i < streams.Count; i++)
            {
                if (string.Equals(streams[i], stream, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            throw new ArgumentException($"The continuation token names stream '{stream}', which this listing does not cover.", nameof(stream));
        }

        private async Task<List<Entry>> EntriesAsync(string stream, long? afterTicks, bool fresh, CancellationToken cancellationToken)
        {
            // Resuming without the dump at hand: ask only for what can come after the token. Postmark's date filter
            // is a calendar date in its own time zone, so a day of margin is taken and the exact cut made here.
            DateTime? fromDate = null;
            if (since is { } s)
            {
                fromDate = s.UtcDateTime.Date.AddDays(-1);
            }

            if (afterTicks is { } after && after > 0)
            {
                DateTime afterDate = new DateTime(after, DateTimeKind.Utc).Date.AddDays(-1);
                fromDate = fromDate is null || afterDate > fromDate ? afterDate : fromDate;
            }

            // The dump this listing read last still serves when it covers at least as much as would be asked for.
            Snapshot? cached = Volatile.Read(ref _snapshot);
            if (!fresh && cached is not null && cached.Stream == stream && (cached.FromDate is null || (fromDate is not null && cached.FromDate <= fromDate)))
            {
                return cached.Entries;
            }

            List<EmailSuppression> dump = await owner.DumpAsync(stream, new DumpFilter(reason, origin, fromDate, null), cancellationToken).ConfigureAwait(false);
            var entries = new List<Entry>(dump.Count);
            foreach (EmailSuppression suppression in dump)
            {
                if ((kind is null || suppression.Kind == kind) && (since is null || suppression.CreatedAt >= since))
                {
                    entries.Add(new Entry(suppression.CreatedAt?.UtcTicks ?? 0, suppression));
                }
            }

            entries.Sort(static (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : string.Compare(a.Suppression.Email.Value, b.Suppression.Email.Value, StringComparison.OrdinalIgnoreCase));
            Volatile.Write(ref _snapshot, new Snapshot(stream, fromDate, entries));
            return entries;
        }

        private sealed record Entry(long Ticks, EmailSuppression Suppression);

        private sealed record Snapshot(string Stream, DateTime? FromDate, List<Entry> Entries);
    }
}
