using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Martech.Sdk;

/// <summary>Configures the SLA engine: policies, the store, escalation, transition handlers and webhook tracking.
/// Returned by <c>AddSlas()</c>.</summary>
public sealed class SlasBuilder
{
    private readonly SlaDefinitions _definitions;

    internal SlasBuilder(MartechBuilder martech, SlaDefinitions definitions)
    {
        Martech = martech;
        _definitions = definitions;
    }

    /// <summary>The Martech builder.</summary>
    public MartechBuilder Martech { get; }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => Martech.Services;

    /// <summary>Adds a time policy defined in code.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The policy is invalid, or one with its name was already added.</exception>
    public SlasBuilder AddPolicy(SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        policy.ThrowIfInvalid();
        if (_definitions.CodePolicies.Any(p => string.Equals(p.Name, policy.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"An SLA policy named '{policy.Name}' was already added.", nameof(policy));
        }

        _definitions.CodePolicies.Add(policy);
        return this;
    }

    /// <summary>Adds a volume policy defined in code.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">The policy is invalid, or one with its name was already added.</exception>
    public SlasBuilder AddVolumePolicy(SlaVolumePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var problems = policy.Validate($"SlaVolumePolicy '{policy.Name}'").ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(policy));
        }

        if (_definitions.CodeVolumes.Any(p => string.Equals(p.Name, policy.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A volume SLA policy named '{policy.Name}' was already added.", nameof(policy));
        }

        _definitions.CodeVolumes.Add(policy);
        return this;
    }

    /// <summary>Replaces the store (in memory by default) with one resolved from the container.</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <returns>This builder.</returns>
    public SlasBuilder UseStore<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, ISlaStore
    {
        Services.RemoveAll<ISlaStore>();
        Services.AddSingleton<ISlaStore, TStore>();
        return this;
    }

    /// <summary>Uses a store instance, such as one <see cref="InMemorySlaStore"/> shared by two hosts.</summary>
    /// <param name="store">The store.</param>
    /// <returns>This builder.</returns>
    public SlasBuilder UseStore(ISlaStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Services.RemoveAll<ISlaStore>();
        Services.AddSingleton(store);
        return this;
    }

    /// <summary>Escalates breaches (and, with <paramref name="includeAtRisk"/>, at-risk clocks) as a card through a
    /// message provider instance. The same as setting <c>Martech:Slas:Escalation:Provider</c>, <c>Destination</c> and
    /// <c>AtRisk</c>.</summary>
    /// <param name="provider">The provider instance, such as <c>Slack</c>.</param>
    /// <param name="destination">Where the cards go.</param>
    /// <param name="includeAtRisk">Whether at-risk clocks are escalated too.</param>
    /// <returns>This builder.</returns>
    public SlasBuilder EscalateTo(string provider, MessageDestination destination, bool includeAtRisk = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        ArgumentNullException.ThrowIfNull(destination);
        string text = destination.ToString();
        Services.Configure<SlaOptions>(o =>
        {
            o.Escalation.Provider = provider;
            o.Escalation.Destination = text;
            o.Escalation.AtRisk = includeAtRisk;
        });
        return this;
    }

    /// <summary>Adds a transition handler, resolved in a new DI scope for each transition.</summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <returns>This builder.</returns>
    public SlasBuilder AddTransitionHandler<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, ISlaTransitionHandler
    {
        Services.AddScoped<ISlaTransitionHandler, THandler>();
        return this;
    }

    /// <summary>Adds a transition handler written as a delegate.</summary>
    /// <param name="handler">Handles one transition; gets the transition's scoped services.</param>
    /// <returns>This builder.</returns>
    public SlasBuilder AddTransitionHandler(Func<SlaTransition, IServiceProvider, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Services.AddScoped<ISlaTransitionHandler>(sp => new DelegateHandler(handler, sp));
        return this;
    }

    /// <summary>Feeds item histories from the webhook inbox (adding it, as <c>AddWebhooks()</c> does, when it is not
    /// there): inbound messages start and resume response clocks on their conversation, contact events create, change
    /// and close contacts, configured email events touch leads, and delivered and bounced emails feed bounce-rate SLAs.</summary>
    /// <returns>This builder.</returns>
    public SlasBuilder TrackWebhookEvents()
    {
        if (!Services.Any(d => d.ServiceType == typeof(IMartechEventHandler<MartechEvent>) && d.ImplementationType == typeof(SlaEventHandler)))
        {
            Martech.AddWebhooks().AddHandler<MartechEvent, SlaEventHandler>();
        }

        return this;
    }

    private sealed class DelegateHandler(Func<SlaTransition, IServiceProvider, CancellationToken, Task> handler, IServiceProvider services) : ISlaTransitionHandler
    {
        public Task HandleAsync(SlaTransition transition, CancellationToken cancellationToken = default) => handler(transition, services, cancellationToken);
    }
}
