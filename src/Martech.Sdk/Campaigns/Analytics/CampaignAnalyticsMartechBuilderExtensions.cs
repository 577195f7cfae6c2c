using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds campaign analytics counted from events, and the middleware that records the sends.</summary>
public static class CampaignAnalyticsMartechBuilderExtensions
{
    /// <summary>The provider type of campaign analytics instances (<see cref="MartechProviderBuilder.ProviderType"/>).</summary>
    public const string ProviderType = "CampaignAnalytics";

    /// <summary>
    /// Adds a campaign analytics instance: a <see cref="CampaignAnalytics"/> engine (a keyed singleton under
    /// <paramref name="name"/>) served as the instance's <see cref="ICampaignStatsClient"/>, fed by the webhook inbox's
    /// email and SMS status events (when <c>AddWebhooks()</c> is used) and by <c>UseCampaignAnalytics()</c> on email
    /// providers. Settings bind from <c>Martech:Campaigns:&lt;name&gt;</c> (<c>Martech:Campaigns:Analytics</c> by
    /// default) and are validated when the host starts.
    /// </summary>
    /// <param name="builder">The Martech builder.</param>
    /// <param name="name">The instance name: its keyed services, <c>Martech:Defaults:CampaignStats</c>, and its
    /// configuration section under <c>Martech:Campaigns</c>.</param>
    /// <param name="configure">Code configuration, applied after binding.</param>
    /// <returns>The instance's builder, to add middleware such as <c>UseLogging()</c>.</returns>
    /// <example>
    /// <code>
    /// services.AddMartech(configuration.GetSection("Martech"))
    ///     .AddCampaignAnalytics();
    /// // later: sp.GetRequiredKeyedService&lt;ICampaignStatsClient&gt;("Analytics").GetStatsAsync("spring-launch")
    /// </code>
    /// </example>
    public static MartechProviderBuilder AddCampaignAnalytics(this MartechBuilder builder, string name = "Analytics", Action<CampaignAnalyticsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        MartechProviderBuilder provider = builder.AddProvider(name, ProviderType);
        IServiceCollection services = builder.Services;
        string path = $"{builder.ConfigurationPathOf("Campaigns")}:{name}";
        OptionsBuilder<CampaignAnalyticsOptions> options = services.AddOptions<CampaignAnalyticsOptions>(name);
        if (builder.Configuration?.GetSection($"Campaigns:{name}") is { } section)
        {
            options.Configure(o => section.Bind(o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<CampaignAnalyticsOptions>>(new OptionsValidator(name, path, builder));
        options.ValidateOnStart();

        CampaignAnalyticsOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptionsMonitor<CampaignAnalyticsOptions>>().Get(name);
        services.AddKeyedSingleton(name, (sp, _) => new CampaignAnalytics(Options(sp), sp.GetService<TimeProvider>()));
        CampaignAnalytics Engine(IServiceProvider sp) => sp.GetRequiredKeyedService<CampaignAnalytics>(name);
        services.AddScoped<IMartechEventHandler<MartechEvent>>(sp => new CampaignAnalyticsEventHandler(Engine(sp), Options(sp)));
        return provider.AddCapability<ICampaignStatsClient>(sp => new CampaignAnalyticsStatsClient(provider.Metadata, Engine(sp)));
    }

    /// <summary>
    /// Records this instance's accepted email sends that carry a <see cref="EmailMessage.CampaignId"/> in a campaign
    /// analytics instance, one send per accepted recipient, so its stats have <see cref="CampaignStats.Sent"/> and
    /// recipients without waiting for the vendor's processed events (the processed event of a recorded send then counts
    /// nothing again). Checked when the host starts: <paramref name="analytics"/> must be a campaign analytics instance.
    /// </summary>
    /// <param name="builder">The email provider instance.</param>
    /// <param name="analytics">The campaign analytics instance's name.</param>
    /// <returns>The builder.</returns>
    public static MartechProviderBuilder UseCampaignAnalytics(this MartechProviderBuilder builder, string analytics = "Analytics")
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(analytics);
        MartechBuilder martech = builder.Martech;
        builder.AddStartupCheck(() => StartupProblems(builder, analytics));
        string Registered() => martech.Registry.TryGet(analytics, out MartechProviderBuilder? found) ? found!.Name : analytics;
        return builder.Use<IEmailSender>((inner, sp) => new CampaignAnalyticsEmailSender(
            inner,
            sp.GetRequiredKeyedService<CampaignAnalytics>(Registered()),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
    }

    private static IEnumerable<string> StartupProblems(MartechProviderBuilder builder, string analytics)
    {
        if (!builder.Capabilities.Contains(typeof(IEmailSender)))
        {
            yield break;
        }

        MartechBuilder martech = builder.Martech;
        if (!martech.Registry.TryGet(analytics, out MartechProviderBuilder? found) || found!.ProviderType != ProviderType)
        {
            IEnumerable<string> instances = martech.Registry.Providers.Where(p => p.ProviderType == ProviderType).Select(p => p.Name);
            yield return $"UseCampaignAnalytics() on '{builder.Name}' records sends in '{analytics}', which is not a campaign analytics instance: add AddCampaignAnalytics(\"{analytics}\") or name one that is ({Names(instances)}).";
        }
    }

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";

    private sealed class OptionsValidator(string name, string path, MartechBuilder martech) : IValidateOptions<CampaignAnalyticsOptions>
    {
        public ValidateOptionsResult Validate(string? optionsName, CampaignAnalyticsOptions options)
        {
            if (!string.Equals(optionsName, name, StringComparison.Ordinal))
            {
                return ValidateOptionsResult.Skip;
            }

            List<string> problems = [.. options.Validate(path)];
            IReadOnlyList<string> receivers = martech.Registry.ProvidersOf(typeof(IWebhookReceiver));
            foreach (string provider in options.Providers ?? [])
            {
                if (!string.IsNullOrWhiteSpace(provider) && !receivers.Contains(provider, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add($"{path}:{nameof(CampaignAnalyticsOptions.Providers)} names '{provider}', which is not a provider instance that receives webhooks: add it (such as AddSendGrid(\"{provider}\")) or name one that does ({Names(receivers)}).");
                }
            }

            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
