using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk;

/// <summary>Runs the consolidation jobs registered with <c>AddConsolidation()</c> by name, resolving each job's source
/// and target clients as keyed services of their instance names. Register it with <c>AddConsolidation()</c>; the jobs
/// and the instances they name are checked when the host starts.</summary>
public sealed class ConsolidationJobs
{
    private readonly ConsolidationDefinitions _definitions;
    private readonly IServiceProvider _services;
    private readonly MartechRegistry _registry;
    private readonly Consolidation _engine;

    internal ConsolidationJobs(ConsolidationDefinitions definitions, IServiceProvider services, MartechRegistry registry, Consolidation engine)
    {
        _definitions = definitions;
        _services = services;
        _registry = registry;
        _engine = engine;
    }

    /// <summary>The jobs' names.</summary>
    public IReadOnlyCollection<string> Names => [.. _definitions.Jobs.Keys];

    /// <summary>Runs a job: resumes it from its checkpoint when an earlier run stopped part-way.</summary>
    /// <param name="name">The job's name (ignoring case).</param>
    /// <param name="configure">Changes this run's options only, such as <see cref="ConsolidationOptions.DryRun"/>,
    /// <see cref="ConsolidationOptions.OnOutcome"/> or <see cref="ConsolidationOptions.StartOver"/>.</param>
    /// <param name="cancellationToken">Stops the run; the checkpoint keeps what was decided.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="ArgumentException">There is no job of that name, or the changed options are invalid.</exception>
    /// <exception cref="InvalidOperationException">The jobs are misconfigured (the host would not have started).</exception>
    public Task<ConsolidationResult> RunAsync(string name, Action<ConsolidationOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Problems(_definitions, _registry).ToList() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("The consolidation jobs are misconfigured: " + string.Join(" ", problems));
        }

        if (!_definitions.Jobs.TryGetValue(name, out var found))
        {
            throw new ArgumentException($"There is no consolidation job named '{name}'; the jobs are: {string.Join(", ", _definitions.Jobs.Keys)}.", nameof(name));
        }

        ConsolidationJob job = found.Job;
        ConsolidationOptions options = job.Options.Copy();
        options.SourceInstance = job.Source;
        options.TargetInstance = job.Target;
        configure?.Invoke(options);
        return job.Records == ConsolidationRecordKind.Leads
            ? _engine.ConsolidateLeadsAsync(Client<ILeadClient>(job.Source), Client<ILeadClient>(job.Target), options, cancellationToken)
            : _engine.ConsolidateContactsAsync(Client<IContactClient>(job.Source), Client<IContactClient>(job.Target), options, cancellationToken);
    }

    /// <summary>What is wrong with the jobs and the instances they name, each problem named by its path.</summary>
    internal static IEnumerable<string> Problems(ConsolidationDefinitions definitions, MartechRegistry registry)
    {
        foreach (string problem in definitions.Problems)
        {
            yield return problem;
        }

        foreach ((ConsolidationJob job, string path) in definitions.Jobs.Values)
        {
            Type capability = job.Records == ConsolidationRecordKind.Leads ? typeof(ILeadClient) : typeof(IContactClient);
            IReadOnlyList<string> suppliers = registry.ProvidersOf(capability);
            string names = suppliers.Count == 0 ? "none" : string.Join(", ", suppliers);
            foreach ((string side, string instance) in new[] { ("Source", job.Source), ("Target", job.Target) })
            {
                if (!suppliers.Contains(instance, StringComparer.OrdinalIgnoreCase))
                {
                    yield return $"{path}:{side} names '{instance}', which is not a provider instance that supplies {job.Records.ToString().ToLowerInvariant()} ({capability.Name}): register it (such as AddHubSpot(\"{instance}\")) or name one that does ({names}).";
                }
            }

            if (string.Equals(job.Source, job.Target, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"{path}: Source and Target are both '{job.Source}'; a consolidation copies between two instances.";
            }
        }
    }

    private T Client<T>(string instance)
        where T : class
    {
        string registered = _registry.ProvidersOf(typeof(T)).First(p => string.Equals(p, instance, StringComparison.OrdinalIgnoreCase));
        return _services.GetRequiredKeyedService<T>(registered);
    }
}
