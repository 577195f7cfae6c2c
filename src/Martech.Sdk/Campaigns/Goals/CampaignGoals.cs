using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk;

/// <summary>Evaluates campaign goals: the configured ones (<c>Martech:Campaigns:Goals</c>), those added in code, and any
/// goal given to <see cref="EvaluateAsync(CampaignGoal, CancellationToken)"/>. Registered by <c>AddCampaignGoals()</c>.</summary>
/// <remarks>Each evaluation reads the goal's campaigns month by month through its provider instance's
/// <see cref="ICampaignStatsClient"/> (<see cref="CampaignStatsBreakdown.Month"/>), so the event analytics and every vendor
/// statistics API can feed a goal, and takes "now" from the container's <see cref="TimeProvider"/>.</remarks>
public sealed class CampaignGoals
{
    private readonly CampaignGoalDefinitions _definitions;
    private readonly IServiceProvider _services;
    private readonly MartechRegistry _registry;
    private readonly TimeProvider _time;

    internal CampaignGoals(CampaignGoalDefinitions definitions, IServiceProvider services, MartechRegistry registry, TimeProvider? timeProvider)
    {
        _definitions = definitions;
        _services = services;
        _registry = registry;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The goals added in code (in the order added), then the configured ones (in the order of their keys).</summary>
    /// <exception cref="InvalidOperationException">A configured goal is invalid (the host's start fails with the same
    /// messages).</exception>
    public IReadOnlyList<CampaignGoal> Goals
    {
        get
        {
            ThrowIfMisconfigured();
            return [.. _definitions.Goals.Select(g => g.Goal)];
        }
    }

    /// <summary>Evaluates a goal by name.</summary>
    /// <param name="goalName">The goal's name (case is ignored).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The evaluation.</returns>
    /// <exception cref="ArgumentException">No goal has that name.</exception>
    /// <exception cref="InvalidOperationException">The goal's stats source cannot give its monthly values (no breakdown,
    /// a count it does not report), named in the message.</exception>
    public Task<CampaignGoalEvaluation> EvaluateAsync(string goalName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(goalName);
        ThrowIfMisconfigured();
        foreach ((CampaignGoal goal, _) in _definitions.Goals)
        {
            if (string.Equals(goal.Name, goalName, StringComparison.OrdinalIgnoreCase))
            {
                return EvaluateCheckedAsync(goal, cancellationToken);
            }
        }

        string known = string.Join(", ", _definitions.Goals.Select(g => g.Goal.Name));
        throw new ArgumentException($"No campaign goal is named '{goalName}' (goals: {(known.Length == 0 ? "none" : known)}). Define it in {_definitions.Path}:{goalName} or with AddGoal.", nameof(goalName));
    }

    /// <summary>Evaluates a goal, configured or not.</summary>
    /// <param name="goal">The goal.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The evaluation.</returns>
    /// <exception cref="ArgumentException">The goal is invalid (<see cref="CampaignGoal.Validate"/>), or its
    /// <see cref="CampaignGoal.Provider"/> supplies no <see cref="ICampaignStatsClient"/>.</exception>
    /// <exception cref="InvalidOperationException">The goal's stats source cannot give its monthly values (no breakdown,
    /// a count it does not report), named in the message.</exception>
    public Task<CampaignGoalEvaluation> EvaluateAsync(CampaignGoal goal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(goal);
        goal.ThrowIfInvalid(nameof(goal));
        if (ProviderProblem(goal, $"CampaignGoal '{goal.Name}'") is { } problem)
        {
            throw new ArgumentException(problem, nameof(goal));
        }

        return EvaluateCheckedAsync(goal, cancellationToken);
    }

    /// <summary>Evaluates every goal, one after the other.</summary>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The evaluations, in the order of <see cref="Goals"/>.</returns>
    /// <exception cref="InvalidOperationException">A goal's stats source cannot give its monthly values.</exception>
    public async Task<IReadOnlyList<CampaignGoalEvaluation>> EvaluateAllAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfMisconfigured();
        var results = new List<CampaignGoalEvaluation>(_definitions.Goals.Count);
        foreach ((CampaignGoal goal, _) in _definitions.Goals)
        {
            results.Add(await EvaluateCheckedAsync(goal, cancellationToken).ConfigureAwait(false));
        }

        return results;
    }

    /// <summary>What is wrong with the goals and the providers they name, each problem named by its path.</summary>
    internal IEnumerable<string> Problems() => Problems(_definitions, _registry);

    internal static IEnumerable<string> Problems(CampaignGoalDefinitions definitions, MartechRegistry registry)
    {
        foreach (string problem in definitions.Problems)
        {
            yield return problem;
        }

        foreach ((CampaignGoal goal, string path) in definitions.Goals)
        {
            if (ProviderProblem(registry, goal, path) is { } problem)
            {
                yield return problem;
            }
        }
    }

    private static string? ProviderProblem(MartechRegistry registry, CampaignGoal goal, string path)
    {
        IReadOnlyList<string> suppliers = registry.ProvidersOf(typeof(ICampaignStatsClient));
        string names = suppliers.Count == 0 ? "none" : string.Join(", ", suppliers);
        if (goal.Provider is null)
        {
            return suppliers.Count > 0
                ? null
                : $"{path}: no provider instance supplies campaign stats (ICampaignStatsClient), which the goal reads: add one (such as AddInMemory(), the event analytics, or a vendor such as AddSendGrid()), or set {path}:Provider.";
        }

        return suppliers.Contains(goal.Provider, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"{path}:Provider names '{goal.Provider}', which is not a provider instance that supplies campaign stats (ICampaignStatsClient): register it (such as AddSendGrid(\"{goal.Provider}\")) or name one that does ({names}).";
    }

    private string? ProviderProblem(CampaignGoal goal, string path) => ProviderProblem(_registry, goal, path);

    private void ThrowIfMisconfigured()
    {
        var problems = Problems().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Martech campaign goals are misconfigured: " + string.Join(" ", problems));
        }
    }

    private async Task<CampaignGoalEvaluation> EvaluateCheckedAsync(CampaignGoal goal, CancellationToken cancellationToken)
    {
        string provider = goal.Provider is { } named
            ? _registry.ProvidersOf(typeof(ICampaignStatsClient)).First(p => string.Equals(p, named, StringComparison.OrdinalIgnoreCase))
            : _services.GetRequiredService<MartechDefaultResolver>().Choose(typeof(ICampaignStatsClient));
        ICampaignStatsClient client = _services.GetRequiredKeyedService<ICampaignStatsClient>(provider);
        DateTimeOffset now = _time.GetUtcNow();

        double baseline;
        if (goal.Baseline.Value is { } value)
        {
            baseline = value;
        }
        else
        {
            DateTimeOffset from = CampaignGoalCalculator.Utc(goal.Baseline.From!.Value);
            DateTimeOffset to = CampaignGoalCalculator.Utc(goal.Baseline.To!.Value.AddDays(1));
            if (to > now)
            {
                throw new InvalidOperationException($"Goal '{goal.Name}': its baseline period {goal.Baseline} has not ended yet ({now:O}); give the baseline a Value, or measure it over months that have ended.");
            }

            IReadOnlyList<CampaignGoalMonth> baselineMonths = await CampaignGoalReader.ReadAsync(goal, client, provider, from, to, now, cancellationToken).ConfigureAwait(false);
            baseline = CampaignGoalCalculator.MeasureBaseline(goal, baselineMonths, provider);
        }

        (DateTimeOffset readFrom, DateTimeOffset readTo) = CampaignGoalCalculator.ReadRange(goal, now);
        IReadOnlyList<CampaignGoalMonth> months = await CampaignGoalReader.ReadAsync(goal, client, provider, readFrom, readTo, now, cancellationToken).ConfigureAwait(false);
        return CampaignGoalCalculator.Evaluate(goal, provider, months, baseline, now);
    }
}
