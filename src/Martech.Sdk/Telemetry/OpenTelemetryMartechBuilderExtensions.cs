using Martech.Sdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds OpenTelemetry middleware to a provider instance.</summary>
public static class OpenTelemetryMartechBuilderExtensions
{
    /// <summary>
    /// Traces and times every capability call of this instance: an activity per call on the <c>"Martech.Sdk"</c>
    /// activity source (parent of the transport's HTTP activities) and the <c>martech.operation.duration</c> histogram
    /// on the <c>"Martech.Sdk"</c> meter, tagged with provider, operation and outcome. Subscribe with
    /// <c>AddSource("Martech.Sdk")</c> and <c>AddMeter("Martech.Sdk")</c>. No work is done while nothing listens.
    /// </summary>
    /// <param name="builder">The provider instance.</param>
    /// <returns>The builder.</returns>
    public static MartechProviderBuilder UseOpenTelemetry(this MartechProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string name = builder.Name;
        return builder
            .Use<IContactClient>((inner, _) => new OpenTelemetryContactClient(inner, name))
            .Use<ILeadClient>((inner, _) => new OpenTelemetryLeadClient(inner, name))
            .Use<ICampaignClient>((inner, _) => new OpenTelemetryCampaignClient(inner, name))
            .Use<ICampaignStatsClient>((inner, _) => new OpenTelemetryCampaignStatsClient(inner, name))
            .Use<IEmailSender>((inner, _) => new OpenTelemetryEmailSender(inner, name))
            .Use<IMessageSender>((inner, _) => new OpenTelemetryMessageSender(inner, name))
            .Use<IEmailSuppressionList>((inner, _) => new OpenTelemetryEmailSuppressionList(inner, name));
    }
}
