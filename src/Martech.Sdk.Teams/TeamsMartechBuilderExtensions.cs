using Martech.Sdk;
using Martech.Sdk.Teams;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a Microsoft Teams provider instance.</summary>
public static class TeamsMartechBuilderExtensions
{
    /// <summary>The base address given to the transport; every request uses a channel's absolute webhook URL.</summary>
    private static readonly Uri TransportBaseAddress = new("https://api.powerplatform.com/");

    /// <summary>Adds a Teams provider instance that sends <see cref="IMessageSender"/> messages to channels through
    /// Power Automate Workflows webhooks, and receives a team's outgoing webhook (HMAC-signed @mentions) as its
    /// <see cref="IWebhookReceiver"/> once <c>Webhooks:SecurityToken</c> is set, configured from
    /// <c>Martech:&lt;name&gt;</c>.</summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name; the default value is <c>Teams</c>.</param>
    /// <param name="configure">Configures the options after configuration binding; optional.</param>
    /// <returns>The provider builder, to add middleware.</returns>
    public static MartechProviderBuilder AddTeams(this MartechBuilder builder, string name = "Teams", Action<TeamsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        MartechProviderBuilder provider = builder.AddProvider(name, "Teams");
        provider.ConfigureOptions<TeamsOptions>((section, options) => section.Bind(options), configure);
        provider.AddHttpTransport(sp =>
        {
            TeamsOptions options = Options(sp, name);
            var http = new MartechHttpOptions
            {
                BaseAddress = TransportBaseAddress,

                // No authentication header: the sig query parameter of each webhook URL is the credential.
                Authentication = null,
                RateLimit = { PermitLimit = options.RateLimitPermits, Window = options.RateLimitWindow },
                RateLimitHeaders = null,
                Resilience = options.Resilience,
                ErrorMapper = TeamsErrorMapper.Instance,
            };
            // A webhook URL is a credential: Workflows URLs carry it in the sig query parameter, legacy Office 365
            // connector URLs (*.webhook.office.com/webhookb2/…/IncomingWebhook/<secret>/…) in the path. URLs are
            // shown as scheme and host only, and every id, key and signature of a configured URL is masked in text.
            http.UrlPathsAreSecret = true;
            http.SensitiveQueryParameters.Add("sig");
            foreach (Uri url in options.Channels?.Values ?? [])
            {
                if (url is null)
                {
                    continue;
                }

                http.SecretUrls.Add(url);
                foreach (string parameter in QueryNames(url))
                {
                    http.SensitiveQueryParameters.Add(parameter);
                }
            }

            return http;
        });

        MartechProviderMetadata metadata = provider.Metadata;
        provider.AddCapability<IMessageSender>(sp => new TeamsMessageSender(metadata, Options(sp, name), sp.GetRequiredKeyedService<MartechHttpTransport>(name)));
        provider.AddCapability<IWebhookReceiver>(sp => new TeamsWebhookReceiver(metadata, Options(sp, name), provider.ConfigurationPath, sp.GetService<TimeProvider>()));
        return provider;
    }

    private static IEnumerable<string> QueryNames(Uri? url)
    {
        if (url is null || !url.IsAbsoluteUri || url.Query.Length <= 1)
        {
            yield break;
        }

        foreach (string pair in url.Query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            if (key.Length > 0)
            {
                yield return key;
            }
        }
    }

    private static TeamsOptions Options(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<TeamsOptions>>().Get(name);
}
