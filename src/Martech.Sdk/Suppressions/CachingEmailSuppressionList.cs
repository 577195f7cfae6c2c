using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Martech.Sdk;

/// <summary>
/// Answers <see cref="IEmailSuppressionList.FindAsync"/> from a local copy of the vendor's whole suppression list, so a
/// consent check costs no request (SendGrid has no "is this address suppressed anywhere" call: one look-up is six
/// requests). The copy is read once, page by page, on first use, and read again every
/// <see cref="SuppressionCacheOptions.RefreshInterval"/> in the background; adds and removes made through this instance
/// update it at once, and so do bounce, spam-report and unsubscribe events received as webhooks
/// (<see cref="Apply"/>). Listing, adding and removing go to the vendor as before.
/// </summary>
/// <remarks>Memory: one entry per suppressed address and list. A reload that fails keeps the previous copy and is tried
/// again at the next look-up after a short pause; the first load's failure is thrown to the caller, as an uncached
/// look-up's would be.</remarks>
public sealed class CachingEmailSuppressionList : DelegatingEmailSuppressionList
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);
    private readonly SuppressionCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _provider;
    private readonly Lock _gate = new();
    private Dictionary<EmailAddress, List<EmailSuppression>>? _entries;
    private List<(bool Add, EmailSuppression Entry)>? _changesDuringLoad;
    private Task? _loading;
    private DateTimeOffset _nextRefresh;

    /// <summary>Creates the cache.</summary>
    /// <param name="innerList">The vendor's list.</param>
    /// <param name="options">The refresh interval.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <param name="logger">Where reloads are logged.</param>
    /// <param name="provider">The provider instance name, for logs.</param>
    public CachingEmailSuppressionList(IEmailSuppressionList innerList, SuppressionCacheOptions? options = null, TimeProvider? timeProvider = null, ILogger? logger = null, string provider = "unknown")
        : base(innerList)
    {
        _options = options ?? new SuppressionCacheOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _provider = provider;
    }

    /// <summary>How many addresses the copy holds, or <see langword="null"/> before the first load.</summary>
    public int? Count
    {
        get
        {
            lock (_gate)
            {
                return _entries?.Count;
            }
        }
    }

    /// <inheritdoc />
    public override async Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        if (email.IsEmpty)
        {
            throw new ArgumentException("The email address is empty.", nameof(email));
        }

        Task? first = null;
        lock (_gate)
        {
            if (_entries is null)
            {
                first = _loading ??= LoadAsync();
            }
            else if (_time.GetUtcNow() >= _nextRefresh && _loading is null)
            {
                _loading = LoadAsync();
            }
        }

        if (first is not null)
        {
            await first.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            return _entries is not null && _entries.TryGetValue(email, out List<EmailSuppression>? found) ? [.. found] : [];
        }
    }

    /// <inheritdoc />
    public override async Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        BulkResult<EmailSuppression> result = await InnerList.AddAsync(suppressions, options, cancellationToken).ConfigureAwait(false);
        foreach (BulkItemResult<EmailSuppression> item in result.Items)
        {
            if (item.Status is not (BulkItemStatus.Failed or BulkItemStatus.Withheld or BulkItemStatus.Unknown))
            {
                Change(true, item.Value ?? suppressions[item.Index]);
            }
        }

        return result;
    }

    /// <inheritdoc />
    public override async Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        BulkResult<EmailSuppression> result = await InnerList.RemoveAsync(suppressions, options, cancellationToken).ConfigureAwait(false);
        foreach (BulkItemResult<EmailSuppression> item in result.Items)
        {
            if (item.Status is not (BulkItemStatus.Failed or BulkItemStatus.Withheld))
            {
                Change(false, suppressions[item.Index]);
            }
        }

        return result;
    }

    /// <summary>Updates the copy from an email event received as a webhook: a bounce (hard or block), a spam report or
    /// an unsubscribe adds the address; a group unsubscribe adds it to that group; a group resubscribe removes it from
    /// that group. Other events change nothing.</summary>
    /// <param name="emailEvent">The event.</param>
    /// <returns>Whether the event changed the copy.</returns>
    public bool Apply(EmailEvent emailEvent)
    {
        ArgumentNullException.ThrowIfNull(emailEvent);
        SuppressionKind? kind =
            emailEvent.Type == EmailEventType.Bounced && emailEvent.BounceKind == EmailBounceKind.Block ? SuppressionKind.Block
            : emailEvent.Type == EmailEventType.Bounced && emailEvent.BounceKind != EmailBounceKind.Soft ? SuppressionKind.Bounce
            : emailEvent.Type == EmailEventType.SpamReport ? SuppressionKind.SpamReport
            : emailEvent.Type == EmailEventType.Unsubscribed ? SuppressionKind.Unsubscribe
            : emailEvent.Type == EmailEventType.GroupUnsubscribed || emailEvent.Type == EmailEventType.GroupResubscribed ? SuppressionKind.GroupUnsubscribe
            : null;
        if (kind is not { } k)
        {
            return false;
        }

        var entry = new EmailSuppression
        {
            Email = emailEvent.Recipient,
            Kind = k,
            GroupId = k == SuppressionKind.GroupUnsubscribe ? emailEvent.UnsubscribeGroupId : null,
            Reason = emailEvent.Reason,
            CreatedAt = emailEvent.OccurredAt,
        };
        Change(emailEvent.Type != EmailEventType.GroupResubscribed, entry);
        return true;
    }

    private void Change(bool add, EmailSuppression entry)
    {
        lock (_gate)
        {
            // A load in progress lists a moment of the vendor's past; what happens meanwhile is applied again on top.
            _changesDuringLoad?.Add((add, entry));
            if (_entries is not null)
            {
                ApplyTo(_entries, add, entry);
            }
        }
    }

    private static void ApplyTo(Dictionary<EmailAddress, List<EmailSuppression>> entries, bool add, EmailSuppression entry)
    {
        static bool Same(EmailSuppression a, EmailSuppression b) =>
            a.Kind == b.Kind && string.Equals(a.GroupId, b.GroupId, StringComparison.Ordinal);

        if (add)
        {
            if (!entries.TryGetValue(entry.Email, out List<EmailSuppression>? list))
            {
                entries[entry.Email] = list = [];
            }

            if (!list.Exists(e => Same(e, entry)))
            {
                list.Add(entry);
            }

            return;
        }

        if (entries.TryGetValue(entry.Email, out List<EmailSuppression>? existing))
        {
            existing.RemoveAll(e => Same(e, entry) || (entry.GroupId is null && e.Kind == entry.Kind));
            if (existing.Count == 0)
            {
                entries.Remove(entry.Email);
            }
        }
    }

    private async Task LoadAsync()
    {
        await Task.Yield();
        lock (_gate)
        {
            _changesDuringLoad = [];
        }

        try
        {
            var fresh = new Dictionary<EmailAddress, List<EmailSuppression>>();
            int count = 0;
            await foreach (EmailSuppression entry in InnerList.ListAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false))
            {
                ApplyTo(fresh, true, entry);
                count++;
            }

            lock (_gate)
            {
                foreach (var (add, entry) in _changesDuringLoad!)
                {
                    ApplyTo(fresh, add, entry);
                }

                _entries = fresh;
                _nextRefresh = _time.GetUtcNow() + _options.RefreshInterval;
            }

            SuppressionCacheLog.Loaded(_logger, _provider, count, fresh.Count);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            bool first;
            lock (_gate)
            {
                first = _entries is null;
                _nextRefresh = _time.GetUtcNow() + RetryAfterFailure;
            }

            SuppressionCacheLog.LoadFailed(_logger, ex, _provider);
            if (first)
            {
                throw;
            }
        }
        finally
        {
            lock (_gate)
            {
                _changesDuringLoad = null;
                _loading = null;
            }
        }
    }
}
