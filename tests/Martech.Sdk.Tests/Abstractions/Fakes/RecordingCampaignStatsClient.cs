namespace Martech.Sdk.Tests.Abstractions.Fakes;

public sealed class RecordingCampaignStatsClient : CallRecorder, ICampaignStatsClient
{
    public CampaignStats Stats { get; } = new() { CampaignId = "spring-sale", Source = CampaignStatsSource.Vendor };

    public Exception? Failure { get; set; }

    public Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(GetStatsAsync), campaignId, options, cancellationToken);
        return Failure is null ? Task.FromResult(Stats) : Task.FromException<CampaignStats>(Failure);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AnswerGetService(serviceType, serviceKey);
}
