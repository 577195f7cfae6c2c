using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Logs each campaign call: Debug with timing, Error on failure, payloads only at Trace.</summary>
public sealed class LoggingCampaignClient : DelegatingCampaignClient
{
    private readonly LoggingPipeline _log;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="provider">The provider instance name written with every entry.</param>
    public LoggingCampaignClient(ICampaignClient innerClient, ILogger logger, string provider)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _log = new LoggingPipeline(logger, provider);
    }

    /// <inheritdoc />
    public override Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _log.RunAsync("GetCampaign", (InnerClient, id), static (s, ct) => s.InnerClient.GetAsync(s.id, ct), static s => s.id, LoggingPayloads.Of, cancellationToken);

    /// <inheritdoc />
    public override AsyncPageable<Campaign> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.Wrap("ListCampaigns", InnerClient.ListAsync(options, cancellationToken));

    /// <inheritdoc />
    public override Task<BulkResult<CampaignMember>> AddMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("AddCampaignMembers", (InnerClient, campaignId, contactIds, options), static (s, ct) => s.InnerClient.AddMembersAsync(s.campaignId, s.contactIds, s.options, ct), static s => $"campaign={s.campaignId} count={s.contactIds?.Count}", LoggingPayloads.Of, cancellationToken);

    /// <inheritdoc />
    public override Task<BulkResult<CampaignMember>> RemoveMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("RemoveCampaignMembers", (InnerClient, campaignId, contactIds, options), static (s, ct) => s.InnerClient.RemoveMembersAsync(s.campaignId, s.contactIds, s.options, ct), static s => $"campaign={s.campaignId} count={s.contactIds?.Count}", LoggingPayloads.Of, cancellationToken);

    /// <inheritdoc />
    public override AsyncPageable<CampaignMember> ListMembersAsync(string campaignId, ListOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.Wrap("ListCampaignMembers", InnerClient.ListMembersAsync(campaignId, options, cancellationToken));

    /// <inheritdoc />
    public override Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("GetCampaignStats", (InnerClient, campaignId, options), static (s, ct) => s.InnerClient.GetStatsAsync(s.campaignId, s.options, ct), static s => s.campaignId, LoggingPayloads.Of, cancellationToken);
}
