using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// The SendGrid <see cref="IEmailSuppressionList"/>: reads the bounce, block, spam report, invalid email, global
/// unsubscribe and group unsubscribe lists; adds global and group unsubscribes; removes from every list.
/// </summary>
/// <remarks>
/// SendGrid fills the bounce, block, spam report and invalid email lists itself and has no API to add to them: adding
/// those kinds fails per item with <c>UNSUPPORTED</c>. Listings use SendGrid's <c>limit</c>/<c>offset</c> paging (at
/// most 500), so an entry removed during a listing can shift a later one past a page boundary; group unsubscribe lists
/// are not paged by SendGrid and are read whole once per listing.
/// </remarks>
internal sealed class SendGridSuppressionList : IEmailSuppressionList
{
    // Every look-up ends with the address: telemetry and logs below Trace show it as {email}.
    private static readonly MartechRequestOptions FindOperation = new() { Operation = "suppressions.find", UrlTemplate = "{email}" };
    private static readonly MartechRequestOptions ListOperation = new() { Operation = "suppressions.list" };

    private readonly MartechProviderMetadata _metadata;
    private readonly SendGridApi _api;
    private readonly SendGridOptions _options;
    private readonly SendGridSuppressionWriter _writer;

    public SendGridSuppressionList(MartechProviderMetadata metadata, SendGridApi api, SendGridOptions options)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        _metadata = metadata;
        _api = api;
        _options = options;
        _writer = new SendGridSuppressionWriter(api, options);
    }

    public async Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        if (email.IsEmpty)
        {
            throw new ArgumentException("The email address is empty.", nameof(email));
        }

        cancellationToken.ThrowIfCancellationRequested();
        string path = EscapePath(email.Value);
        var entryLists = new Task<List<SendGridSuppressionEntry>?>[SendGridSuppressionSource.EntryLists.Count];
        for (int i = 0; i < entryLists.Length; i++)
        {
            entryLists[i] = GetOrNullAsync($"{SendGridSuppressionSource.EntryLists[i].Path}/{path}", SendGridJsonContext.Wire.ListSendGridSuppressionEntry, cancellationToken);
        }

        Task<SendGridGlobalSuppression?> global = GetOrNullAsync($"v3/asm/suppressions/global/{path}", SendGridJsonContext.Wire.SendGridGlobalSuppression, cancellationToken);
        Task<SendGridGroupStatusResponse?> groups = GetOrNullAsync($"v3/asm/suppressions/{path}", SendGridJsonContext.Wire.SendGridGroupStatusResponse, cancellationToken);
        await Task.WhenAll([.. entryLists, global, groups]).ConfigureAwait(false);

        var found = new List<EmailSuppression>();
        for (int i = 0; i < entryLists.Length; i++)
        {
            foreach (SendGridSuppressionEntry entry in await entryLists[i].ConfigureAwait(false) ?? [])
            {
                if (ToSuppression(entry, SendGridSuppressionSource.EntryLists[i].Kind) is { } suppression && suppression.Email == email)
                {
                    found.Add(suppression);
                }
            }
        }

        if (await global.ConfigureAwait(false) is { RecipientEmail: { } recipient } globalEntry
            && EmailAddress.TryParse(recipient, out EmailAddress globalAddress) && globalAddress == email)
        {
            found.Add(new EmailSuppression { Email = globalAddress, Kind = SuppressionKind.Unsubscribe, Raw = JsonSerializer.SerializeToElement(globalEntry, SendGridJsonContext.Wire.SendGridGlobalSuppression) });
        }

        foreach (SendGridGroupStatus group in (await groups.ConfigureAwait(false))?.Suppressions ?? [])
        {
            if (group is { Suppressed: true })
            {
                found.Add(new EmailSuppression
                {
                    Email = email,
                    Kind = SuppressionKind.GroupUnsubscribe,
                    GroupId = group.Id.ToString(CultureInfo.InvariantCulture),
                    Reason = group.Name is null ? null : $"Unsubscribed from the group '{group.Name}'.",
                    Raw = JsonSerializer.SerializeToElement(group, SendGridJsonContext.Wire.SendGridGroupStatus),
                });
            }
        }

        return found;
    }

    public AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<SendGridSuppressionSource> sources = SendGridSuppressionSource.For(options);
        if (options?.PageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "SuppressionListOptions.PageSize must be positive.");
        }

        if (sources.Count == 0)
        {
            return AsyncPageable.Empty<EmailSuppression>();
        }

        if (options?.ContinuationToken is { } resume)
        {
            SendGridSuppressionToken.Parse(resume, sources);
        }

        long? since = options?.UpdatedSince?.ToUnixTimeSeconds();
        var reader = new UnpagedCache();
        return AsyncPageable.Create<EmailSuppression>(
            (token, size, ct) => new ValueTask<Page<EmailSuppression>>(FetchPageAsync(sources, token, Math.Min(size ?? SendGridSuppressionSource.MaxPageSize, SendGridSuppressionSource.MaxPageSize), since, reader, ct)),
            options?.ContinuationToken,
            options?.PageSize,
            cancellationToken);
    }

    public Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _writer.AddAsync(suppressions, options, cancellationToken);

    public Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _writer.RemoveAsync(suppressions, options, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType.IsInstanceOfType(this) ? this
            : serviceType == typeof(MartechProviderMetadata) ? _metadata
            : serviceType == typeof(SendGridOptions) ? _options
            : serviceType == typeof(MartechHttpTransport) ? _api.Transport
            : null;
    }

    /// <summary>Escapes an address for a path segment, keeping <c>@</c> readable as SendGrid's examples do.</summary>
    internal static string EscapePath(string value) => Uri.EscapeDataString(value).Replace("%40", "@", StringComparison.Ordinal);

    private static EmailSuppression? ToSuppression(SendGridSuppressionEntry entry, SuppressionKind kind)
    {
        // Entries SendGrid holds for addresses the SDK cannot represent (possible on the invalid email list) are left
        // out: nothing can be sent to them anyway.
        if (!EmailAddress.TryParse(entry.Email, out EmailAddress address))
        {
            return null;
        }

        return new EmailSuppression
        {
            Email = address,
            Kind = kind,
            Reason = string.IsNullOrWhiteSpace(entry.Reason) ? null : entry.Reason,
            CreatedAt = FromUnix(entry.Created),
            Raw = JsonSerializer.SerializeToElement(entry, SendGridJsonContext.Wire.SendGridSuppressionEntry),
        };
    }

    private static DateTimeOffset? FromUnix(double? seconds) =>
        seconds is double value && !double.IsNaN(value) && value is > 0 and < 253_402_300_800
            ? DateTimeOffset.FromUnixTimeSeconds((long)value)
            : null;

    private async Task<T?> GetOrNullAsync<T>(string path, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await _api.GetAsync(path, FindOperation, type, cancellationToken).ConfigureAwait(false);
        }
        catch (MartechNotFoundException)
        {
            return null;
        }
    }

    private async Task<Page<EmailSuppression>> FetchPageAsync(
        IReadOnlyList<SendGridSuppressionSource> sources,
        string? token,
        int size,
        long? since,
        UnpagedCache cache,
        CancellationToken cancellationToken)
    {
        SendGridSuppressionToken position = token is null ? default : SendGridSuppressionToken.Parse(token, sources);
        while (true)
        {
            SendGridSuppressionSource source = sources[position.Source];
            (List<EmailSuppression> items, bool more) = source.Paged
                ? await ReadPagedAsync(source, position.Offset, size, since, cancellationToken).ConfigureAwait(false)
                : await ReadUnpagedAsync(source, position.Offset, size, since, cache, cancellationToken).ConfigureAwait(false);

            SendGridSuppressionToken? next = more ? new SendGridSuppressionToken(position.Source, position.Offset + size)
                : position.Source + 1 < sources.Count ? new SendGridSuppressionToken(position.Source + 1, 0)
                : null;

            // Empty lists are skipped rather than returned as empty pages.
            if (items.Count > 0 || next is null)
            {
                return new Page<EmailSuppression>(items, next?.Format(sources));
            }

            position = next.Value;
        }
    }

    private async Task<(List<EmailSuppression> Items, bool More)> ReadPagedAsync(SendGridSuppressionSource source, int offset, int size, long? since, CancellationToken cancellationToken)
    {
        string query = string.Create(CultureInfo.InvariantCulture, $"{source.Path}?limit={size}&offset={offset}{(since is long start ? $"&start_time={start}" : string.Empty)}");
        List<SendGridSuppressionEntry> entries = await _api.GetAsync(query, ListOperation, SendGridJsonContext.Wire.ListSendGridSuppressionEntry, cancellationToken).ConfigureAwait(false);
        var items = new List<EmailSuppression>(entries.Count);
        foreach (SendGridSuppressionEntry entry in entries)
        {
            if (entry is not null && ToSuppression(entry, source.Kind) is { } suppression)
            {
                items.Add(suppression);
            }
        }

        // SendGrid says nothing about more pages: a full page may have a successor, a short one does not.
        return (items, entries.Count >= size);
    }

    private async Task<(List<EmailSuppression> Items, bool More)> ReadUnpagedAsync(
        SendGridSuppressionSource source,
        int offset,
        int size,
        long? since,
        UnpagedCache cache,
        CancellationToken cancellationToken)
    {
        IReadOnlyList<EmailSuppression> all = cache.Get(source.Name) ?? cache.Set(source.Name, await ReadWholeAsync(source, since, cancellationToken).ConfigureAwait(false));
        var items = new List<EmailSuppression>(Math.Max(0, Math.Min(size, all.Count - offset)));
        for (int i = offset; i < all.Count && items.Count < size; i++)
        {
            items.Add(all[i]);
        }

        return (items, offset + size < all.Count);
    }

    private async Task<IReadOnlyList<EmailSuppression>> ReadWholeAsync(SendGridSuppressionSource source, long? since, CancellationToken cancellationToken)
    {
        var all = new List<EmailSuppression>();
        if (source.GroupId is { } groupId)
        {
            List<string> emails;
            try
            {
                emails = await _api.GetAsync(source.Path, ListOperation, SendGridJsonContext.Wire.ListString, cancellationToken).ConfigureAwait(false);
            }
            catch (MartechNotFoundException)
            {
                return all; // no such group: nobody left it
            }

            foreach (string email in emails)
            {
                if (EmailAddress.TryParse(email, out EmailAddress address))
                {
                    all.Add(new EmailSuppression { Email = address, Kind = SuppressionKind.GroupUnsubscribe, GroupId = groupId, Raw = JsonSerializer.SerializeToElement(email, SendGridJsonContext.Wire.String) });
                }
            }

            return all;
        }

        foreach (SendGridGroupSuppression entry in await _api.GetAsync(source.Path, ListOperation, SendGridJsonContext.Wire.ListSendGridGroupSuppression, cancellationToken).ConfigureAwait(false))
        {
            if (entry is null || !EmailAddress.TryParse(entry.Email, out EmailAddress address))
            {
                continue;
            }

            DateTimeOffset? created = FromUnix(entry.CreatedAt);
            if (since is long start && created is { } at && at.ToUnixTimeSeconds() < start)
            {
                continue;
            }

            all.Add(new EmailSuppression
            {
                Email = address,
                Kind = SuppressionKind.GroupUnsubscribe,
                GroupId = entry.GroupId.ToString(CultureInfo.InvariantCulture),
                Reason = entry.GroupName is null ? null : $"Unsubscribed from the group '{entry.GroupName}'.",
                CreatedAt = created,
                Raw = JsonSerializer.SerializeToElement(entry, SendGridJsonContext.Wire.SendGridGroupSuppression),
            });
        }

        return all;
    }

    /// <summary>The last whole list a listing read, so its pages are cut from one read instead of one read each.</summary>
    private sealed class UnpagedCache
    {
        private Entry? _last;

        public IReadOnlyList<EmailSuppression>? Get(string name) =>
            Volatile.Read(ref _last) is { } last && last.Name == name ? last.Items : null;

        public IReadOnlyList<EmailSuppression> Set(string name, IReadOnlyList<EmailSuppression> items)
        {
            Volatile.Write(ref _last, new Entry(name, items));
            return items;
        }

        private sealed record Entry(string Name, IReadOnlyList<EmailSuppression> Items);
    }
}
