namespace Martech.Sdk;

/// <summary>Reports a campaign's email engagement over a period: the campaigns capability's stats, on its own for vendors
/// that report statistics but keep no campaign records (SendGrid categories, Mailgun tags, Postmark tags).</summary>
/// <remarks>Every <see cref="ICampaignClient"/> is one. What the campaign id names is the provider's: a campaign record, a
/// category, a tag (see the provider's page).</remarks>
public interface ICampaignStatsClient
{
    /// <summary>Computes or fetches a campaign's engagement over a period.</summary>
    /// <param name="campaignId">The campaign (a campaign id, a category or a tag, per provider).</param>
    /// <param name="options">The period and its breakdown.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stats, saying which counts the source reports (<see cref="CampaignStats.Reported"/>).</returns>
    /// <exception cref="ArgumentException"><paramref name="campaignId"/> is empty, or the options are invalid
    /// (<see cref="CampaignStatsOptions.Validate"/>).</exception>
    /// <exception cref="MartechNotFoundException">The provider keeps campaign records and there is no such campaign.</exception>
    Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a service this client or one it wraps provides.</summary>
    /// <param name="serviceType">The type wanted.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
