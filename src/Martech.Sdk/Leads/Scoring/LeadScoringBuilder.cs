using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Martech.Sdk;

/// <summary>Configures lead scoring: transition handlers and the store. Returned by <c>AddLeadScoring()</c>.</summary>
public sealed class LeadScoringBuilder
{
    internal LeadScoringBuilder(MartechBuilder martech) => Martech = martech;

    /// <summary>The Martech builder.</summary>
    public MartechBuilder Martech { get; }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => Martech.Services;

    /// <summary>Adds a transition handler, a singleton resolved from the container (so it can take services such as an
    /// <see cref="ILeadClient"/>). Adding the same type twice adds it once.</summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <returns>This builder.</returns>
    public LeadScoringBuilder AddHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, ILeadScoreHandler
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<ILeadScoreHandler, THandler>());
        return this;
    }

    /// <summary>Adds a transition handler instance.</summary>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    public LeadScoringBuilder AddHandler(ILeadScoreHandler handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Services.AddSingleton(handler);
        return this;
    }

    /// <summary>Replaces the store (in memory by default) with one resolved from the container.</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <returns>This builder.</returns>
    public LeadScoringBuilder UseStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, ILeadScoreStore
    {
        Services.RemoveAll<ILeadScoreStore>();
        Services.AddSingleton<ILeadScoreStore, TStore>();
        return this;
    }

    /// <summary>Uses a store instance, such as one <see cref="InMemoryLeadScoreStore"/> shared by two hosts.</summary>
    /// <param name="store">The store.</param>
    /// <returns>This builder.</returns>
    public LeadScoringBuilder UseStore(ILeadScoreStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Services.RemoveAll<ILeadScoreStore>();
        Services.AddSingleton(store);
        return this;
    }
}
