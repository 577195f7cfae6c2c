using System.Net;
using System.Net.Http.Headers;

namespace Martech.Sdk;

/// <summary>The transport's rules for when a request may be sent again without risk of duplicating work.</summary>
internal static class RetrySafety
{
    /// <summary>Whether sending the request twice cannot duplicate work.</summary>
    public static bool IsIdempotent(HttpRequestMessage request, MartechHttpOptions options)
    {
        if (MartechRequestOptions.Of(request)?.Idempotent is { } declared)
        {
            return declared;
        }

        HttpMethod method = request.Method;
        if (method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
            || method == HttpMethod.Put || method == HttpMethod.Delete || method == HttpMethod.Trace)
        {
            return true;
        }

        foreach (string header in options.IdempotencyKeyHeaders)
        {
            if (request.Headers.Contains(header))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the vendor said it did not process the request: 429, or the vendor's documented cases.</summary>
    public static bool IsNotProcessed(HttpResponseMessage response, MartechHttpOptions options) =>
        response.StatusCode == HttpStatusCode.TooManyRequests || (options.IsNotProcessed?.Invoke(response) ?? false);

    /// <summary>Whether a status is a transient server failure that an idempotent request may be retried on.</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout;

    /// <summary>Whether a failure happened before the request left the machine (nothing can have been processed).</summary>
    public static bool FailedBeforeSending(HttpRequestException exception) =>
        exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;

    /// <summary>Reads <c>Retry-After</c> as a delay from now: delta seconds or an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        RetryConditionHeaderValue? header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            TimeSpan wait = date - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }
}
