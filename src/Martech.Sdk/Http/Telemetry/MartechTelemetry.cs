using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Martech.Sdk;

/// <summary>
/// The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>"Martech.Sdk"</c>. Subscribe with
/// OpenTelemetry (<c>.AddSource("Martech.Sdk")</c>, <c>.AddMeter("Martech.Sdk")</c>) or any listener. Nothing is
/// recorded, and nothing allocated for it, while no listener is attached.
/// </summary>
public static class MartechTelemetry
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string Name = "Martech.Sdk";

    /// <summary>Tag: the provider instance name.</summary>
    public const string ProviderTag = "martech.provider";

    /// <summary>Tag: the vendor, such as HubSpot.</summary>
    public const string ProviderTypeTag = "martech.provider.type";

    /// <summary>Tag: the operation, such as <c>contacts.batch.upsert</c> or <c>IEmailSender.Send</c>.</summary>
    public const string OperationTag = "martech.operation";

    /// <summary>Tag: <c>success</c>, <c>failure</c>, <c>timeout</c> or <c>canceled</c>.</summary>
    public const string OutcomeTag = "martech.outcome";

    /// <summary>Tag: why a retry happened, such as <c>429</c>, <c>503</c> or <c>connection_failed</c>.</summary>
    public const string RetryReasonTag = "martech.retry.reason";

    /// <summary>Traces: one activity per HTTP request (its retries are events on it) and, with <c>UseOpenTelemetry()</c>, per capability call.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, typeof(MartechTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Metrics.</summary>
    public static Meter Meter { get; } = new(Name, typeof(MartechTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary><c>martech.client.requests</c>: HTTP requests to vendors as the caller saw them (retries included in
    /// one request), by provider, operation, method, final status code and outcome. Vendor availability is computed
    /// from this.</summary>
    public static Counter<long> Requests { get; } = Meter.CreateCounter<long>("martech.client.requests", "{request}", "HTTP requests to vendors, retries included in one request.");

    /// <summary><c>martech.client.request.duration</c>: seconds per HTTP request, retries and waits included, by the
    /// same tags. Vendor latency is computed from this.</summary>
    public static Histogram<double> RequestDuration { get; } = Meter.CreateHistogram<double>("martech.client.request.duration", "s", "Duration of HTTP requests to vendors, retries and waits included.");

    /// <summary><c>martech.client.retries</c>: retries, by provider, operation and reason.</summary>
    public static Counter<long> Retries { get; } = Meter.CreateCounter<long>("martech.client.retries", "{retry}", "Retries of HTTP requests to vendors.");

    /// <summary><c>martech.client.rate_limit.wait</c>: seconds requests waited on the rate budget, by provider.</summary>
    public static Histogram<double> RateLimitWait { get; } = Meter.CreateHistogram<double>("martech.client.rate_limit.wait", "s", "Time requests waited for the rate budget before being sent.");

    /// <summary><c>martech.operation.duration</c>: seconds per capability call (with <c>UseOpenTelemetry()</c>), by
    /// provider, operation and outcome.</summary>
    public static Histogram<double> OperationDuration { get; } = Meter.CreateHistogram<double>("martech.operation.duration", "s", "Duration of Martech capability calls.");

    /// <summary><c>martech.webhooks.requests</c>: webhook requests received, by provider, outcome (<c>accepted</c>,
    /// <c>rejected</c>, <c>unavailable</c>) and, for rejections, the reason.</summary>
    public static Counter<long> WebhookRequests { get; } = Meter.CreateCounter<long>("martech.webhooks.requests", "{request}", "Webhook requests received, by outcome.");

    /// <summary><c>martech.webhooks.events</c>: events in accepted webhook requests, by provider, kind and outcome
    /// (<c>new</c> or <c>duplicate</c>).</summary>
    public static Counter<long> WebhookEvents { get; } = Meter.CreateCounter<long>("martech.webhooks.events", "{event}", "Webhook events recorded or recognised as redeliveries.");

    /// <summary><c>martech.webhooks.handled</c>: handler runs, by provider, kind and outcome (<c>handled</c>,
    /// <c>retried</c>, <c>parked</c>, <c>superseded</c>).</summary>
    public static Counter<long> WebhookHandled { get; } = Meter.CreateCounter<long>("martech.webhooks.handled", "{event}", "Webhook events handed to handlers, by outcome.");

    /// <summary><c>martech.webhooks.handler.duration</c>: seconds the handlers of one event took, by provider, kind and
    /// outcome.</summary>
    public static Histogram<double> WebhookHandlerDuration { get; } = Meter.CreateHistogram<double>("martech.webhooks.handler.duration", "s", "Time the handlers of one webhook event took.");

    internal static void RecordWebhookRequest(string provider, string outcome, string? reason)
    {
        if (WebhookRequests.Enabled)
        {
            WebhookRequests.Add(1, new(ProviderTag, provider), new(OutcomeTag, outcome), new("martech.webhook.reason", reason));
        }
    }

    internal static void RecordWebhookEvent(string provider, string kind, string outcome)
    {
        if (WebhookEvents.Enabled)
        {
            WebhookEvents.Add(1, new(ProviderTag, provider), new("martech.event.kind", kind), new(OutcomeTag, outcome));
        }
    }

    internal static void RecordWebhookHandled(string provider, string kind, string outcome, double seconds)
    {
        if (WebhookHandled.Enabled)
        {
            WebhookHandled.Add(1, new(ProviderTag, provider), new("martech.event.kind", kind), new(OutcomeTag, outcome));
        }

        if (WebhookHandlerDuration.Enabled)
        {
            WebhookHandlerDuration.Record(seconds, new(ProviderTag, provider), new("martech.event.kind", kind), new(OutcomeTag, outcome));
        }
    }

    internal static void RecordRateLimitWait(MartechTransportContext context, TimeSpan waited)
    {
        if (RateLimitWait.Enabled)
        {
            RateLimitWait.Record(waited.TotalSeconds, context.Tags.Provider, context.Tags.ProviderType);
        }
    }
}
