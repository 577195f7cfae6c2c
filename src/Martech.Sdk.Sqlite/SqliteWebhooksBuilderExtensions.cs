using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts the webhook inbox on SQLite.</summary>
public static class SqliteWebhooksBuilderExtensions
{
    /// <summary>
    /// Uses the durable <see cref="SqliteWebhookEventStore"/> for the webhook inbox: events are committed before the
    /// vendor gets its 2xx and handled from the database, so a killed process loses nothing it acknowledged. Settings
    /// bind from <c>Martech:Webhooks:Sqlite</c> (<see cref="SqliteWebhookEventStoreOptions"/>), then
    /// <paramref name="configure"/>, and are validated at start-up; the dedupe window is
    /// <c>Martech:Webhooks:DedupeWindow</c>.
    /// </summary>
    /// <param name="builder">The webhooks builder.</param>
    /// <param name="configure">Code configuration, such as <c>o =&gt; o.ConnectionString = "Data Source=webhooks.db"</c>.</param>
    /// <returns>The builder.</returns>
    public static MartechWebhooksBuilder UseSqliteStore(this MartechWebhooksBuilder builder, Action<SqliteWebhookEventStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        string path = builder.Martech.Configuration is IConfigurationSection section ? $"{section.Path}:Webhooks:Sqlite" : "Martech:Webhooks:Sqlite";
        OptionsBuilder<SqliteWebhookEventStoreOptions> options = services.AddOptions<SqliteWebhookEventStoreOptions>();
        if (builder.Martech.Configuration is { } configuration)
        {
            options.Configure(o => configuration.GetSection("Webhooks:Sqlite").Bind(o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<SqliteWebhookEventStoreOptions>>(new Validator(path));
        options.ValidateOnStart();
        return builder.UseStore(sp => new SqliteWebhookEventStore(
            sp.GetRequiredService<IOptions<SqliteWebhookEventStoreOptions>>().Value,
            sp.GetRequiredService<IOptions<MartechWebhooksOptions>>().Value.DedupeWindow,
            sp.GetService<TimeProvider>()));
    }

    private sealed class Validator(string path) : IValidateOptions<SqliteWebhookEventStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, SqliteWebhookEventStoreOptions options)
        {
            var problems = options.Validate(path).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
