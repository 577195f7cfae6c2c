using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds in-memory provider instances, the embedded default every sample runs on.</summary>
public static class InMemoryMartechBuilderExtensions
{
    /// <summary>
    /// Adds an in-memory provider instance that supplies contacts, leads, campaigns, email, messaging, suppressions and
    /// webhooks (Standard Webhooks, with callbacks for what it sends: <see cref="InMemoryWebhookOptions"/>) from one
    /// <see cref="InMemoryMartechStore"/>. Its options bind from <c>Martech:&lt;name&gt;</c> and are validated at
    /// start-up; its store is a keyed singleton under <paramref name="name"/>, so tests and samples can inspect and
    /// seed it (<c>[FromKeyedServices("InMemory")] InMemoryMartechStore</c>). The store uses the
    /// <see cref="TimeProvider"/> in the container, or the system clock.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name; several instances are independent stores.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, to add middleware such as <c>UseLogging()</c>.</returns>
    /// <example>
    /// <code>
    /// services.AddMartech(configuration.GetSection("Martech"))
    ///     .AddInMemory(configure: o =&gt; o.MaxBatchSize = 50)
    ///     .UseLogging();
    /// </code>
    /// </example>
    public static MartechProviderBuilder AddInMemory(this MartechBuilder builder, string name = "InMemory", Action<InMemoryProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "InMemory");
        provider.ConfigureOptions<InMemoryProviderOptions>((section, options) => section.Bind(options), configure);
        builder.Services.AddKeyedSingleton(name, static (sp, _) => new InMemoryMartechStore(sp.GetService<TimeProvider>()));

        InMemoryMartechStore Store(IServiceProvider sp) => sp.GetRequiredKeyedService<InMemoryMartechStore>(name);
        InMemoryProviderOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<InMemoryProviderOptions>>().Get(name);
        builder.Services.AddKeyedSingleton(name, (sp, _) => new InMemoryWebhookCallbacks(provider.Metadata, Options(sp).Webhooks, sp.GetService<TimeProvider>()));
        InMemoryWebhookCallbacks Callbacks(IServiceProvider sp) => sp.GetRequiredKeyedService<InMemoryWebhookCallbacks>(name);

        return provider
            .AddCapability<IContactClient>(sp => new InMemoryContactClient(provider.Metadata, Store(sp), Options(sp)))
            .AddCapability<ILeadClient>(sp => new InMemoryLeadClient(provider.Metadata, Store(sp), Options(sp)))
            .AddCapability<ICampaignClient>(sp => new InMemoryCampaignClient(provider.Metadata, Store(sp), Options(sp)))
            .AddCapability<IEmailSender>(sp => new InMemoryEmailSender(provider.Metadata, Store(sp), Options(sp), Callbacks(sp)))
            .AddCapability<IMessageSender>(sp => new InMemoryMessageSender(provider.Metadata, Store(sp), Options(sp), Callbacks(sp)))
            .AddCapability<IEmailSuppressionList>(sp => new InMemoryEmailSuppressionList(provider.Metadata, Store(sp), Options(sp)))
            .AddCapability<IWebhookReceiver>(sp => new InMemoryWebhookReceiver(provider.Metadata, Options(sp).Webhooks, provider.ConfigurationPath, sp.GetService<TimeProvider>()));
    }
}
