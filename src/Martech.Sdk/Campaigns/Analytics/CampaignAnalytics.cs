using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;
using static Martech.Sdk.CampaignChannelState;

namespace Martech.Sdk;

/// <summary>
/// Campaign stats counted from events: email events (<see cref="EmailEvent"/>), SMS statuses
/// (<see cref="MessageStatusEvent"/>) and the sends the SDK made (<see cref="RecordSend"/>, or
/// <c>UseCampaignAnalytics()</c> on an email provider). Each event counts exactly once however often and in whatever
/// order it arrives; opens and clicks count once per recipient in the unique counts and every time in the totals, with
/// machines' (<see cref="EmailEvent.Source"/> other than <see cref="EngagementSource.Human"/> and
/// <see cref="EngagementSource.Unknown"/>) counted apart; email and SMS are kept apart; stats cover any period, split by
/// day or month.
/// </summary>
/// <remarks>
/// <para>Memory grows with distinct recipients and the time slots they were active in, not with events: per distinct
/// recipient, per recipient and campaign, per recipient, campaign and slot with activity, per campaign and slot, and per
/// event key within <see cref="CampaignAnalyticsOptions.DedupeWindow"/> (see <see cref="Usage"/> and
/// <c>docs/campaigns.md</c>). Events are counted in the UTC slot (<see cref="CampaignAnalyticsOptions.Resolution"/>,
/// an hour by default) they occurred in; an event without a time counts when it was recorded.</para>
/// <para>Thread-safe: recording and reading take one lock.</para>
/// </remarks>
public sealed class CampaignAnalytics
{
    private const CampaignMetric SmsMetrics = CampaignMetric.Sent | CampaignMetric.UniqueRecipients | CampaignMetric.Delivered
        | CampaignMetric.Dropped | CampaignMetric.Bounces;

    // What a message key is about; with the message id and the recipient they make one fact counted once.
    private const int SentKind = 1, DeliveredKind = 2, BouncedKind = 3, DroppedKind = 4, SmsAcceptedKind = 5, SmsDeliveredKind = 6,
        SmsUndeliveredKind = 7, SmsFailedKind = 8;

    private static readonly long Epoch = DateTimeOffset.UnixEpoch.UtcTicks;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly long _resolution;
    private readonly Dictionary<string, int> _recipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CampaignState> _campaigns = new(StringComparer.Ordinal);
    private readonly RecipientSlots _slots = new();
    private readonly EventKeySet _keys;
    private CampaignState? _lastCampaign;
    private long _recipientBytes;
    private long _counted;
    private long _duplicates;
    private long _ignored;

    /// <summary>Creates an empty engine.</summary>
    /// <param name="options">The slot size and dedupe window; the defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for the dedupe window, events without a time, and "up to now"; the system
    /// clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid (<see cref="CampaignAnalyticsOptions.Validate"/>).</exception>
    public CampaignAnalytics(CampaignAnalyticsOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new CampaignAnalyticsOptions();
        List<string> problems = [.. options.Validate(nameof(CampaignAnalyticsOptions))];
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _time = timeProvider ?? TimeProvider.System;
        _resolution = options.Resolution.Ticks;
        _keys = new EventKeySet(options.DedupeWindow);
        Resolution = options.Resolution;
        DedupeWindow = options.DedupeWindow;
    }

    /// <summary>The time slot events are counted in.</summary>
    public TimeSpan Resolution { get; }

    /// <summary>How long event keys are remembered to recognise redeliveries.</summary>
    public TimeSpan DedupeWindow { get; }

    /// <summary>The ids of the campaigns with events, in no particular order.</summary>
    public IReadOnlyList<string> CampaignIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _campaigns.Keys];
            }
        }
    }

    /// <summary>What the engine holds and has counted.</summary>
    public CampaignAnalyticsUsage Usage
    {
        get
        {
            lock (_gate)
            {
                long recipientCampaigns = 0, campaignSlots = 0, countBytes = 0;
                foreach (CampaignState campaign in _campaigns.Values)
                {
                    foreach (CampaignChannelState? channel in (ReadOnlySpan<CampaignChannelState?>)[campaign.Email, campaign.Sms])
                    {
                        if (channel is not null)
                        {
                            recipientCampaigns += channel.Heads.Count;
                            campaignSlots += channel.Rows.Count;
                            countBytes += channel.CountsArray.Length * 4L;
                        }
                    }
                }

                // Dictionary entries: 24 bytes with a string key, 16 with an int key, plus a 4-byte bucket each.
                long bytes = (_recipients.Count * 28L) + _recipientBytes + (recipientCampaigns * 20) + _slots.Bytes
                    + (campaignSlots * 20) + countBytes + (_keys.Capacity * 12L);
                return new CampaignAnalyticsUsage(
                    _campaigns.Count, _recipients.Count, recipientCampaigns, _slots.Count, campaignSlots, _keys.Count, bytes, _counted, _duplicates, _ignored);
            }
        }
    }

    /// <summary>Counts one event: an <see cref="EmailEvent"/> or a <see cref="MessageStatusEvent"/> with a
    /// <see cref="MartechEvent.CampaignId"/>; other events are ignored.</summary>
    /// <param name="martechEvent">The event.</param>
    /// <returns>Whether it changed the stats, was a duplicate, or counts for nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="martechEvent"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The event has no <see cref="MartechEvent.Id"/> or
    /// <see cref="MartechEvent.Provider"/>, an email event has no recipient, or its <see cref="MartechEvent.OccurredAt"/>
    /// is before 1970.</exception>
    public CampaignEventOutcome Record(MartechEvent martechEvent) => RecordAt(martechEvent, Minute(_time.GetUtcNow()));

    /// <summary>Counts many events, such as a replay of recorded events.</summary>
    /// <param name="events">The events.</param>
    /// <returns>How many were counted, duplicates, or ignored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An event is invalid (see <see cref="Record"/>); those before it are counted.</exception>
    public CampaignAnalyticsIngestResult RecordAll(IEnumerable<MartechEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var tally = new Tally();
        uint minute = 0;
        foreach (MartechEvent martechEvent in events)
        {
            // The clock is read once every 1,024 events: the dedupe window is in minutes.
            if ((tally.Events & 1023) == 0)
            {
                minute = Minute(_time.GetUtcNow());
            }

            tally.Add(RecordAt(martechEvent, minute));
        }

        return tally.ToResult();
    }

    /// <summary>Counts the events of a JSON-lines stream: one event per line as
    /// <see cref="MartechEventSerializer.SerializeToUtf8Bytes(MartechEvent)"/> writes it (blank lines skipped), such as
    /// a file of recorded webhook events.</summary>
    /// <param name="utf8JsonLines">The stream, UTF-8.</param>
    /// <param name="cancellationToken">Cancels the reading; the events before it stay counted.</param>
    /// <returns>How many were counted, duplicates, or ignored.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8JsonLines"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidDataException">A line is not an event, or an invalid one; the message names the line.
    /// The lines before it are counted.</exception>
    public async Task<CampaignAnalyticsIngestResult> RecordJsonLinesAsync(Stream utf8JsonLines, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(utf8JsonLines);
        var tally = new Tally();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int start = 0, end = 0;
            long line = 0;
            while (true)
            {
                if (end == buffer.Length)
                {
                    // A line longer than the buffer: make room.
                    byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, end).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                int read = await utf8JsonLines.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (end > start)
                    {
                        RecordLine(buffer.AsSpan(start, end - start), ++line, ref tally);
                    }

                    return tally.ToResult();
                }

                end += read;
                int newline;
                while ((newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n')) >= 0)
                {
                    RecordLine(buffer.AsSpan(start, newline), ++line, ref tally);
                    start += newline + 1;
                }

                buffer.AsSpan(start, end - start).CopyTo(buffer);
                end -= start;
                start = 0;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Records an email send the SDK made for a campaign, to one recipient: it counts in
    /// <see cref="CampaignStats.Sent"/> and makes the address one of the campaign's recipients. The vendor's processed
    /// event for the same message and recipient (matched by <paramref name="messageId"/>) then counts nothing again.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="recipient">The recipient.</param>
    /// <param name="messageId">The message id the send returned; <see langword="null"/> when there is none (the send
    /// then cannot be matched with a processed event).</param>
    /// <param name="sentAt">When it was sent.</param>
    /// <returns><see cref="CampaignEventOutcome.Counted"/>, or <see cref="CampaignEventOutcome.Duplicate"/> when this
    /// message's send to this recipient was already counted.</returns>
    /// <exception cref="ArgumentException"><paramref name="campaignId"/> is empty, <paramref name="recipient"/> is
    /// empty, or <paramref name="sentAt"/> is before 1970.</exception>
    public CampaignEventOutcome RecordSend(string campaignId, EmailAddress recipient, string? messageId, DateTimeOffset sentAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        if (recipient.IsEmpty)
        {
            throw new ArgumentException("A send needs a recipient.", nameof(recipient));
        }

        int slot = SlotOf(sentAt, nameof(sentAt));
        uint minute = Minute(_time.GetUtcNow());
        lock (_gate)
        {
            int who = Intern(recipient.Value);
            if (!string.IsNullOrEmpty(messageId) && !_keys.Add(EventKeySet.MessageKey(SentKind, messageId, who), minute))
            {
                return Tallied(CampaignEventOutcome.Duplicate);
            }

            CampaignChannelState state = Channel(campaignId, CampaignChannel.Email);
            ref int head = ref CollectionsMarshal.GetValueRefOrAddDefault(state.Heads, who, out _);
            _slots.Set(ref head, slot, RecipientBit);
            state.Touch(slot);
            state.Count(slot, Sent);
            state.HasSends = true;
            return Tallied(CampaignEventOutcome.Counted);
        }
    }

    /// <summary>Computes a campaign's stats over a period from what was recorded.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="options">The period and breakdown; a <see cref="CampaignChannelStatsOptions"/> picks the channel
    /// (email by default). Both bounds are rounded up to a <see cref="Resolution"/> boundary, as the returned
    /// <see cref="CampaignStats.From"/> and <see cref="CampaignStats.To"/> show.</param>
    /// <returns>The stats, <see cref="CampaignStatsSource.Events"/>. Email reports every count (but
    /// <see cref="CampaignMetric.Sent"/> until a send or processed event was recorded for the campaign); SMS reports
    /// sent, unique recipients, delivered, dropped (failed) and bounces (undelivered). A campaign with nothing recorded
    /// has zeros.</returns>
    /// <exception cref="ArgumentException"><paramref name="campaignId"/> is empty or the options are invalid.</exception>
    public CampaignStats GetStats(string campaignId, CampaignStatsOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        options?.Validate();
        CampaignChannel channel = options is CampaignChannelStatsOptions c ? c.Channel : CampaignChannel.Email;
        if (!Enum.IsDefined(channel))
        {
            throw new ArgumentException($"CampaignChannelStatsOptions.Channel ({(int)channel}) is not a defined value.", nameof(options));
        }

        int fromSlot = options?.From is { } from ? CeilingSlot(from) : int.MinValue;
        int toSlot = options?.To is { } to ? CeilingSlot(to) : int.MaxValue;
        var query = new Query(
            this,
            campaignId,
            options?.From is null ? null : StartOf(fromSlot),
            options?.To is null ? null : StartOf(toSlot),
            fromSlot,
            toSlot,
            options?.Breakdown ?? CampaignStatsBreakdown.None);
        int nowSlot = FloorSlot(_time.GetUtcNow());
        lock (_gate)
        {
            _campaigns.TryGetValue(campaignId, out CampaignState? campaign);
            CampaignChannelState? state = channel == CampaignChannel.Email ? campaign?.Email : campaign?.Sms;
            CampaignMetric reported = channel == CampaignChannel.Email ? CampaignStats.AllMetrics : SmsMetrics;
            if (state is not { HasSends: true })
            {
                reported &= ~CampaignMetric.Sent;
            }

            return query.Run(state, reported, nowSlot);
        }
    }

    /// <summary>Forgets everything recorded.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _recipients.Clear();
            _campaigns.Clear();
            _slots.Clear();
            _keys.Clear();
            _lastCampaign = null;
            _recipientBytes = _counted = _duplicates = _ignored = 0;
        }
    }

    private static bool IsMachine(EngagementSource? source) => source is { } s && s != EngagementSource.Human && s != EngagementSource.Unknown;

    private static uint Minute(DateTimeOffset now) => (uint)Math.Max(0, (now.UtcTicks - Epoch) / TimeSpan.TicksPerMinute);

    private CampaignEventOutcome RecordAt(MartechEvent martechEvent, uint minute)
    {
        ArgumentNullException.ThrowIfNull(martechEvent);
        if (string.IsNullOrEmpty(martechEvent.Id) || string.IsNullOrEmpty(martechEvent.Provider))
        {
            throw new ArgumentException($"The event needs an Id and a Provider, the key redeliveries are recognised by (Id '{martechEvent.Id}', Provider '{martechEvent.Provider}').", nameof(martechEvent));
        }

        if (martechEvent is EmailEvent { Recipient.IsEmpty: true })
        {
            throw new ArgumentException($"Email event '{martechEvent.Id}' has no recipient (EmailEvent.Recipient and MartechEvent.Email are empty).", nameof(martechEvent));
        }

        return martechEvent switch
        {
            EmailEvent email => RecordEmail(email, minute),
            MessageStatusEvent status => RecordStatus(status, minute),
            _ => Tallied(CampaignEventOutcome.Ignored),
        };
    }

    private CampaignEventOutcome RecordEmail(EmailEvent e, uint minute)
    {
        string? campaignId = e.CampaignId;
        if (string.IsNullOrEmpty(campaignId))
        {
            return Tallied(CampaignEventOutcome.Ignored);
        }

        // Which count and which per-recipient bit the event sets, and what makes it one fact: opens and clicks repeat,
        // so only their event id says two are the same; a message is sent, delivered, bounced or dropped once per
        // recipient, so its message id says so whatever ids the vendor gives its events.
        EmailEventType type = e.Type;
        int counter = -1, bits, kind = 0;
        bool byEventId = false;
        if (type == EmailEventType.Opened)
        {
            bool machine = IsMachine(e.Source);
            (counter, bits, byEventId) = (machine ? MachineOpens : TotalOpens, machine ? MachineOpenBit : OpenBit, true);
        }
        else if (type == EmailEventType.Clicked)
        {
            bool machine = IsMachine(e.Source);
            (counter, bits, byEventId) = (machine ? MachineClicks : TotalClicks, machine ? MachineClickBit : ClickBit, true);
        }
        else if (type == EmailEventType.Delivered)
        {
            (counter, bits, kind) = (Delivered, RecipientBit, DeliveredKind);
        }
        else if (type == EmailEventType.Processed)
        {
            (counter, bits, kind) = (Sent, RecipientBit, SentKind);
        }
        else if (type == EmailEventType.Bounced)
        {
            (counter, bits, kind) = (Bounces, RecipientBit, BouncedKind);
        }
        else if (type == EmailEventType.Dropped)
        {
            (counter, bits, kind) = (Dropped, RecipientBit, DroppedKind);
        }
        else if (type == EmailEventType.Deferred)
        {
            bits = RecipientBit;
        }
        else if (type == EmailEventType.Unsubscribed || type == EmailEventType.GroupUnsubscribed)
        {
            bits = UnsubscribeBit;
        }
        else if (type == EmailEventType.SpamReport)
        {
            bits = SpamBit;
        }
        else
        {
            return Tallied(CampaignEventOutcome.Ignored);
        }

        int slot = SlotOf(e.OccurredAt, nameof(MartechEvent.OccurredAt));
        lock (_gate)
        {
            int who = Intern(e.Recipient.Value);
            if (kind != 0 || byEventId)
            {
                ulong key = kind != 0 && !string.IsNullOrEmpty(e.MessageId)
                    ? EventKeySet.MessageKey(kind, e.MessageId, who)
                    : EventKeySet.EventKey(e.Provider, e.Id);
                if (!_keys.Add(key, minute))
                {
                    return Tallied(CampaignEventOutcome.Duplicate);
                }
            }

            CampaignChannelState state = Channel(campaignId, CampaignChannel.Email);
            ref int head = ref CollectionsMarshal.GetValueRefOrAddDefault(state.Heads, who, out _);
            int added = _slots.Set(ref head, slot, bits);
            state.Touch(slot);
            if (counter < 0)
            {
                return Tallied(added != 0 ? CampaignEventOutcome.Counted : CampaignEventOutcome.Duplicate);
            }

            state.Count(slot, counter);
            if (counter == Sent)
            {
                state.HasSends = true;
            }
            else if (counter == Bounces && e.BounceKind is { } bounce && bounce != EmailBounceKind.Unknown)
            {
                state.Count(slot, bounce == EmailBounceKind.Hard ? HardBounces : bounce == EmailBounceKind.Soft ? SoftBounces : BlockedBounces);
            }

            return Tallied(CampaignEventOutcome.Counted);
        }
    }

    private CampaignEventOutcome RecordStatus(MessageStatusEvent e, uint minute)
    {
        string? campaignId = e.CampaignId;
        if (string.IsNullOrEmpty(campaignId))
        {
            return Tallied(CampaignEventOutcome.Ignored);
        }

        // Every count is about the message, so the message id makes it one fact whatever the event ids: a message is
        // accepted (queued, sent, or any later state), delivered (or read), undelivered, or failed once.
        MessageDeliveryStatus status = e.Status;
        bool delivered = status == MessageDeliveryStatus.Delivered || status == MessageDeliveryStatus.Read;
        bool undelivered = status == MessageDeliveryStatus.Undelivered;
        bool failed = status == MessageDeliveryStatus.Failed;
        bool accepted = delivered || undelivered || status == MessageDeliveryStatus.Queued || status == MessageDeliveryStatus.Sent;
        if (!accepted && !failed)
        {
            return Tallied(CampaignEventOutcome.Ignored);
        }

        int slot = SlotOf(e.OccurredAt, nameof(MartechEvent.OccurredAt));
        string? to = e.To ?? e.Phone;
        string message = string.IsNullOrEmpty(e.MessageId) ? e.Id : e.MessageId;
        lock (_gate)
        {
            CampaignChannelState state = Channel(campaignId, CampaignChannel.Sms);
            bool counted = false;
            if (accepted && _keys.Add(EventKeySet.MessageKey(SmsAcceptedKind, message, 0), minute))
            {
                state.Count(slot, Sent);
                state.HasSends = counted = true;
            }

            if (delivered && _keys.Add(EventKeySet.MessageKey(SmsDeliveredKind, message, 0), minute))
            {
                state.Count(slot, Delivered);
                counted = true;
            }

            if (undelivered && _keys.Add(EventKeySet.MessageKey(SmsUndeliveredKind, message, 0), minute))
            {
                state.Count(slot, Bounces);
                counted = true;
            }

            if (failed && _keys.Add(EventKeySet.MessageKey(SmsFailedKind, message, 0), minute))
            {
                state.Count(slot, Dropped);
                counted = true;
            }

            if (!string.IsNullOrEmpty(to))
            {
                ref int head = ref CollectionsMarshal.GetValueRefOrAddDefault(state.Heads, Intern(to), out _);
                counted |= _slots.Set(ref head, slot, RecipientBit) != 0;
            }

            state.Touch(slot);
            return Tallied(counted ? CampaignEventOutcome.Counted : CampaignEventOutcome.Duplicate);
        }
    }

    private void RecordLine(ReadOnlySpan<byte> line, long number, ref Tally tally)
    {
        if (number == 1 && line.StartsWith("\uFEFF"u8))
        {
            line = line[3..]; // a UTF-8 byte-order mark, as some editors write
        }

        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (line.Trim(" \t"u8).IsEmpty)
        {
            return;
        }

        try
        {
            tally.Add(RecordAt(MartechEventSerializer.Deserialize(line), Minute(_time.GetUtcNow())));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            throw new InvalidDataException($"Line {number} is not a valid Martech event (one event per line, as MartechEventSerializer writes them): {ex.Message}", ex);
        }
    }

    // Under the lock.
    private int Intern(string recipient)
    {
        int next = _recipients.Count;
        ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(_recipients, recipient, out bool exists);
        if (!exists)
        {
            id = next;
            _recipientBytes += (22 + (2L * recipient.Length) + 7) & ~7L;
        }

        return id;
    }

    // Under the lock.
    private CampaignChannelState Channel(string campaignId, CampaignChannel channel)
    {
        CampaignState? campaign = _lastCampaign;
        if (campaign is null || !string.Equals(campaign.Id, campaignId, StringComparison.Ordinal))
        {
            ref CampaignState? found = ref CollectionsMarshal.GetValueRefOrAddDefault(_campaigns, campaignId, out _);
            campaign = found ??= new CampaignState(campaignId);
            _lastCampaign = campaign;
        }

        return channel == CampaignChannel.Email ? campaign.Email : campaign.Sms ??= new CampaignChannelState();
    }

    private CampaignEventOutcome Tallied(CampaignEventOutcome outcome)
    {
        switch (outcome)
        {
            case CampaignEventOutcome.Counted:
                Interlocked.Increment(ref _counted);
                break;
            case CampaignEventOutcome.Duplicate:
                Interlocked.Increment(ref _duplicates);
                break;
            default:
                Interlocked.Increment(ref _ignored);
                break;
        }

        return outcome;
    }

    private int SlotOf(DateTimeOffset at, string field)
    {
        if (at == default)
        {
            at = _time.GetUtcNow(); // no time given: it happened when it was recorded
        }

        long ticks = at.UtcTicks - Epoch;
        long slot = ticks / _resolution;
        if (ticks < 0 || slot > int.MaxValue || at.UtcDateTime >= LastCountedMonth)
        {
            throw new ArgumentException($"{field} ({at:O}) is outside the times CampaignAnalytics counts (from 1970-01-01 for {(long)int.MaxValue * _resolution / TimeSpan.TicksPerDay / 365} years at a resolution of {Resolution}, and before December 9999, whose month has no end to report).", field);
        }

        return (int)slot;
    }

    // A day or month breakdown ends each entry at the next day or month: the last month DateTime holds has none.
    private static readonly DateTime LastCountedMonth = new(9999, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    private int FloorSlot(DateTimeOffset at) => (int)Math.Clamp((at.UtcTicks - Epoch) / _resolution, 0, int.MaxValue);

    private int CeilingSlot(DateTimeOffset at)
    {
        long ticks = Math.Max(0, at.UtcTicks - Epoch);
        return (int)Math.Min(int.MaxValue, (ticks + _resolution - 1) / _resolution);
    }

    private DateTimeOffset StartOf(long slot) =>
        new(Math.Min(DateTimeOffset.MaxValue.UtcTicks, Epoch + (slot * _resolution)), TimeSpan.Zero);

    private sealed class CampaignState(string id)
    {
        public string Id { get; } = id;

        public CampaignChannelState Email { get; } = new();

        public CampaignChannelState? Sms { get; set; }
    }

    private struct Tally
    {
        public long Events;
        private long _counted;
        private long _duplicates;
        private long _ignored;

        public void Add(CampaignEventOutcome outcome)
        {
            Events++;
            switch (outcome)
            {
                case CampaignEventOutcome.Counted:
                    _counted++;
                    break;
                case CampaignEventOutcome.Duplicate:
                    _duplicates++;
                    break;
                default:
                    _ignored++;
                    break;
            }
        }

        public readonly CampaignAnalyticsIngestResult ToResult() => new(Events, _counted, _duplicates, _ignored);
    }

    /// <summary>One stats computation: sums the slot counts and ORs each recipient's slot bits over the period, and per
    /// day or month when asked.</summary>
    private sealed class Query(CampaignAnalytics engine, string campaignId, DateTimeOffset? from, DateTimeOffset? to, int fromSlot, int toSlot, CampaignStatsBreakdown breakdown)
    {
        private int _firstKey;
        private int _buckets;

        public CampaignStats Run(CampaignChannelState? state, CampaignMetric reported, int nowSlot)
        {
            PlanBuckets(state, nowSlot);
            int[] totals = new int[Counters * (_buckets + 1)];
            int[] uniques = new int[Bits * (_buckets + 1)];
            if (state is not null)
            {
                Sum(state, totals);
                CountUniques(state, uniques);
            }

            var entries = new CampaignStats[_buckets];
            for (int b = 0; b < _buckets; b++)
            {
                (DateTimeOffset start, DateTimeOffset end) = BoundsOf(_firstKey + b);
                entries[b] = Build(
                    from is { } f && f > start ? f : start,
                    to is { } t && t < end ? t : end,
                    reported,
                    totals.AsSpan((b + 1) * Counters, Counters),
                    uniques.AsSpan((b + 1) * Bits, Bits),
                    []);
            }

            return Build(from, to, reported, totals.AsSpan(0, Counters), uniques.AsSpan(0, Bits), entries);
        }

        private CampaignStats Build(DateTimeOffset? start, DateTimeOffset? end, CampaignMetric reported, ReadOnlySpan<int> n, ReadOnlySpan<int> u, IReadOnlyList<CampaignStats> entries) => new()
        {
            CampaignId = campaignId,
            From = start,
            To = end,
            Source = CampaignStatsSource.Events,
            Reported = reported,
            Sent = n[Sent],
            UniqueRecipients = u[0],
            Delivered = n[Delivered],
            Dropped = n[Dropped],
            Bounces = n[Bounces],
            HardBounces = n[HardBounces],
            SoftBounces = n[SoftBounces],
            BlockedBounces = n[BlockedBounces],
            TotalOpens = n[TotalOpens],
            UniqueOpens = u[1],
            TotalClicks = n[TotalClicks],
            UniqueClicks = u[3],
            MachineOpens = n[MachineOpens],
            UniqueMachineOpens = u[2],
            MachineClicks = n[MachineClicks],
            UniqueMachineClicks = u[4],
            Unsubscribes = u[5],
            SpamReports = u[6],
            Breakdown = entries,
        };

        // The buckets run from the period's start (or the first activity) to its end, but not past both now and the
        // last activity: a period that ends in the future lists the days or months that have begun.
        private void PlanBuckets(CampaignChannelState? state, int nowSlot)
        {
            if (breakdown == CampaignStatsBreakdown.None)
            {
                return;
            }

            bool active = state is not null && state.MaxSlot >= state.MinSlot;
            int start = from is not null ? fromSlot : active ? state!.MinSlot : int.MaxValue;
            long last = Math.Max(nowSlot, active ? state!.MaxSlot : int.MinValue);
            int end = (int)Math.Min(toSlot, last + 1);
            if (start >= end)
            {
                return;
            }

            _firstKey = KeyOf(start);
            _buckets = KeyOf(end - 1) - _firstKey + 1;
        }

        private int KeyOf(int slot)
        {
            long ticks = Epoch + (slot * engine._resolution);
            if (breakdown == CampaignStatsBreakdown.Day)
            {
                return (int)(ticks / TimeSpan.TicksPerDay);
            }

            var date = new DateTime(ticks, DateTimeKind.Utc);
            return (date.Year * 12) + date.Month - 1;
        }

        private (DateTimeOffset Start, DateTimeOffset End) BoundsOf(int key)
        {
            if (breakdown == CampaignStatsBreakdown.Day)
            {
                var day = new DateTimeOffset(key * TimeSpan.TicksPerDay, TimeSpan.Zero);
                return (day, day.AddDays(1));
            }

            var month = new DateTimeOffset(key / 12, (key % 12) + 1, 1, 0, 0, 0, TimeSpan.Zero);
            return (month, month.AddMonths(1));
        }

        private int BucketOf(int slot)
        {
            int b = KeyOf(slot) - _firstKey;
            return (uint)b < (uint)_buckets ? b + 1 : 0; // 0: outside the listed buckets
        }

        private void Sum(CampaignChannelState state, int[] totals)
        {
            int[] counts = state.CountsArray;
            foreach ((int slot, int row) in state.Rows)
            {
                if (slot < fromSlot || slot >= toSlot)
                {
                    continue;
                }

                int b = _buckets == 0 ? 0 : BucketOf(slot);
                for (int k = 0; k < Counters; k++)
                {
                    int value = counts[(row * Counters) + k];
                    totals[k] += value;
                    if (b != 0)
                    {
                        totals[(b * Counters) + k] += value;
                    }
                }
            }
        }

        private void CountUniques(CampaignChannelState state, int[] uniques)
        {
            int[] bucketBits = new int[_buckets + 1];
            int[] touched = new int[_buckets + 1];
            foreach (int head in state.Heads.Values)
            {
                int all = 0, n = 0;
                for (int i = head - 1; i >= 0;)
                {
                    int next = engine._slots.Read(i, out int slot, out int bits);
                    if (slot >= fromSlot && slot < toSlot)
                    {
                        all |= bits;
                        int b = _buckets == 0 ? 0 : BucketOf(slot);
                        if (b != 0)
                        {
                            if (bucketBits[b] == 0)
                            {
                                touched[n++] = b;
                            }

                            bucketBits[b] |= bits;
                        }
                    }

                    i = next;
                }

                AddBits(uniques, 0, all);
                for (int t = 0; t < n; t++)
                {
                    int b = touched[t];
                    AddBits(uniques, b, bucketBits[b]);
                    bucketBits[b] = 0;
                }
            }
        }

        private static void AddBits(int[] uniques, int bucket, int bits)
        {
            for (int k = 0; k < Bits; k++)
            {
                if ((bits & (1 << k)) != 0)
                {
                    uniques[(bucket * Bits) + k]++;
                }
            }
        }
    }
}
