using Martech.Sdk;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a local copy of an instance's suppression list.</summary>
public static class SuppressionCacheMartechBuilderExtensions
{
    /// <summary>
    /// Answers the instance's suppression look-ups from a local copy of its whole list (<see cref="CachingEmailSuppressionList"/>),
    /// read page by page on first use and again every <see cref="SuppressionCacheOptions.RefreshInterval"/>, updated at
    /// once by changes made through the instance and, with <c>AddWebhooks()</c>, by bounce, spam-report and unsubscribe
    /// events the instance receives. With <c>UseConsent()</c>, a marketing send then costs no suppression request.
    /// </summary>
    /// <param name="builder">The provider instance.</param>
    /// <param name="configure">Sets the refresh interval.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The refresh interval is outside 10 seconds to 7 days.</exception>
    /// <remarks>The host does not start when the instance supplies no <see cref="IEmailSuppressionList"/>.</remarks>
    public static MartechProviderBuilder UseSuppressionCache(this MartechProviderBuilder builder, Action<SuppressionCacheOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SuppressionCacheOptions();
        configure?.Invoke(options);
        options.Validate();
        string name = builder.Name;
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<IMartechEventHandler<EmailEvent>, SuppressionCacheEventHandler>());
        // Unlike UseConsent, which applies to whichever senders an instance has, the cache is only ever asked for on a
        // suppression list: on an instance without one it would silently do nothing, so the host refuses to start.
        builder.AddStartupCheck(() => builder.Capabilities.Contains(typeof(IEmailSuppressionList))
            ? []
            : [$"UseSuppressionCache() on '{name}': the instance has no suppression list to cache. Call it on an email instance that has one (AddSendGrid(), AddMailgun(), AddPostmark(), AddInMemory()), or remove it."]);
        return builder.Use<IEmailSuppressionList>((inner, sp) => new CachingEmailSuppressionList(
            inner,
            options,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<CachingEmailSuppressionList>(),
            name));
    }
}
