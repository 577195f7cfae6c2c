using Martech.Sdk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Hangfire adapter of Martech jobs.</summary>
public static class MartechHangfireServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="MartechHangfireJob"/> so Hangfire's job activator (the container's, with
    /// <c>services.AddHangfire(…)</c> from Hangfire.NetCore or Hangfire.AspNetCore) can create it. Register the jobs
    /// with <c>services.AddMartechJobs()</c> and a durable <see cref="ICheckpointStore"/> shared by every worker (such
    /// as the PostgreSQL one), then enqueue runs with <see cref="MartechHangfireJobs.Enqueue"/>. The settings are
    /// validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Code configuration of <see cref="MartechHangfireOptions"/>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddMartechHangfire(this IServiceCollection services, Action<MartechHangfireOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<MartechHangfireOptions> options = services.AddOptions<MartechHangfireOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MartechHangfireOptions>, Validator>(sp => new Validator(sp)));
        options.ValidateOnStart();
        services.TryAddTransient<MartechHangfireJob>();
        return services;
    }

    private sealed class Validator(IServiceProvider services) : IValidateOptions<MartechHangfireOptions>
    {
        public ValidateOptionsResult Validate(string? name, MartechHangfireOptions options)
        {
            var problems = options.Validate().ToList();
            if (!options.AllowInMemoryCheckpoints && services.GetService<ICheckpointStore>() is InMemoryCheckpointStore)
            {
                problems.Add(
                    "Martech jobs on Hangfire keep their checkpoints in process memory (InMemoryCheckpointStore, the default of AddMartechJobs()): "
                    + "a shard retried on another worker or after a restart would start again from the beginning. Register a store every worker "
                    + "shares (martech.AddPostgreSql().UseCheckpointStore(), AddMartechRedis().UseCheckpointStore()), or set "
                    + "MartechHangfireOptions.AllowInMemoryCheckpoints for a single in-process server.");
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
