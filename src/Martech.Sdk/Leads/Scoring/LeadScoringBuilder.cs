using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

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

    /// <summary>
    /// Hands leads to the <see cref="LeadRouter"/> (<c>AddLeadRouting()</c>) when their score makes them an MQL (or an
    /// SQL: <see cref="QualifiedLeadHandoffOptions.At"/>): registers a transition handler that calls
    /// <see cref="LeadRouter.HandOffAsync(Lead, CancellationToken)"/> once per crossing. The lead is the one scored
    /// (<see cref="LeadScoreTransition.Lead"/>); a transition from an event or a contact carries none, so the lead is
    /// looked up (<see cref="QualifiedLeadHandoffOptions.FindLead"/>, else the routing's leads provider read page by
    /// page); when none is found the transition is logged (event 903) and skipped. Every outcome is logged with the lead
    /// id (902 handed off, 904 no owner available, 905 the handoff failed, 906 the lookup failed, 907 the owner was not
    /// told); nothing is thrown back into scoring. Without <c>AddLeadRouting()</c>, or at SQL without an SQL threshold,
    /// the host fails to start with the fix.
    /// </summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public LeadScoringBuilder HandOffQualifiedLeads(Action<QualifiedLeadHandoffOptions>? configure = null)
    {
        OptionsBuilder<QualifiedLeadHandoffOptions> options = Services.AddOptions<QualifiedLeadHandoffOptions>();
        if (!Services.Any(d => d.ServiceType == typeof(IValidateOptions<QualifiedLeadHandoffOptions>)))
        {
            MartechBuilder martech = Martech;
            Services.AddSingleton<IValidateOptions<QualifiedLeadHandoffOptions>>(sp => new HandoffValidator(sp));
            options.ValidateOnStart();
            Services.AddSingleton<ILeadScoreHandler>(sp =>
            {
                LeadRouter router = sp.GetService<LeadRouter>() ?? throw new InvalidOperationException(HandoffValidator.NoRouter);
                string? leadsProvider = sp.GetRequiredService<IOptions<LeadRoutingOptions>>().Value.LeadsProvider;
                ILeadClient leads = leadsProvider is null
                    ? sp.GetRequiredService<ILeadClient>()
                    : sp.GetRequiredKeyedService<ILeadClient>(martech.Registry.TryGet(leadsProvider, out MartechProviderBuilder? found) ? found!.Name : leadsProvider);
                return new QualifiedLeadHandoff(
                    router,
                    leads,
                    sp.GetRequiredService<IOptions<QualifiedLeadHandoffOptions>>().Value,
                    (ILogger?)sp.GetService<ILogger<LeadScoring>>() ?? NullLogger.Instance);
            });
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return this;
    }

    private sealed class HandoffValidator(IServiceProvider services) : IValidateOptions<QualifiedLeadHandoffOptions>
    {
        public const string NoRouter = "HandOffQualifiedLeads() hands leads to the lead router, which is not added: call AddLeadRouting() on the same Martech builder (owners and pools in Martech:Leads:Routing), or remove HandOffQualifiedLeads().";

        public ValidateOptionsResult Validate(string? name, QualifiedLeadHandoffOptions options)
        {
            var problems = new List<string>();
            if (services.GetService<IServiceProviderIsService>() is { } registered && !registered.IsService(typeof(LeadRouter)))
            {
                problems.Add(NoRouter);
            }

            problems.AddRange(options.Validate(services.GetRequiredService<IOptions<LeadScoringOptions>>().Value));
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
