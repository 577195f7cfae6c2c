namespace Martech.Sdk;

/// <summary>
/// The in-memory <see cref="ICampaignClient"/>: campaigns seeded with <see cref="InMemoryMartechStore.AddCampaign"/>,
/// their members, and stats computed from the emails the in-memory sender recorded and the events recorded with
/// <see cref="InMemoryMartechStore.RecordEmailEvent"/>.
/// </summary>
/// <remarks>
/// <para>Membership changes run in batches like every bulk operation: an unknown contact fails alone with
/// <c>CONTACT_NOT_FOUND</c>; adding a member or removing a non-member succeeds unchanged. Once started, a cancelled
/// call does not throw: the ids it did not process fail with <c>CANCELLED</c>.</para>
/// <para>Stats over [From, To): unique recipients of the campaign's emails sent in the period; delivered, bounce,
/// unsubscribe and spam-report events counted; opens and clicks counted once per recipient, with all clicks in
/// <see cref="CampaignStats.TotalClicks"/>. <see cref="ListOptions.UpdatedSince"/> filters members by when they
/// were added and is ignored for campaigns, which have no update time.</para>
/// </remarks>
internal sealed class InMemoryCampaignClient : ICampaignClient
{
    private const string Scope = "campaigns";
    private readonly string _provider;
    private readonly MartechProviderMetadata _metadata;
    private readonly InMemoryMartechStore _store;
    private readonly InMemoryProviderOptions _options;

    public InMemoryCampaignClient(MartechProviderMetadata metadata, InMemoryMartechStore store, InMemoryProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _provider = metadata.Name;
        _metadata = metadata;
        _store = store;
        _options = options;
    }

    public Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.GetCampaign(id));
    }

    public AsyncPageable<Campaign> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        InMemoryPaging.Create(Scope, _provider, options, _options, _store.ListCampaigns, cancellationToken);

    /// <remarks>Cancellation after the call started does not throw: see the class remarks.</remarks>
    public Task<BulkResult<CampaignMember>> AddMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        ChangeMembersAsync(campaignId, contactIds, options, _store.AddMember, cancellationToken);

    /// <remarks>Cancellation after the call started does not throw: see the class remarks.</remarks>
    public Task<BulkResult<CampaignMember>> RemoveMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        ChangeMembersAsync(campaignId, contactIds, options, _store.RemoveMember, cancellationToken);

    public AsyncPageable<CampaignMember> ListMembersAsync(string campaignId, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ThrowIfNoCampaign(campaignId);
        DateTimeOffset? addedSince = options?.UpdatedSince;
        bool Match(CampaignMember m) => addedSince is null || m.AddedAt >= addedSince;
        return InMemoryPaging.Create(
            "members:" + campaignId,
            _provider,
            options,
            _options,
            (after, size) => _store.ListMembers(campaignId, after, size, Match) ?? throw NoCampaign(campaignId),
            cancellationToken);
    }

    public Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        options?.Validate();
        if (options is { Breakdown: not CampaignStatsBreakdown.None })
        {
            throw new NotSupportedException("The in-memory provider's campaign stats are totals only: ask with CampaignStatsOptions.Breakdown = None.");
        }

        DateTimeOffset? from = options?.From;
        DateTimeOffset? to = options?.To;

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.ComputeCampaignStats(campaignId, from, to) ?? throw NoCampaign(campaignId));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        InMemoryServices.Get(this, _metadata, _store, _options, serviceType, serviceKey);

    private Task<BulkResult<CampaignMember>> ChangeMembersAsync(
        string campaignId,
        IReadOnlyList<string> contactIds,
        BulkOptions? options,
        Func<string, string, InMemoryOutcome<CampaignMember>> change,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentNullException.ThrowIfNull(contactIds);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfNoCampaign(campaignId);

        string?[] ids = [.. contactIds];
        return InMemoryBulk.RunAsync(
            ids.Length,
            options,
            _options.MaxBatchSize,
            index =>
            {
                string? contactId = ids[index];
                if (string.IsNullOrWhiteSpace(contactId))
                {
                    return new BulkItemResult<CampaignMember>(
                        index,
                        BulkItemStatus.Failed,
                        null,
                        new BulkItemError($"The contact id at index {index} is null or empty.", InMemoryFailure.InvalidIdCode, "contactIds"));
                }

                var outcome = change(campaignId, contactId);
                return outcome.Failure is { } failure
                    ? new BulkItemResult<CampaignMember>(index, BulkItemStatus.Failed, null, failure.ToBulkError())
                    : new BulkItemResult<CampaignMember>(index, BulkItemStatus.Succeeded, outcome.Value);
            },
            cancellationToken);
    }

    private void ThrowIfNoCampaign(string campaignId)
    {
        if (!_store.CampaignExists(campaignId))
        {
            throw NoCampaign(campaignId);
        }
    }

    private MartechNotFoundException NoCampaign(string campaignId) =>
        (MartechNotFoundException)InMemoryFailure.NotFound($"There is no campaign with id '{campaignId}'.").ToException(_provider);
}
