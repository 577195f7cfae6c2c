using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// The Mailgun <see cref="IEmailSuppressionList"/>: the domain's bounces (<see cref="SuppressionKind.Bounce"/>),
/// unsubscribes (tag <c>*</c> → <see cref="SuppressionKind.Unsubscribe"/>, another tag →
/// <see cref="SuppressionKind.GroupUnsubscribe"/> with the tag as group) and complaints
/// (<see cref="SuppressionKind.SpamReport"/>) under <c>/v3/{domain}/…</c>.
/// </summary>
/// <remarks>
/// Adds go as JSON arrays of up to 1,000 records per list and request; Mailgun updates a record already there, so
/// adds and removes are safe to retry and a failed batch is reported as failed, never unknown. Removes are one
/// <c>DELETE</c> per item; an address that is not on the list succeeds unchanged. Listings follow Mailgun's
/// <c>paging.next</c> URLs (the continuation token) until a page comes back empty.
/// </remarks>
internal sealed class MailgunSuppressionList : IEmailSuppressionList
{
    private readonly MartechProviderMetadata _metadata;
    private readonly MailgunOptions _options;
    private readonly MartechHttpTransport _transport;
    private readonly string _domain;

    public MailgunSuppressionList(MartechProviderMetadata metadata, MailgunOptions options, MartechHttpTransport transport)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        _metadata = metadata;
        _options = options;
        _transport = transport;
        _domain = options.Domain!;
    }

    public async Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        if (email.IsEmpty)
        {
            throw new ArgumentException("The email address is empty.", nameof(email));
        }

        cancellationToken.ThrowIfCancellationRequested();
        Task<MailgunSuppressionRecord?>[] lookups = new Task<MailgunSuppressionRecord?>[MailgunSuppressionKinds.All.Length];
        for (int i = 0; i < lookups.Length; i++)
        {
            lookups[i] = GetRecordAsync(MailgunSuppressionKinds.All[i], email, cancellationToken);
        }

        await Task.WhenAll(lookups).ConfigureAwait(false);
        var found = new List<EmailSuppression>();
        for (int i = 0; i < lookups.Length; i++)
        {
            if (await lookups[i].ConfigureAwait(false) is { } record)
            {
                MailgunSuppressionKinds.TryMap(MailgunSuppressionKinds.All[i], record, found);
            }
        }

        return found;
    }

    public AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default)
    {
        SuppressionKind? kind = options?.Kind;
        string? group = options?.GroupId;
        DateTimeOffset? since = options?.UpdatedSince;
        if (options?.PageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "SuppressionListOptions.PageSize must be positive.");
        }

        string[] lists = kind is { } k
            ? MailgunSuppressionKinds.ListOf(k) is { } list ? [list] : []
            : group is not null ? [MailgunSuppressionKinds.Unsubscribes] : MailgunSuppressionKinds.All;
        if (lists.Length == 0)
        {
            // Mailgun keeps no such list (blocks, invalid addresses, …): nothing is suppressed for that reason.
            return AsyncPageable.Empty<EmailSuppression>();
        }

        if (options?.ContinuationToken is { } resume && !MailgunPageToken.TryResolve(resume, _domain, null, out _, out _))
        {
            throw new ArgumentException($"SuppressionListOptions.ContinuationToken is not a page URL of the Mailgun domain '{_domain}''s suppression lists.", nameof(options));
        }

        bool Match(EmailSuppression s) =>
            (kind is null || s.Kind == kind) && (group is null || s.GroupId == group) && (since is null || s.CreatedAt >= since);

        return AsyncPageable.Create<EmailSuppression>(
            (token, size, ct) => new ValueTask<Page<EmailSuppression>>(FetchPageAsync(lists, token, size, Match, ct)),
            options?.ContinuationToken,
            options?.PageSize,
            cancellationToken);
    }

    public Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suppressions);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        return AddCoreAsync(suppressions, options, cancellationToken);
    }

    public Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(suppressions);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        return RemoveCoreAsync(suppressions, options, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        MailgunServices.Get(this, _metadata, _options, serviceType, serviceKey);

    private static int ClampPageSize(int size) => Math.Clamp(size, 1, MailgunOptions.MaxSuppressionPageSize);

    private async Task<MailgunSuppressionRecord?> GetRecordAsync(string list, EmailAddress email, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"v3/{_domain}/{list}/{Uri.EscapeDataString(email.Value)}", UriKind.Relative));
        new MartechRequestOptions { Operation = $"suppressions.{list}.get", UrlTemplate = "{address}" }.ApplyTo(request);
        try
        {
            return await _transport.SendAsync(request, MailgunJsonContext.Wire.MailgunSuppressionRecord, cancellationToken).ConfigureAwait(false);
        }
        catch (MartechNotFoundException)
        {
            return null; // "Address not found in bounces table"
        }
    }

    private async Task<Page<EmailSuppression>> FetchPageAsync(string[] lists, string? token, int? pageSize, Func<EmailSuppression, bool> match, CancellationToken cancellationToken)
    {
        int? limit = pageSize is { } size ? ClampPageSize(size) : null;
        token ??= MailgunPageToken.FirstPage(_transport.BaseAddress, _domain, lists[0], limit ?? _options.SuppressionPageSize);
        while (true)
        {
            if (!MailgunPageToken.TryResolve(token, _domain, limit, out string list, out Uri relative))
            {
                throw new ArgumentException($"The continuation token is not a page URL of the Mailgun domain '{_domain}''s suppression lists.", nameof(token));
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, relative);
            new MartechRequestOptions { Operation = $"suppressions.{list}.list" }.ApplyTo(request);
            MailgunSuppressionPage page = await _transport.SendAsync(request, MailgunJsonContext.Wire.MailgunSuppressionPage, cancellationToken).ConfigureAwait(false);
            int position = Array.IndexOf(lists, list);
            string? nextList = position >= 0 && position + 1 < lists.Length ? lists[position + 1] : null;
            if (page.Items is not { Count: > 0 } records)
            {
                // Mailgun always links a next page; an empty page ends the list. Move on to the next list, if any.
                if (nextList is null)
                {
                    return new Page<EmailSuppression>([], null);
                }

                token = MailgunPageToken.FirstPage(_transport.BaseAddress, _domain, nextList, limit ?? _options.SuppressionPageSize);
                continue;
            }

            var mapped = new List<EmailSuppression>(records.Count);
            foreach (MailgunSuppressionRecord record in records)
            {
                // A record whose address does not parse cannot be represented; Mailgun validates addresses on entry.
                MailgunSuppressionKinds.TryMap(list, record, mapped);
            }

            var items = new List<EmailSuppression>(mapped.Count);
            foreach (EmailSuppression suppression in mapped)
            {
                if (match(suppression))
                {
                    items.Add(suppression);
                }
            }

            string? next = page.Paging?.Next;
            if (string.IsNullOrWhiteSpace(next) || next == token)
            {
                next = nextList is null ? null : MailgunPageToken.FirstPage(_transport.BaseAddress, _domain, nextList, limit ?? _options.SuppressionPageSize);
            }

            return new Page<EmailSuppression>(items, next);
        }
    }

    private async Task<BulkResult<EmailSuppression>> AddCoreAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions options, CancellationToken cancellationToken)
    {
        int count = suppressions.Count;
        var run = new BulkRun<EmailSuppression>(count, options);
        var byList = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var tags = new string?[count];
        for (int i = 0; i < count; i++)
        {
            var (list, tag, error) = MailgunSuppressionKinds.Resolve(suppressions[i], i);
            if (error is not null)
            {
                run.Fail(i, error);
                continue;
            }

            tags[i] = tag;
            if (!byList.TryGetValue(list!, out List<int>? indexes))
            {
                byList[list!] = indexes = [];
            }

            indexes.Add(i);
        }

        int batchSize = run.BatchSize(MailgunOptions.MaxSuppressionBatchSize);
        var batches = new List<ListChunk>();
        foreach (string list in MailgunSuppressionKinds.All)
        {
            if (byList.TryGetValue(list, out List<int>? indexes))
            {
                for (int start = 0; start < indexes.Count; start += batchSize)
                {
                    batches.Add(new ListChunk(list, indexes.GetRange(start, Math.Min(batchSize, indexes.Count - start))));
                }
            }
        }

        return await run.RunAsync(
            batches,
            async (batch, ct) => Settle(run, batch.Indexes, suppressions, await TryAsync(() => PostBatchAsync(batch.List, batch.Indexes, suppressions, tags, ct), ct).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs one idempotent request: <see langword="null"/> when it succeeded, else the outcome of its items.</summary>
    private static async Task<(BulkItemStatus Status, BulkItemError Error)?> TryAsync(Func<Task> request, CancellationToken cancellationToken)
    {
        try
        {
            await request().ConfigureAwait(false);
            return null;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return MailgunFailure.FromCancellation(ex, idempotent: true);
        }
        catch (MartechException ex)
        {
            return MailgunFailure.FromException(ex, idempotent: true);
        }
    }

    private static void Settle(BulkRun<EmailSuppression> run, IReadOnlyList<int> indexes, IReadOnlyList<EmailSuppression> suppressions, (BulkItemStatus Status, BulkItemError Error)? failure)
    {
        foreach (int i in indexes)
        {
            run.Settle(failure is { } f
                ? new BulkItemResult<EmailSuppression>(i, f.Status, null, f.Error)
                : new BulkItemResult<EmailSuppression>(i, BulkItemStatus.Succeeded, suppressions[i]));
        }
    }

    private Task<MailgunMessageResponse> PostBatchAsync(string list, IReadOnlyList<int> indexes, IReadOnlyList<EmailSuppression> suppressions, string?[] tags, CancellationToken cancellationToken)
    {
        string path = $"v3/{_domain}/{list}";
        var options = new MartechRequestOptions { Operation = $"suppressions.{list}.add", Idempotent = true };
        switch (list)
        {
            case MailgunSuppressionKinds.Bounces:
                var bounces = new List<MailgunBounceInput>(indexes.Count);
                foreach (int i in indexes)
                {
                    EmailSuppression s = suppressions[i];
                    bounces.Add(new MailgunBounceInput { Address = s.Email.Value, Error = s.Reason, CreatedAt = DateOf(s) });
                }

                return _transport.SendJsonAsync(HttpMethod.Post, path, bounces, MailgunJsonContext.Wire.ListMailgunBounceInput, MailgunJsonContext.Wire.MailgunMessageResponse, options, cancellationToken);
            case MailgunSuppressionKinds.Unsubscribes:
                var unsubscribes = new List<MailgunUnsubscribeInput>(indexes.Count);
                foreach (int i in indexes)
                {
                    unsubscribes.Add(new MailgunUnsubscribeInput { Address = suppressions[i].Email.Value, Tags = [tags[i]!], CreatedAt = DateOf(suppressions[i]) });
                }

                return _transport.SendJsonAsync(HttpMethod.Post, path, unsubscribes, MailgunJsonContext.Wire.ListMailgunUnsubscribeInput, MailgunJsonContext.Wire.MailgunMessageResponse, options, cancellationToken);
            default:
                var complaints = new List<MailgunComplaintInput>(indexes.Count);
                foreach (int i in indexes)
                {
                    complaints.Add(new MailgunComplaintInput { Address = suppressions[i].Email.Value, CreatedAt = DateOf(suppressions[i]) });
                }

                return _transport.SendJsonAsync(HttpMethod.Post, path, complaints, MailgunJsonContext.Wire.ListMailgunComplaintInput, MailgunJsonContext.Wire.MailgunMessageResponse, options, cancellationToken);
        }
    }

    private static string? DateOf(EmailSuppression suppression) =>
        suppression.CreatedAt is { } createdAt ? MailgunDates.Format(createdAt) : null;

    private async Task<BulkResult<EmailSuppression>> RemoveCoreAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions options, CancellationToken cancellationToken)
    {
        int count = suppressions.Count;
        var run = new BulkRun<EmailSuppression>(count, options);
        var work = new List<ListChunk>(count);
        for (int i = 0; i < count; i++)
        {
            var (list, tag, error) = MailgunSuppressionKinds.Resolve(suppressions[i], i);
            if (error is not null)
            {
                run.Fail(i, error);
            }
            else
            {
                work.Add(new ListChunk(list!, [i]) { Tag = tag });
            }
        }

        // One DELETE per item: Mailgun has no batch removal.
        return await run.RunAsync(
            work,
            async (item, ct) => Settle(run, item.Indexes, suppressions, await TryAsync(() => DeleteAsync(item.List, suppressions[item.Indexes[0]].Email, item.Tag, ct), ct).ConfigureAwait(false)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The items of one request to one of the domain's lists.</summary>
    private sealed class ListChunk(string list, IReadOnlyList<int> indexes) : BulkChunk(indexes)
    {
        public string List { get; } = list;

        public string? Tag { get; init; }
    }

    private async Task DeleteAsync(string list, EmailAddress email, string? tag, CancellationToken cancellationToken)
    {
        // An unsubscribe is removed for its tag only ('*' for all mail), so the address's other tags stay.
        string uri = tag is null
            ? $"v3/{_domain}/{list}/{Uri.EscapeDataString(email.Value)}"
            : string.Create(CultureInfo.InvariantCulture, $"v3/{_domain}/{list}/{Uri.EscapeDataString(email.Value)}?tag={Uri.EscapeDataString(tag)}");
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(uri, UriKind.Relative));
        new MartechRequestOptions { Operation = $"suppressions.{list}.delete", UrlTemplate = "{address}" }.ApplyTo(request);
        try
        {
            using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (MartechNotFoundException)
        {
            // Not on the list: removing it is already done.
        }
    }
}
