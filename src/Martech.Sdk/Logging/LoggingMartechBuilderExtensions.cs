using Martech.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds logging middleware to a provider instance.</summary>
public static class LoggingMartechBuilderExtensions
{
    /// <summary>
    /// Logs every call of every capability of this provider instance: invocation and completion at Debug with
    /// timing, failures at Error, cancellation at Debug, and payloads (personal data such as addresses) only at
    /// Trace. Credentials never reach the logging middleware. Categories are the middleware type names, such as
    /// <c>Martech.Sdk.LoggingEmailSender</c>.
    /// </summary>
    /// <param name="builder">The provider instance.</param>
    /// <param name="loggerFactory">The logger factory; the one in the container (or none) when <see langword="null"/>.</param>
    /// <returns>The builder.</returns>
    public static MartechProviderBuilder UseLogging(this MartechProviderBuilder builder, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string name = builder.Name;
        ILoggerFactory Factory(IServiceProvider sp) => loggerFactory ?? sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        return builder
            .Use<IContactClient>((inner, sp) => new LoggingContactClient(inner, Factory(sp).CreateLogger<LoggingContactClient>(), name))
            .Use<ILeadClient>((inner, sp) => new LoggingLeadClient(inner, Factory(sp).CreateLogger<LoggingLeadClient>(), name))
            .Use<ICampaignClient>((inner, sp) => new LoggingCampaignClient(inner, Factory(sp).CreateLogger<LoggingCampaignClient>(), name))
            .Use<ICampaignStatsClient>((inner, sp) => new LoggingCampaignStatsClient(inner, Factory(sp).CreateLogger<LoggingCampaignStatsClient>(), name))
            .Use<IEmailSender>((inner, sp) => new LoggingEmailSender(inner, Factory(sp).CreateLogger<LoggingEmailSender>(), name))
            .Use<IMessageSender>((inner, sp) => new LoggingMessageSender(inner, Factory(sp).CreateLogger<LoggingMessageSender>(), name))
            .Use<IEmailSuppressionList>((inner, sp) => new LoggingEmailSuppressionList(inner, Factory(sp).CreateLogger<LoggingEmailSuppressionList>(), name));
    }
}
