namespace Martech.Sdk.Tests.Abstractions.Fakes;

public sealed class RecordingLeadClient : CallRecorder, ILeadClient
{
    public Lead Lead { get; } = new() { Id = "l1" };

    public LeadConversionResult Conversion { get; } = new("l1", "c1", "d1");

    public AsyncPageable<Lead> Listing { get; } = AsyncPageable.Empty<Lead>();

    public Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        Record(nameof(CreateAsync), lead, cancellationToken);
        return Task.FromResult(Lead);
    }

    public Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        Record(nameof(UpdateAsync), lead, cancellationToken);
        return Task.FromResult(Lead);
    }

    public Task<Lead?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        Record(nameof(GetAsync), id, cancellationToken);
        return Task.FromResult<Lead?>(Lead);
    }

    public AsyncPageable<Lead> ListAsync(LeadListOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(ListAsync), options, cancellationToken);
        return Listing;
    }

    public Task<LeadConversionResult> ConvertAsync(string id, LeadConversionOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(ConvertAsync), id, options, cancellationToken);
        return Task.FromResult(Conversion);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AnswerGetService(serviceType, serviceKey);
}
