namespace Martech.Sdk;

/// <summary>Reads campaigns, manages their members, and reports their engagement.</summary>
public interface ICampaignClient : ICampaignStatsClient
{
    /// <summary>Gets a campaign by its provider id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The campaign, or <see langword="null"/> when there is none with that id.</returns>
    Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists campaigns as a stream.</summary>
    /// <param name="options">Page size and resume token.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The campaigns.</returns>
    AsyncPageable<Campaign> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Adds contacts to a campaign; a contact already a member succeeds unchanged.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="contactIds">The contacts' provider ids.</param>
    /// <param name="options">Batch size, concurrency and progress.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per contact id, in input order.</returns>
    /// <exception cref="MartechNotFoundException">There is no such campaign.</exception>
    Task<BulkResult<CampaignMember>> AddMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Removes contacts from a campaign; a contact that is not a member succeeds unchanged.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="contactIds">The contacts' provider ids.</param>
    /// <param name="options">Batch size, concurrency and progress.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per contact id, in input order.</returns>
    /// <exception cref="MartechNotFoundException">There is no such campaign.</exception>
    Task<BulkResult<CampaignMember>> RemoveMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists a campaign's members as a stream.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="options">Page size and resume token.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The members.</returns>
    AsyncPageable<CampaignMember> ListMembersAsync(string campaignId, ListOptions? options = null, CancellationToken cancellationToken = default);
}
