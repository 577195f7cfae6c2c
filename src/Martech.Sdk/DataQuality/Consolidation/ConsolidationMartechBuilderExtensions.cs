using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds consolidation: copying and moving contacts and leads between provider instances.</summary>
public static class ConsolidationMartechBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="Consolidation"/> (the engine) and <see cref="ConsolidationJobs"/>, which runs the jobs configured
    /// in <c>Martech:DataQuality:Consolidation:Jobs:&lt;name&gt;</c> and those added in code on the returned builder.
    /// Checkpoints go to the <see cref="ICheckpointStore"/> in the container: a <see cref="FileCheckpointStore"/> over
    /// <c>Martech:DataQuality:Consolidation:CheckpointDirectory</c> when that is set, otherwise an
    /// <see cref="InMemoryCheckpointStore"/>, unless one is registered already. The jobs and the instances they name are
    /// checked when the host starts (with <c>Martech:Defaults</c>, or through <c>IStartupValidator.Validate()</c>
    /// without a host), each problem named by its configuration path. Calling it again returns a builder for the same
    /// jobs.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <returns>The consolidation builder.</returns>
    public static ConsolidationBuilder AddConsolidation(this MartechBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        if (services.FirstOrDefault(d => d.ServiceType == typeof(ConsolidationDefinitions))?.ImplementationInstance is not ConsolidationDefinitions definitions)
        {
            IConfigurationSection? section = builder.Configuration?.GetSection("DataQuality:Consolidation");
            string path = builder.ConfigurationPathOf("DataQuality") + ":Consolidation";
            definitions = new ConsolidationDefinitions(section?.GetSection("Jobs"), path + ":Jobs");
            services.AddSingleton(definitions);
            string? directory = section?["CheckpointDirectory"];
            services.TryAddSingleton<ICheckpointStore>(_ => string.IsNullOrWhiteSpace(directory)
                ? new InMemoryCheckpointStore()
                : new FileCheckpointStore(directory));
            MartechRegistry registry = builder.Registry;
            registry.AddStartupCheck(() => ConsolidationJobs.Problems(definitions, registry));
            services.AddSingleton(sp => new Consolidation(sp.GetRequiredService<ICheckpointStore>(), sp.GetService<TimeProvider>()));
            services.AddSingleton(sp => new ConsolidationJobs(definitions, sp, registry, sp.GetRequiredService<Consolidation>()));
        }

        return new ConsolidationBuilder(builder, definitions);
    }
}
