using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

// Log calls here run only after the IsEnabled checks stored in 'log' or made in place.
#pragma warning disable CA1873

/// <summary>
/// The outermost transport handler: an <see cref="Activity"/>, metrics, the transport observer's report and a redacted
/// log line per HTTP request. When no listener or observer is attached and Debug logging is off it only checks that and
/// forwards. On an instance with per-tenant credentials it first chooses the call's tenant context (resolving the
/// tenant's credentials if needed), which the inner handlers then use; on any other instance a request naming a tenant
/// (<see cref="MartechRequestOptions.Tenant"/>) fails before it is sent, while the ambient <see cref="MartechTenant.Current"/> is ignored.
/// </summary>
internal sealed class TelemetryHandler(MartechTransportContext instance) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The fast path (one instance, one credential) costs a null check and an options lookup more.
        if (instance.Tenants is { } tenants)
        {
            return SendForTenantAsync(request, tenants, cancellationToken);
        }

        if (MartechRequestOptions.Of(request)?.Tenant is { } tenant)
        {
            // A tenant asked for by name must never be sent with the instance's own credentials.
            return Task.FromException<HttpResponseMessage>(new MartechTenantException(
                $"The request names tenant '{tenant}' (MartechRequestOptions.Tenant), but provider instance '{instance.Name}' has no per-tenant credentials: register it with UseTenantCredentials, or leave MartechRequestOptions.Tenant unset to send with the instance's own credentials."));
        }

        return Send(instance, request, cancellationToken);
    }

    private Task<HttpResponseMessage> Send(MartechTransportContext context, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        bool metrics = MartechTelemetry.Requests.Enabled || MartechTelemetry.RequestDuration.Enabled;
        bool log = context.Logger.IsEnabled(LogLevel.Debug);

        // Nothing listens: forward without an async frame of our own.
        return !metrics && !log && context.Observer is null && !MartechTelemetry.ActivitySource.HasListeners()
            ? base.SendAsync(request, cancellationToken)
            : SendObservedAsync(context, request, metrics, log, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendForTenantAsync(HttpRequestMessage request, MartechTenantContexts tenants, CancellationToken cancellationToken)
    {
        // Before anything is sent: no tenant, or an unknown one, fails here.
        MartechTransportContext context = await tenants.SelectAsync(request, cancellationToken).ConfigureAwait(false);
        using IDisposable? scope = MartechTenantContexts.BeginScope(context);
        return await Send(context, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendObservedAsync(MartechTransportContext context, HttpRequestMessage request, bool metrics, bool log, CancellationToken cancellationToken)
    {
        MartechRequestOptions? options = MartechRequestOptions.Of(request);
        Activity? activity = MartechTelemetry.ActivitySource.HasListeners() ? StartActivity(context, request, options) : null;
        string operation = options?.Operation ?? request.Method.Method;
        long start = Stopwatch.GetTimestamp();
        try
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            int status = (int)response.StatusCode;
            string outcome = response.IsSuccessStatusCode ? "success" : "failure";
            if (activity is not null)
            {
                // The URL as finally sent (authentication may have added a key to it), redacted.
                activity.SetTag("url.full", context.Redactor.RedactUrl(request.RequestUri, options?.UrlTemplate));
                activity.SetTag("http.response.status_code", status);
                if (!response.IsSuccessStatusCode)
                {
                    activity.SetStatus(ActivityStatusCode.Error, status.ToString(CultureInfo.InvariantCulture));
                }
            }

            if (metrics)
            {
                Record(context, request, operation, status, outcome, elapsed);
            }

            context.Observer?.RequestCompleted(context, operation, status, null, false, TimeSpan.FromMilliseconds(elapsed));
            if (log)
            {
                TransportLog.Response(context.Logger, context.Name, operation, request.Method.Method, context.Redactor.RedactUrl(request.RequestUri, options?.UrlTemplate), status, elapsed);
            }

            return response;
        }
        catch (Exception ex)
        {
            double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            string outcome = ex is OperationCanceledException && cancellationToken.IsCancellationRequested ? "canceled"
                : ex is Polly.Timeout.TimeoutRejectedException or TimeoutException ? "timeout"
                : "failure";
            activity?.SetStatus(ActivityStatusCode.Error, outcome);
            activity?.SetTag("error.type", ex.GetType().FullName);
            if (metrics)
            {
                Record(context, request, operation, null, outcome, elapsed);
            }

            context.Observer?.RequestCompleted(context, operation, null, ex, outcome == "canceled", TimeSpan.FromMilliseconds(elapsed));

            if (log)
            {
                TransportLog.Failed(context.Logger, context.Name, operation, request.Method.Method, context.Redactor.RedactUrl(request.RequestUri, options?.UrlTemplate), elapsed, context.Redactor.RedactText(ex.Message, request.RequestUri, options?.UrlTemplate));
            }

            throw;
        }
        finally
        {
            // Logged at the end so the headers are the ones sent, authentication included (masked).
            if (context.Logger.IsEnabled(LogLevel.Trace))
            {
                // Only at Trace: the URL with its personal data (secrets still masked).
                TransportLog.RequestUrl(context.Logger, context.Name, operation, request.Method.Method, context.Redactor.RedactSecretsInUrl(request.RequestUri));
                TransportLog.RequestHeaders(context.Logger, context.Name, operation, DescribeHeaders(context, request));
            }

            activity?.Dispose();
        }
    }

    private static Activity? StartActivity(MartechTransportContext context, HttpRequestMessage request, MartechRequestOptions? options)
    {
        Activity? activity = MartechTelemetry.ActivitySource.StartActivity(request.Method.Method, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(MartechTelemetry.ProviderTag, context.Name);
            activity.SetTag(MartechTelemetry.ProviderTypeTag, context.ProviderType);
            activity.SetTag(MartechTelemetry.OperationTag, options?.Operation);
            activity.SetTag("http.request.method", request.Method.Method);
            activity.SetTag("url.full", context.Redactor.RedactUrl(request.RequestUri, options?.UrlTemplate));
            activity.SetTag("server.address", request.RequestUri?.Host);
        }

        return activity;
    }

    private static void Record(MartechTransportContext context, HttpRequestMessage request, string operation, int? status, string outcome, double elapsedMilliseconds)
    {
        var tags = new TagList
        {
            context.Tags.Provider,
            context.Tags.ProviderType,
            { MartechTelemetry.OperationTag, operation },
            { "http.request.method", request.Method.Method },
            { MartechTelemetry.OutcomeTag, outcome },
        };
        if (status is { } code)
        {
            tags.Add("http.response.status_code", code);
        }

        MartechTelemetry.Requests.Add(1, tags);
        MartechTelemetry.RequestDuration.Record(elapsedMilliseconds / 1000, tags);
    }

    private static string DescribeHeaders(MartechTransportContext context, HttpRequestMessage request)
    {
        var sb = new StringBuilder();
        foreach (var (name, values) in request.Headers)
        {
            sb.Append(name).Append('=').Append(context.Redactor.IsSensitiveHeader(name) ? MartechRedactor.Mask : string.Join(",", values)).Append("; ");
        }

        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
            {
                sb.Append(name).Append('=').Append(context.Redactor.IsSensitiveHeader(name) ? MartechRedactor.Mask : string.Join(",", values)).Append("; ");
            }
        }

        return sb.ToString();
    }
}
