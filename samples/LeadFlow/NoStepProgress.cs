using Martech.Sdk;

namespace LeadFlow;

/// <summary>Runs steps without showing progress (tests, redirected output).</summary>
public sealed class NoStepProgress : IStepProgress
{
    public Task<T> RunAsync<T>(string description, int total, Func<IProgress<BulkProgress>, Task<T>> step) =>
        step(new Progress<BulkProgress>());
}
