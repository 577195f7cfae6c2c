using Martech.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFlow;

/// <summary>
/// Registers LeadFlow's providers from configuration alone: the in-memory default always, and each vendor whose
/// section exists under <c>Martech</c> (<c>Martech:HubSpot</c>, <c>Martech:SendGrid</c>, <c>Martech:Slack</c>, <c>Martech:Twilio</c>, …). <c>Martech:Defaults</c>
/// then picks which instance serves contacts, leads, email and messaging, so switching vendor is a settings change.
/// The SLA engine is added too, with the policies and calendars of <c>Martech:Slas</c>.
/// </summary>
public static class LeadFlowProviders
{
    /// <summary>Adds Martech.Sdk with the in-memory default and every configured vendor.</summary>
    /// <param name="services">The services.</param>
    /// <param name="martech">The <c>Martech</c> configuration section.</param>
    /// <returns>The Martech builder.</returns>
    public static MartechBuilder AddLeadFlowProviders(this IServiceCollection services, IConfiguration martech)
    {
        MartechBuilder builder = services.AddMartech(martech);
        builder.AddInMemory().UseLogging().UseConsent();

        bool Configured(string vendor) => martech.GetSection(vendor).Exists();

        // CRMs: contacts and leads.
        if (Configured("HubSpot"))
        {
            builder.AddHubSpot().UseLogging().UseOpenTelemetry();
        }

        if (Configured("Salesforce"))
        {
            builder.AddSalesforce().UseLogging().UseOpenTelemetry();
        }

        if (Configured("Pipedrive"))
        {
            builder.AddPipedrive().UseLogging().UseOpenTelemetry();
        }

        // Email: consent is checked against the default contacts (the CRM) and the vendor's own suppression list.
        if (Configured("SendGrid"))
        {
            builder.AddSendGrid().UseLogging().UseOpenTelemetry().UseConsent();
        }

        if (Configured("Mailgun"))
        {
            builder.AddMailgun().UseLogging().UseOpenTelemetry().UseConsent();
        }

        if (Configured("Postmark"))
        {
            builder.AddPostmark().UseLogging().UseOpenTelemetry().UseConsent();
        }

        // Chat: new-lead cards, internal notifications (Martech:Defaults:Messaging picks which).
        if (Configured("Slack"))
        {
            builder.AddSlack().UseLogging().UseOpenTelemetry();
        }

        if (Configured("Teams"))
        {
            builder.AddTeams().UseLogging().UseOpenTelemetry();
        }

        if (Configured("Intercom"))
        {
            builder.AddIntercom().UseLogging().UseOpenTelemetry();
        }

        // SMS: marketing follow-ups, sent only to contacts whose SMS consent the default contacts provider records
        // (LeadFlow:SmsProvider names this instance when chat goes elsewhere).
        if (Configured("Twilio"))
        {
            builder.AddTwilio().UseLogging().UseOpenTelemetry().UseConsent();
        }

        // SLAs: the policies and business calendars of Martech:Slas (appsettings.json: first touch within 4 business
        // hours of the sales calendar). LeadFlow records each lead it creates and prints where its clock stands.
        builder.AddSlas();

        return builder;
    }
}
