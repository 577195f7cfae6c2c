using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Martech.Sdk;

/// <summary>
/// Answers <see cref="IEmailSuppressionList.FindAsync"/> from a local copy of the vendor's whole suppression list, so a
/// consent check costs no request (SendGrid has no "is this address suppressed anywhere" call: one look-up is six
/// requests). Listing, adding and removing go to the vendor as before.
/// </summary>
/// <remarks>
/// <para><b>Staleness bound.</b> A look-up is never answered from a copy whose listing began more than
/// <see cref="SuppressionCacheOptions.RefreshInterval"/> ago. The copy is read page by page on first use; once it is
/// half the interval old, the next look-up starts a reload in the background and is answered from the copy meanwhile,
/// so a steady stream of look-ups never waits. After a quiet period the first look-up waits for the reload; if the
/// vendor cannot be read then, the look-up fails, as an uncached look-up would, rather than answer from an older copy.
/// A background reload that fails keeps the copy and is tried again 30 seconds later.</para>
/// <para><b>Changes seen at once.</b> Adds and removes made through this instance change the copy when the vendor
/// confirms them (an add whose outcome is unknown is added, so the address is withheld rather than mailed; a remove
/// whose outcome is unknown keeps the entry; either asks for a reload soon). Hard bounces, spam reports, unsubscribes
/// and group unsubscribes received as webhooks are added (<see cref="Apply"/>); a group resubscribe removes that group's
/// unsubscribe and asks for a reload soon, as vendors differ in what else it clears. A reload asked for soon runs at
/// the next look-up at least 10 seconds after the last listing began.</para>
/// <para>Memory: one entry per suppressed address and list.</para>
/// </remarks>
public sealed class CachingEmailSuppressionList : DelegatingEmailSuppressionList
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SoonestReload = TimeSpan.FromSeconds(10);
    private readonly SuppressionCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _provider;
    private readonly Lock _gate = new();
    private Dictionary<EmailAddress, List<EmailSuppression>>? _entries;
    private List<(bool Add, EmailSuppression Entry)>? _changesDuringLoad;
    private Task<ExceptionDispatchInfo?>? _loading;
    private DateTimeOffset _listedAt;
    private DateTimeOffset _nextBackgroundAttempt;
    private bool _reloadSoon;

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

        Task<ExceptionDispatchInfo?>? wait = null;
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            TimeSpan age = now - _listedAt;
            if (_entries is null || age >= _options.RefreshInterval)
            {
                wait = _loading ??= LoadAsync();
            }
            else if (_loading is null && now >= _nextBackgroundAttempt
                && (age >= _options.RefreshInterval / 2 || (_reloadSoon && age >= SoonestReload)))
            {
                _loading = LoadAsync();
            }
        }

        if (wait is not null && await wait.WaitAsync(cancellationToken).ConfigureAwait(false) is { } failure)
        {
            bool usable;
            lock (_gate)
            {
                usable = _entries is not null && _time.GetUtcNow() - _listedAt < _options.RefreshInterval;
            }

            if (!usable)
            {
                failure.Throw();
            }
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
            // An add the vendor may have made is in the copy: the address is withheld until a reload says otherwise.
            if (item.IsSuccess || item.Status == BulkItemStatus.Unknown)
            {
                Change(true, item.Value ?? suppressions[item.Index], reloadSoon: item.Status == BulkItemStatus.Unknown);
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
            if (item.Status == BulkItemStatus.Unknown)
            {
                // The vendor may not have removed it: the entry stays until a reload says otherwise.
                RequestReload();
            }
            else if (item.IsSuccess)
            {
                // The vendor's own record of what it removed (such as Postmark's message stream), else the request.
                Change(false, item.Value ?? suppressions[item.Index], reloadSoon: false);
            }
        }

        return result;
    }

    /// <summary>Updates the copy from an email event received as a webhook: a hard bounce, a spam report or an
    /// unsubscribe adds the address; a group unsubscribe adds it to that group; a group resubscribe removes it from that
    /// group and asks for a reload soon. Other events (soft bounces, blocks and bounces of unknown kind, which vendors do
    /// not all suppress) change nothing.</summary>
    /// <param name="emailEvent">The event.</param>
    /// <returns>Whether the event changed the copy.</returns>
    public bool Apply(EmailEvent emailEvent)
    {
        ArgumentNullException.ThrowIfNull(emailEvent);
        SuppressionKind? kind =
            emailEvent.Type == EmailEventType.Bounced && emailEvent.BounceKind == EmailBounceKind.Hard ? SuppressionKind.Bounce
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
        bool resubscribed = emailEvent.Type == EmailEventType.GroupResubscribed;
        Change(!resubscribed, entry, reloadSoon: resubscribed);
        return true;
    }

    private void RequestReload()
    {
        lock (_gate)
        {
            _reloadSoon = true;
        }
    }

    private void Change(bool add, EmailSuppression entry, bool reloadSoon)
    {
        lock (_gate)
        {
            _reloadSoon |= reloadSoon;
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

    // Lists the vendor's whole list into a fresh copy; returns the failure, if any, for look-ups that cannot do without
    // a fresh copy to throw, while a background reload's failure is only logged.
    private async Task<ExceptionDispatchInfo?> LoadAsync()
    {
        await Task.Yield();
        DateTimeOffset started;
        lock (_gate)
        {
            _changesDuringLoad = [];
            _reloadSoon = false;
            started = _time.GetUtcNow();
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
                // A listing shows a moment of the vendor's past; what changed meanwhile is applied again on top.
                foreach (var (add, entry) in _changesDuringLoad!)
                {
                    ApplyTo(fresh, add, entry);
                }

                _entries = fresh;
                _listedAt = started;
            }

            SuppressionCacheLog.Loaded(_logger, _provider, count, fresh.Count);
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            lock (_gate)
            {
                _nextBackgroundAttempt = _time.GetUtcNow() + RetryAfterFailure;
            }

            SuppressionCacheLog.LoadFailed(_logger, ex, _provider);
            return ExceptionDispatchInfo.Capture(ex);
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
