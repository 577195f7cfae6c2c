using Martech.Sdk;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds SMART campaign goals.</summary>
public static class CampaignGoalsMartechBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="CampaignGoals"/>, which evaluates the goals configured in <c>Martech:Campaigns:Goals:&lt;name&gt;</c>
    /// and those added in code on the returned builder. Goals and the provider instances they read are checked when the
    /// host starts (with <c>Martech:Defaults</c>, or through <c>IStartupValidator.Validate()</c> without a host), each
    /// problem named by its configuration path. Calling it again returns a builder for the same goals.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <returns>The goals builder.</returns>
    public static CampaignGoalsBuilder AddCampaignGoals(this MartechBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        if (services.FirstOrDefault(d => d.ServiceType == typeof(CampaignGoalDefinitions))?.ImplementationInstance is not CampaignGoalDefinitions definitions)
        {
            string path = builder.ConfigurationPathOf("Campaigns") + ":Goals";
            definitions = new CampaignGoalDefinitions(builder.Configuration?.GetSection("Campaigns:Goals"), path);
            services.AddSingleton(definitions);
            MartechRegistry registry = builder.Registry;
            registry.AddStartupCheck(() => CampaignGoals.Problems(definitions, registry));
            services.AddSingleton(sp => new CampaignGoals(definitions, sp, registry, sp.GetService<TimeProvider>()));
        }

        return new CampaignGoalsBuilder(builder, definitions);
    }
}
