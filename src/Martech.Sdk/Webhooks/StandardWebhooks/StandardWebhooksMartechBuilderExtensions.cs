using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds receivers for any tool that signs its webhooks the Standard Webhooks way.</summary>
public static class StandardWebhooksMartechBuilderExtensions
{
    /// <summary>
    /// Adds an instance that supplies only <see cref="IWebhookReceiver"/>: it verifies <c>webhook-id</c>,
    /// <c>webhook-timestamp</c> and <c>webhook-signature</c> (several signatures and secrets for key rotation) and
    /// delivers each payload as a <see cref="RawEvent"/>. Its <see cref="StandardWebhooksProviderOptions"/> bind from
    /// <c>Martech:&lt;name&gt;</c> (the secret from <c>Martech:&lt;name&gt;:Webhooks:Secret</c>) and are validated at
    /// start-up.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name, also the endpoint path by default (<c>/webhooks/&lt;name&gt;</c>).</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder.</returns>
    public static MartechProviderBuilder AddStandardWebhooks(this MartechBuilder builder, string name = "StandardWebhooks", Action<StandardWebhooksProviderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "StandardWebhooks");
        provider.ConfigureOptions<StandardWebhooksProviderOptions>((section, options) => section.Bind(options), configure);
        return provider.AddCapability<IWebhookReceiver>(sp => new StandardWebhooksEventReceiver(
            provider.Metadata,
            sp.GetRequiredService<IOptionsMonitor<StandardWebhooksProviderOptions>>().Get(name).Webhooks,
            provider.ConfigurationPath,
            sp.GetService<TimeProvider>()));
    }
}
