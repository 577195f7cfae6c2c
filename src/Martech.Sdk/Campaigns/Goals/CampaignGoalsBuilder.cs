using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk;

/// <summary>Adds campaign goals in code. Returned by <c>AddCampaignGoals()</c>.</summary>
public sealed class CampaignGoalsBuilder
{
    private readonly CampaignGoalDefinitions _definitions;

    internal CampaignGoalsBuilder(MartechBuilder martech, CampaignGoalDefinitions definitions)
    {
        Martech = martech;
        _definitions = definitions;
    }

    /// <summary>The Martech builder.</summary>
    public MartechBuilder Martech { get; }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => Martech.Services;

    /// <summary>Adds a goal defined in code; its provider is checked when the host starts, with the configured goals.</summary>
    /// <param name="goal">The goal.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The goal is invalid (<see cref="CampaignGoal.Validate"/>), or one with its name
    /// was already added.</exception>
    public CampaignGoalsBuilder AddGoal(CampaignGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        goal.ThrowIfInvalid(nameof(goal));
        if (_definitions.CodeGoals.Any(g => string.Equals(g.Name, goal.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A campaign goal named '{goal.Name}' was already added.", nameof(goal));
        }

        _definitions.CodeGoals.Add(goal);
        return this;
    }
}
