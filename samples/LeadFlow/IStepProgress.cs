using Martech.Sdk;

namespace LeadFlow;

/// <summary>Shows progress of the bulk steps; the console uses Spectre.Console progress bars, tests use nothing.</summary>
public interface IStepProgress
{
    /// <summary>Runs a step, giving it a progress sink sized to its item count.</summary>
    Task<T> RunAsync<T>(string description, int total, Func<IProgress<BulkProgress>, Task<T>> step);
}
