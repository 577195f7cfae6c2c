namespace Martech.Sdk;

/// <summary>The jobs registered with <c>AddMartechJobs()</c>, and the problems found while registering them.</summary>
internal sealed class MartechJobDefinitions
{
    private readonly Dictionary<string, MartechJobDefinition> _jobs = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _problems = [];

    public IReadOnlyCollection<string> Names => _jobs.Keys;

    public void Add(MartechJobDefinition job)
    {
        if (!_jobs.TryAdd(job.Name, job))
        {
            _problems.Add($"Two jobs are named '{job.Name}' (names ignore case): give each job added with AddMartechJobs() its own name.");
        }
    }

    public MartechJobDefinition? Find(string name) => _jobs.GetValueOrDefault(name);

    /// <summary>What is wrong with the jobs and the instances they name.</summary>
    public IEnumerable<string> Problems(MartechRegistry? registry)
    {
        foreach (string problem in _problems)
        {
            yield return problem;
        }

        foreach (MartechJobDefinition job in _jobs.Values)
        {
            foreach ((string role, string instance, Type capability) in job.Instances)
            {
                IReadOnlyList<string> suppliers = registry?.ProvidersOf(capability) ?? [];
                if (!suppliers.Contains(instance, StringComparer.OrdinalIgnoreCase))
                {
                    string names = suppliers.Count == 0 ? "none is registered" : "those that do: " + string.Join(", ", suppliers);
                    yield return $"Job '{job.Name}' names '{instance}' as its {role}, which is not a provider instance that supplies {capability.Name}: register it with services.AddMartech() (such as AddHubSpot(\"{instance}\")) or name one that does ({names}).";
                }
            }
        }
    }
}
