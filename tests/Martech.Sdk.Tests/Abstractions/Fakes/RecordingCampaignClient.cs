namespace Martech.Sdk.Tests.Abstractions.Fakes;

public sealed class RecordingCampaignClient : CallRecorder, ICampaignClient
{
    public Campaign Campaign { get; } = new() { Id = "k1", Name = "Spring" };

    public BulkResult<CampaignMember> Added { get; } = new([new BulkItemResult<CampaignMember>(0, BulkItemStatus.Succeeded)]);

    public BulkResult<CampaignMember> Removed { get; } = new([new BulkItemResult<CampaignMember>(0, BulkItemStatus.Succeeded)]);

    public CampaignStats Stats { get; } = new() { CampaignId = "k1" };

    public AsyncPageable<Campaign> Listing { get; } = AsyncPageable.Empty<Campaign>();

    public AsyncPageable<CampaignMember> Members { get; } = AsyncPageable.Empty<CampaignMember>();

    public Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        Record(nameof(GetAsync), id, cancellationToken);
        return Task.FromResult<Campaign?>(Campaign);
    }

    public AsyncPageable<Campaign> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(ListAsync), options, cancellationToken);
        return Listing;
    }

    public Task<BulkResult<CampaignMember>> AddMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(AddMembersAsync), campaignId, contactIds, options, cancellationToken);
        return Task.FromResult(Added);
    }

    public Task<BulkResult<CampaignMember>> RemoveMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(RemoveMembersAsync), campaignId, contactIds, options, cancellationToken);
        return Task.FromResult(Removed);
    }

    public AsyncPageable<CampaignMember> ListMembersAsync(string campaignId, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(ListMembersAsync), campaignId, options, cancellationToken);
        return Members;
    }

    public Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(GetStatsAsync), campaignId, options, cancellationToken);
        return Task.FromResult(Stats);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AnswerGetService(serviceType, serviceKey);
}
