using Martech.Sdk;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds consent enforcement to a provider instance.</summary>
public static class ConsentMartechBuilderExtensions
{
    /// <summary>
    /// Withholds marketing sends to recipients without consent, and marketing email to suppressed addresses: emails
    /// (<see cref="ConsentEmailSender"/>, which checks the instance's own suppression list) and SMS
    /// to phone numbers (<see cref="ConsentMessageSender"/>). Transactional sends pass. Withheld recipients are
    /// reported in the result with a reason and a <see cref="ConsentCodes"/> code, never silently dropped.
    /// </summary>
    /// <param name="builder">The provider instance.</param>
    /// <param name="configure">Configures where consent is looked up.</param>
    /// <returns>The builder.</returns>
    public static MartechProviderBuilder UseConsent(this MartechProviderBuilder builder, Action<ConsentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ConsentOptions();
        configure?.Invoke(options);
        string name = builder.Name;
        // The system of record for consent is the application's contacts (Martech:Defaults:Contacts), which may be a
        // CRM while email goes through another provider.
        // Instance names compare ignoring case (as Martech:Defaults does); the keyed service is found by the name as
        // registered.
        string Registered(string source) => builder.Martech.Registry.TryGet(source, out MartechProviderBuilder? found) ? found!.Name : source;
        IContactClient Contacts(IServiceProvider sp) =>
            options.ContactsProvider is { } source ? sp.GetRequiredKeyedService<IContactClient>(Registered(source))
            : sp.GetRequiredService<IContactClient>();
        IEmailSuppressionList? Suppressions(IServiceProvider sp) =>
            options.SuppressionsProvider is { } source ? sp.GetRequiredKeyedService<IEmailSuppressionList>(Registered(source))
            : builder.Capabilities.Contains(typeof(IEmailSuppressionList)) ? sp.GetRequiredKeyedService<IEmailSuppressionList>(name)
            : null;
        ILogger Logger<T>(IServiceProvider sp) => (ILogger?)sp.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger.Instance;
        builder.AddStartupCheck(() => StartupProblems(builder, options));
        return builder
            .Use<IEmailSender>((inner, sp) => new ConsentEmailSender(inner, Contacts(sp), options, Logger<ConsentEmailSender>(sp), name, Suppressions(sp)))
            .Use<IMessageSender>((inner, sp) => new ConsentMessageSender(inner, Contacts(sp), Logger<ConsentMessageSender>(sp), name));
    }

    // What UseConsent needs, checked when the host starts: a contacts provider to read consent from, and the suppression
    // list it was told to use. Middleware for a capability the instance lacks does nothing and needs nothing.
    private static IEnumerable<string> StartupProblems(MartechProviderBuilder builder, ConsentOptions options)
    {
        if (!builder.Capabilities.Contains(typeof(IEmailSender)) && !builder.Capabilities.Contains(typeof(IMessageSender)))
        {
            yield break;
        }

        string who = $"UseConsent() on '{builder.Name}'";
        MartechBuilder martech = builder.Martech;
        if (options.ContactsProvider is { } contacts)
        {
            if (!martech.ProviderNames.Contains(contacts, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"{who}: ConsentOptions.ContactsProvider names '{contacts}', but no provider instance has that name. Instances: {string.Join(", ", martech.ProviderNames)}.";
            }
            else if (!martech.Registry.ProvidersOf(typeof(IContactClient)).Contains(contacts, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"{who}: ConsentOptions.ContactsProvider names '{contacts}', which does not supply contacts. Instances that do: {Names(martech.Registry.ProvidersOf(typeof(IContactClient)))}.";
            }
        }
        else if (martech.Registry.ProvidersOf(typeof(IContactClient)).Count == 0)
        {
            yield return $"{who} needs a contacts provider for consent look-ups: add one (AddHubSpot(), AddSalesforce(), AddPipedrive(), AddInMemory()) or set Martech:Defaults:Contacts.";
        }

        if (options.SuppressionsProvider is { } suppressions
            && !martech.Registry.ProvidersOf(typeof(IEmailSuppressionList)).Contains(suppressions, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"{who}: ConsentOptions.SuppressionsProvider names '{suppressions}', which does not supply a suppression list. Instances that do: {Names(martech.Registry.ProvidersOf(typeof(IEmailSuppressionList)))}.";
        }
    }

    private static string Names(IReadOnlyList<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
