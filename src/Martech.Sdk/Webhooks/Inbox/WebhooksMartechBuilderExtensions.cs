using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the webhook inbox: verification, dedupe, a store and a dispatcher to handlers.</summary>
public static class WebhooksMartechBuilderExtensions
{
    /// <summary>
    /// Adds the webhook inbox: <see cref="MartechWebhookInbox"/> (verify, record, dedupe), the in-memory
    /// <see cref="IWebhookEventStore"/> unless another is given, and a hosted dispatcher that hands events to the
    /// <see cref="IMartechEventHandler{TEvent}"/>s added on the returned builder. Settings bind from
    /// <c>Martech:Webhooks</c> (<see cref="MartechWebhooksOptions"/>) and are validated at start-up. Calling it again
    /// returns a builder for the same inbox. Map the HTTP endpoints with <c>app.MapMartechWebhooks()</c>
    /// (<c>Martech.Sdk.AspNetCore</c>).
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The webhooks builder.</returns>
    public static MartechWebhooksBuilder AddWebhooks(this MartechBuilder builder, Action<MartechWebhooksOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IServiceCollection services = builder.Services;
        string path = builder.ConfigurationPathOf("Webhooks");
        OptionsBuilder<MartechWebhooksOptions> options = services.AddOptions<MartechWebhooksOptions>();
        if (!services.Any(d => d.ServiceType == typeof(MartechWebhookInbox)))
        {
            if (builder.Configuration is { } configuration)
            {
                options.Configure(o => configuration.GetSection("Webhooks").Bind(o));
            }

            services.AddSingleton<IValidateOptions<MartechWebhooksOptions>>(new WebhooksOptionsValidator(path));
            options.ValidateOnStart();
            services.TryAddSingleton<WebhookDispatchSignal>();
            services.TryAddSingleton<IWebhookEventStore>(sp =>
            {
                MartechWebhooksOptions o = sp.GetRequiredService<IOptions<MartechWebhooksOptions>>().Value;
                return new InMemoryWebhookEventStore(o.InMemoryCapacity, o.DedupeWindow, sp.GetService<TimeProvider>());
            });
            services.AddSingleton(sp => new MartechWebhookInbox(
                sp,
                sp.GetRequiredService<IWebhookEventStore>(),
                sp.GetRequiredService<WebhookDispatchSignal>(),
                builder.Registry,
                sp.GetService<TimeProvider>(),
                sp.GetService<ILogger<MartechWebhookInbox>>()));
            services.AddSingleton<MartechEventDispatcher>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<MartechEventDispatcher>());
            services.AddSingleton<IHostedService>(sp => new WebhookStartupCheck(sp.GetRequiredService<MartechWebhookInbox>(), sp.GetRequiredService<IOptions<MartechWebhooksOptions>>().Value, path));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        return new MartechWebhooksBuilder(builder);
    }

    private sealed class WebhooksOptionsValidator(string path) : IValidateOptions<MartechWebhooksOptions>
    {
        public ValidateOptionsResult Validate(string? name, MartechWebhooksOptions options)
        {
            var problems = options.Validate(path).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
