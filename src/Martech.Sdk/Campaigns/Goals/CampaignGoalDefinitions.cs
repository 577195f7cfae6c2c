using Microsoft.Extensions.Configuration;

namespace Martech.Sdk;

/// <summary>The goals of one application: those added in code and those in configuration
/// (<c>Martech:Campaigns:Goals:&lt;name&gt;</c>), read and checked once.</summary>
internal sealed class CampaignGoalDefinitions(IConfiguration? goals, string path)
{
    private readonly Lock _gate = new();
    private (IReadOnlyList<(CampaignGoal Goal, string Path)> Goals, IReadOnlyList<string> Problems)? _loaded;

    public string Path { get; } = path;

    public List<CampaignGoal> CodeGoals { get; } = [];

    public IReadOnlyList<(CampaignGoal Goal, string Path)> Goals => Load().Goals;

    public IReadOnlyList<string> Problems => Load().Problems;

    private (IReadOnlyList<(CampaignGoal Goal, string Path)> Goals, IReadOnlyList<string> Problems) Load()
    {
        lock (_gate)
        {
            return _loaded ??= Read();
        }
    }

    private (IReadOnlyList<(CampaignGoal Goal, string Path)> Goals, IReadOnlyList<string> Problems) Read()
    {
        var problems = new List<string>();
        var found = new List<(CampaignGoal Goal, string Path)>();
        foreach (CampaignGoal goal in CodeGoals)
        {
            found.Add((goal, $"AddGoal('{goal.Name}')"));
        }

        foreach (IConfigurationSection section in goals?.GetChildren() ?? [])
        {
            string at = $"{Path}:{section.Key}";
            var settings = new CampaignGoalSettings();
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

            (CampaignGoal? goal, List<string> settingsProblems) = settings.ToGoal(section.Key, at);
            problems.AddRange(settingsProblems);
            if (goal is not null)
            {
                found.Add((goal, at));
            }
        }

        foreach (string name in found.Select(g => g.Goal.Name).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add($"Two campaign goals are named '{name}' (in code and {Path}): give each its own name.");
        }

        return (found, problems);
    }
}
