using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk;

/// <summary>Adds consolidation jobs in code. Returned by <c>AddConsolidation()</c>.</summary>
public sealed class ConsolidationBuilder
{
    private readonly ConsolidationDefinitions _definitions;

    internal ConsolidationBuilder(MartechBuilder martech, ConsolidationDefinitions definitions)
    {
        Martech = martech;
        _definitions = definitions;
    }

    /// <summary>The Martech builder.</summary>
    public MartechBuilder Martech { get; }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => Martech.Services;

    /// <summary>Adds a job defined in code; its provider instances are checked when the host starts, with the configured
    /// jobs.</summary>
    /// <param name="name">The job's name, which <see cref="ConsolidationJobs.RunAsync"/> takes.</param>
    /// <param name="job">The job.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The name is empty or taken, or the job's options are invalid.</exception>
    public ConsolidationBuilder AddJob(string name, ConsolidationJob job)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(job);
        job.Options.Validate(job.Records == ConsolidationRecordKind.Leads);
        if (_definitions.CodeJobs.ContainsKey(name))
        {
            throw new ArgumentException($"A consolidation job named '{name}' was already added.", nameof(name));
        }

        _definitions.CodeJobs.Add(name, job);
        return this;
    }
}
