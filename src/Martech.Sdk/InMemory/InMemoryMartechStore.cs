using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// The state of one in-memory provider instance (contacts, leads, campaigns and their members, sent emails and
/// messages, recorded email events) and the API to inspect and seed it from tests and samples.
/// </summary>
/// <remarks>
/// <para>Every member is thread-safe. The store never shares state with its callers: it keeps copies of what it is
/// given and hands out copies, so changing a returned object never changes the store.</para>
/// <para>Ids are readable and unique for the life of the store, also across <see cref="Clear"/>: <c>c_1</c> for
/// contacts, <c>l_1</c> for leads, <c>cmp_1</c> for campaigns, <c>em_1</c> for sent emails, <c>msg_1</c> for sent
/// messages and <c>deal_1</c> for deals created by lead conversion.</para>
/// <para>Resolve the store of an instance registered with <c>AddInMemory("name")</c> as a keyed service,
/// <c>[FromKeyedServices("name")] InMemoryMartechStore</c>, or from a client with
/// <c>client.GetService&lt;InMemoryMartechStore&gt;()</c>.</para>
/// </remarks>
public sealed partial class InMemoryMartechStore
{
    private readonly Lock _gate = new();

    private readonly Dictionary<string, InMemoryEntry<Contact>> _contacts = new(StringComparer.Ordinal);
    private readonly Dictionary<EmailAddress, InMemoryEntry<Contact>> _contactsByEmail = [];
    private readonly SequencedList<InMemoryEntry<Contact>> _contactOrder = new();

    private readonly Dictionary<string, InMemoryEntry<Lead>> _leads = new(StringComparer.Ordinal);
    private readonly SequencedList<InMemoryEntry<Lead>> _leadOrder = new();

    private readonly Dictionary<string, CampaignState> _campaigns = new(StringComparer.Ordinal);
    private readonly SequencedList<CampaignState> _campaignOrder = new();

    private readonly List<SentEmail> _sentEmails = [];
    private readonly List<SentMessage> _sentMessages = [];
    private readonly List<EmailEvent> _emailEvents = [];
    private readonly Dictionary<string, string> _campaignByMessageId = new(StringComparer.Ordinal);
    private CampaignAnalytics _analytics;

    private long _contactSequence;
    private long _leadSequence;
    private long _campaignSequence;
    private long _memberSequence;
    private long _emailSequence;
    private long _messageSequence;
    private long _dealSequence;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for timestamps (created, updated, sent, added); the system clock when
    /// <see langword="null"/>.</param>
    public InMemoryMartechStore(TimeProvider? timeProvider = null)
    {
        TimeProvider = timeProvider ?? TimeProvider.System;
        _analytics = NewAnalytics();
    }

    /// <summary>The clock the store stamps times with.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>A snapshot of the contacts, in creation order.</summary>
    public IReadOnlyList<Contact> Contacts
    {
        get
        {
            lock (_gate)
            {
                return _contactOrder.Items.Select(static e => e.Value with { }).ToArray();
            }
        }
    }

    /// <summary>A snapshot of the leads, in creation order.</summary>
    public IReadOnlyList<Lead> Leads
    {
        get
        {
            lock (_gate)
            {
                return _leadOrder.Items.Select(static e => e.Value with { }).ToArray();
            }
        }
    }

    /// <summary>A snapshot of the campaigns, in creation order.</summary>
    public IReadOnlyList<Campaign> Campaigns
    {
        get
        {
            lock (_gate)
            {
                return _campaignOrder.Items.Select(static s => InMemoryCopies.Copy(s.Campaign)).ToArray();
            }
        }
    }

    /// <summary>A snapshot of the emails sent, in sending order.</summary>
    public IReadOnlyList<SentEmail> SentEmails
    {
        get
        {
            lock (_gate)
            {
                return _sentEmails.Select(static e => e with { Message = InMemoryCopies.Copy(e.Message) }).ToArray();
            }
        }
    }

    /// <summary>A snapshot of the chat and SMS messages sent, in sending order.</summary>
    public IReadOnlyList<SentMessage> SentMessages
    {
        get
        {
            lock (_gate)
            {
                return _sentMessages.Select(static m => m with { Message = InMemoryCopies.Copy(m.Message) }).ToArray();
            }
        }
    }

    /// <summary>A snapshot of the email events recorded with <see cref="RecordEmailEvent"/>, in recording order.</summary>
    public IReadOnlyList<EmailEvent> EmailEvents
    {
        get
        {
            lock (_gate)
            {
                return [.. _emailEvents];
            }
        }
    }

    /// <summary>Gets a snapshot of a campaign's members, in the order they were added.</summary>
    /// <param name="campaignId">The campaign's id.</param>
    /// <returns>The members.</returns>
    /// <exception cref="ArgumentException"><paramref name="campaignId"/> is empty, or no campaign has it.</exception>
    public IReadOnlyList<CampaignMember> GetCampaignMembers(string campaignId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        lock (_gate)
        {
            return _campaigns.TryGetValue(campaignId, out var state)
                ? state.MemberOrder.Items.Select(static e => e.Value).ToArray()
                : throw new ArgumentException($"The store has no campaign '{campaignId}'.", nameof(campaignId));
        }
    }

    /// <summary>Adds a campaign, as seeding for tests and samples (the capability interfaces read campaigns but do
    /// not create them).</summary>
    /// <param name="campaign">The campaign; its <see cref="Campaign.Id"/> must be <see langword="null"/>. Its
    /// <see cref="Campaign.CreatedAt"/> is kept when set, so history can be seeded, and is now otherwise.</param>
    /// <returns>The stored copy, with its new id.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="campaign"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The campaign has an id or no name.</exception>
    public Campaign AddCampaign(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (campaign.Id is not null)
        {
            throw new ArgumentException("Campaign.Id must be null when adding a campaign; the store assigns it.", nameof(campaign));
        }

        if (string.IsNullOrWhiteSpace(campaign.Name))
        {
            throw new ArgumentException("Campaign.Name is required.", nameof(campaign));
        }

        lock (_gate)
        {
            long sequence = ++_campaignSequence;
            Campaign stored = InMemoryCopies.Copy(campaign) with
            {
                Id = NewId("cmp_", sequence),
                CreatedAt = campaign.CreatedAt ?? TimeProvider.GetUtcNow(),
                Raw = default,
            };
            var state = new CampaignState(stored);
            _campaigns.Add(stored.Id, state);
            _campaignOrder.Append(sequence, state);
            return InMemoryCopies.Copy(stored);
        }
    }

    /// <summary>Records an email event (delivered, opened, clicked, bounced, …), as a vendor's webhook would report
    /// it, so that campaign stats and samples see engagement.</summary>
    /// <param name="emailEvent">The event. It counts for a campaign when its <see cref="MartechEvent.CampaignId"/> is
    /// that campaign, or when it has no campaign id and its <see cref="EmailEvent.MessageId"/> is that of an email
    /// sent for the campaign; a second event with the same <see cref="MartechEvent.Provider"/> and
    /// <see cref="MartechEvent.Id"/> is kept but counts nothing again (see <see cref="CampaignAnalytics"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="emailEvent"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The event has no recipient, id or provider, or happened before 1970.</exception>
    public void RecordEmailEvent(EmailEvent emailEvent)
    {
        ArgumentNullException.ThrowIfNull(emailEvent);
        if (emailEvent.Recipient.IsEmpty)
        {
            throw new ArgumentException("EmailEvent.Recipient is required.", nameof(emailEvent));
        }

        lock (_gate)
        {
            CountEmailEvent(emailEvent);
            _emailEvents.Add(emailEvent);
        }
    }

    /// <summary>Removes everything: contacts, leads, campaigns, sent emails and messages, and email events. Ids keep
    /// counting from where they were, so an id is never reused.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _contacts.Clear();
            _contactsByEmail.Clear();
            _contactOrder.Clear();
            _leads.Clear();
            _leadOrder.Clear();
            _campaigns.Clear();
            _campaignOrder.Clear();
            _sentEmails.Clear();
            _sentMessages.Clear();
            _emailEvents.Clear();
            _campaignByMessageId.Clear();
            _analytics = NewAnalytics();
            ClearSuppressions();
        }
    }

    // Campaign stats come from the analytics engine; the store keeps every event anyway, so its window is as long as
    // allowed, and minute slots make periods exact to the minute.
    private CampaignAnalytics NewAnalytics() =>
        new(new CampaignAnalyticsOptions { Resolution = TimeSpan.FromMinutes(1), DedupeWindow = TimeSpan.FromDays(3650) }, TimeProvider);

    private static string NewId(string prefix, long sequence) => prefix + sequence.ToString(CultureInfo.InvariantCulture);

    private static EmailAddress? Normalise(EmailAddress? email) => email is { IsEmpty: false } ? email : null;

    private static bool IsUnset(LeadStatus status) => status.Value.Length == 0;

    /// <summary>Merges custom fields by name: incoming values override, others are kept, and a JSON null clears the
    /// field, as it does at the vendors.</summary>
    private static CustomFieldCollection Merge(CustomFieldCollection? stored, CustomFieldCollection incoming)
    {
        var merged = stored is null ? new CustomFieldCollection() : new CustomFieldCollection(stored);
        foreach (var (name, value) in incoming)
        {
            if (value.ValueKind is System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined)
            {
                merged.Remove(name);
            }
            else
            {
                merged.SetRaw(name, value);
            }
        }

        return merged;
    }

    /// <summary>A campaign and its members.</summary>
    private sealed class CampaignState(Campaign campaign)
    {
        public Campaign Campaign { get; } = campaign;

        public Dictionary<string, InMemoryEntry<CampaignMember>> Members { get; } = new(StringComparer.Ordinal);

        public SequencedList<InMemoryEntry<CampaignMember>> MemberOrder { get; } = new();
    }
}
