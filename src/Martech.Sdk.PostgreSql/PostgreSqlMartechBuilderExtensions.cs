using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Martech.Sdk's PostgreSQL stores.</summary>
public static class PostgreSqlMartechBuilderExtensions
{
    /// <summary>
    /// Adds the PostgreSQL connection Martech.Sdk's stores use; choose the stores on the returned builder (such as
    /// <see cref="MartechPostgreSqlBuilder.UseCheckpointStore"/>). Settings bind from <c>Martech:PostgreSql</c>
    /// (<see cref="PostgreSqlOptions"/>), then <paramref name="configure"/>, and are validated when the host starts,
    /// each problem named by its configuration path. The connection has its own Npgsql data source (a pool), apart
    /// from any the application registers, disposed with the container.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, such as <c>o =&gt; o.ConnectionString = "Host=…"</c>.</param>
    /// <returns>The PostgreSQL builder.</returns>
    public static MartechPostgreSqlBuilder AddPostgreSql(this MartechBuilder builder, Action<PostgreSqlOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        string path = builder.Configuration is IConfigurationSection section ? $"{section.Path}:PostgreSql" : "Martech:PostgreSql";
        OptionsBuilder<PostgreSqlOptions> options = services.AddOptions<PostgreSqlOptions>();
        if (!services.Any(d => d.ServiceType == typeof(MartechPostgreSqlDataSource)))
        {
            if (builder.Configuration is { } configuration)
            {
                options.Configure(o => configuration.GetSection("PostgreSql").Bind(o));
            }

            services.AddSingleton<IValidateOptions<PostgreSqlOptions>>(new Validator(path));
            options.ValidateOnStart();
            services.AddSingleton(sp => new MartechPostgreSqlDataSource(sp.GetRequiredService<IOptions<PostgreSqlOptions>>().Value));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return new MartechPostgreSqlBuilder(builder);
    }

    private sealed class Validator(string path) : IValidateOptions<PostgreSqlOptions>
    {
        public ValidateOptionsResult Validate(string? name, PostgreSqlOptions options)
        {
            var problems = options.Validate(path).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}

/// <summary>Chooses which Martech.Sdk stores live in PostgreSQL; returned by <c>AddPostgreSql()</c>.</summary>
public sealed class MartechPostgreSqlBuilder
{
    internal MartechPostgreSqlBuilder(MartechBuilder martech) => Martech = martech;

    /// <summary>The Martech builder.</summary>
    public MartechBuilder Martech { get; }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services => Martech.Services;

    /// <summary>
    /// Makes <see cref="PostgreSqlCheckpointStore"/> the <see cref="ICheckpointStore"/>, replacing any registered
    /// before or after (the in-memory and file defaults), so resumable jobs and consolidations checkpoint to the
    /// database in <see cref="PostgreSqlOptions.Schema"/>.<see cref="PostgreSqlOptions.CheckpointTable"/>.
    /// </summary>
    /// <returns>This builder.</returns>
    public MartechPostgreSqlBuilder UseCheckpointStore()
    {
        // Replace now, and again when the container is built (a default added later with TryAdd then finds ours).
        Services.Replace(ServiceDescriptor.Singleton<ICheckpointStore>(sp =>
        {
            PostgreSqlOptions options = sp.GetRequiredService<IOptions<PostgreSqlOptions>>().Value;
            return new PostgreSqlCheckpointStore(sp.GetRequiredService<MartechPostgreSqlDataSource>().DataSource, options.Schema, options.CheckpointTable);
        }));
        return this;
    }
}

/// <summary>The Npgsql data source of Martech.Sdk's stores, apart from the application's own.</summary>
internal sealed class MartechPostgreSqlDataSource(PostgreSqlOptions options) : IAsyncDisposable, IDisposable
{
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(options.ConnectionString!);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();

    public void Dispose() => DataSource.Dispose();
}
