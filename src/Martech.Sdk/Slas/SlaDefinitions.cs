using Microsoft.Extensions.Configuration;

namespace Martech.Sdk;

/// <summary>The policies of one application: those added in code and those in configuration
/// (<c>Martech:Slas:Policies</c>, <c>Martech:Slas:Volumes</c>), read and checked once.</summary>
internal sealed class SlaDefinitions(IConfiguration? slas, string path)
{
    private readonly Lock _gate = new();
    private (IReadOnlyList<SlaPolicy> Policies, IReadOnlyList<SlaVolumePolicy> Volumes, IReadOnlyList<string> Problems)? _loaded;

    public string Path { get; } = path;

    public List<SlaPolicy> CodePolicies { get; } = [];

    public List<SlaVolumePolicy> CodeVolumes { get; } = [];

    public IReadOnlyList<SlaPolicy> Policies => Load().Policies;

    public IReadOnlyList<SlaVolumePolicy> Volumes => Load().Volumes;

    public IReadOnlyList<string> Problems => Load().Problems;

    private (IReadOnlyList<SlaPolicy> Policies, IReadOnlyList<SlaVolumePolicy> Volumes, IReadOnlyList<string> Problems) Load()
    {
        lock (_gate)
        {
            return _loaded ??= Read();
        }
    }

    private (IReadOnlyList<SlaPolicy>, IReadOnlyList<SlaVolumePolicy>, IReadOnlyList<string>) Read()
    {
        var problems = new List<string>();
        var policies = new List<(SlaPolicy Policy, string Path)>();
        var volumes = new List<(SlaVolumePolicy Policy, string Path)>();
        for (int i = 0; i < CodePolicies.Count; i++)
        {
            policies.Add((CodePolicies[i], $"AddPolicy('{CodePolicies[i].Name}')"));
        }

        for (int i = 0; i < CodeVolumes.Count; i++)
        {
            volumes.Add((CodeVolumes[i], $"AddVolumePolicy('{CodeVolumes[i].Name}')"));
        }

        // Each section is bound to its concrete settings type here, so the binding source generator sees the call.
        policies.AddRange(FromConfiguration("Policies", problems, (section, name) =>
        {
            var settings = new SlaPolicySettings();
            section.Bind(settings);
            return settings.ToPolicy(name);
        }));
        volumes.AddRange(FromConfiguration("Volumes", problems, (section, name) =>
        {
            var settings = new SlaVolumePolicySettings();
            section.Bind(settings);
            return settings.ToPolicy(name);
        }));

        foreach ((SlaPolicy policy, string at) in policies)
        {
            problems.AddRange(policy.Validate(at));
        }

        foreach ((SlaVolumePolicy policy, string at) in volumes)
        {
            problems.AddRange(policy.Validate(at));
            if (policy.ClockPolicy is { } clock && policy.Measure == SlaVolumeMeasure.Attainment && !policies.Any(p => string.Equals(p.Policy.Name, clock, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add($"{at}:ClockPolicy names '{clock}', but no time policy has that name. Policies: {Names(policies.Select(p => p.Policy.Name))}.");
            }
        }

        foreach (string name in policies.Select(p => p.Policy.Name).Concat(volumes.Select(v => v.Policy.Name)).Where(n => !string.IsNullOrWhiteSpace(n)).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"Two SLA policies are named '{name}' (in code and {Path}:Policies or {Path}:Volumes): give each its own name.");
        }

        return ([.. policies.Select(p => p.Policy)], [.. volumes.Select(v => v.Policy)], problems);
    }

    private List<(T Policy, string Path)> FromConfiguration<T>(string child, List<string> problems, Func<IConfigurationSection, string, T> read)
    {
        var found = new List<(T, string)>();
        foreach (IConfigurationSection section in slas?.GetSection(child).GetChildren() ?? [])
        {
            string at = $"{Path}:{child}:{section.Key}";
            try
            {
                found.Add((read(section, section.Key), at));
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
            {
                problems.Add($"{at}: {ex.Message}");
            }
        }

        return found;
    }

    internal static string Names(IEnumerable<string> names)
    {
        string joined = string.Join(", ", names);
        return joined.Length == 0 ? "none" : joined;
    }
}
