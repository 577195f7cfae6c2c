using Martech.Sdk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds resumable bulk jobs: contact and lead upserts, suppression syncs and exports that any job engine can
/// run, shard and restart through <see cref="IMartechJobRunner"/>.</summary>
public static class MartechJobsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IMartechJobRunner"/> and returns a builder to add jobs with. Checkpoints go to the
    /// <see cref="ICheckpointStore"/> in the container; an <see cref="InMemoryCheckpointStore"/> (resumable within this
    /// process only) is added when none is registered: register a <see cref="FileCheckpointStore"/> or a durable shared
    /// store (PostgreSQL, Redis) to resume after a restart or on another machine. The options and the jobs (their names
    /// and the provider instances they name) are checked when the host starts. Calling it again adds to the same jobs.
    /// </summary>
    /// <param name="services">The service collection, where <c>AddMartech()</c> registers the provider instances.</param>
    /// <param name="configure">Sets the options, such as <see cref="MartechJobsOptions.ChunkSize"/>.</param>
    /// <returns>The jobs builder.</returns>
    public static MartechJobsBuilder AddMartechJobs(this IServiceCollection services, Action<MartechJobsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.FirstOrDefault(d => d.ServiceType == typeof(MartechJobDefinitions))?.ImplementationInstance is not MartechJobDefinitions definitions)
        {
            definitions = new MartechJobDefinitions();
            services.AddSingleton(definitions);
            services.TryAddSingleton<ICheckpointStore>(_ => new InMemoryCheckpointStore());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MartechJobsOptions>, MartechJobsValidator>());
            services.AddOptions<MartechJobsOptions>().ValidateOnStart();
            services.TryAddSingleton<IMartechJobRunner>(sp => new MartechJobRunner(
                definitions, sp, sp.GetRequiredService<ICheckpointStore>(), sp.GetRequiredService<IOptions<MartechJobsOptions>>()));
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        return new MartechJobsBuilder(services, definitions);
    }
}
