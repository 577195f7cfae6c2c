using Microsoft.Extensions.Configuration;

namespace Martech.Sdk;

/// <summary>The consolidation jobs of one application: those added in code and those in configuration
/// (<c>Martech:DataQuality:Consolidation:Jobs:&lt;name&gt;</c>), read and checked once.</summary>
internal sealed class ConsolidationDefinitions(IConfiguration? jobs, string path)
{
    private readonly Lock _gate = new();
    private (IReadOnlyDictionary<string, (ConsolidationJob Job, string Path)> Jobs, IReadOnlyList<string> Problems)? _loaded;

    public string Path { get; } = path;

    public Dictionary<string, ConsolidationJob> CodeJobs { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, (ConsolidationJob Job, string Path)> Jobs => Load().Jobs;

    public IReadOnlyList<string> Problems => Load().Problems;

    private (IReadOnlyDictionary<string, (ConsolidationJob Job, string Path)> Jobs, IReadOnlyList<string> Problems) Load()
    {
        lock (_gate)
        {
            return _loaded ??= Read();
        }
    }

    private (IReadOnlyDictionary<string, (ConsolidationJob Job, string Path)> Jobs, IReadOnlyList<string> Problems) Read()
    {
        var problems = new List<string>();
        var found = new Dictionary<string, (ConsolidationJob Job, string Path)>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, ConsolidationJob job) in CodeJobs)
        {
            found.Add(name, (job, $"AddJob('{name}')"));
        }

        foreach (IConfigurationSection section in jobs?.GetChildren() ?? [])
        {
            string at = $"{Path}:{section.Key}";
            var settings = new ConsolidationJobSettings();
            try
            {
                // Bound to the concrete settings type here, so the binding source generator sees the call.
                section.Bind(settings);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{at}: {ex.Message}");
                continue;
            }

            (ConsolidationJob? job, List<string> jobProblems) = settings.ToJob(at);
            problems.AddRange(jobProblems);
            if (job is null)
            {
                continue;
            }

            if (!found.TryAdd(section.Key, (job, at)))
            {
                problems.Add($"Two consolidation jobs are named '{section.Key}' (in code and {at}): give each its own name.");
            }
        }

        return (found, problems);
    }
}
