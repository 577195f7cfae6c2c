using System.Globalization;
using System.Net;
using System.Text;

namespace Martech.Sdk;

/// <summary>
/// Builds the right <see cref="MartechRequestException"/> subtype for a vendor error: vendor error mappers parse
/// their bodies and call <see cref="Create"/> with what they found.
/// </summary>
public static class MartechErrors
{
    /// <summary>The most of an error body kept in a message.</summary>
    public const int MaxBodyExcerpt = 512;

    /// <summary>Creates the exception for a failed response.</summary>
    /// <param name="response">The response (its status and headers are read; its body is not).</param>
    /// <param name="context">The provider, operation and redactor.</param>
    /// <param name="vendorMessage">The vendor's own message, if the body had one; redacted here.</param>
    /// <param name="errorCode">The vendor's error code.</param>
    /// <param name="requestId">The vendor's request or correlation id; read from common headers when <see langword="null"/>.</param>
    /// <param name="fieldErrors">Field-level errors.</param>
    /// <param name="rateLimited">Whether the vendor said "too many requests" in its body whatever the status (Twilio's
    /// code 20429, Salesforce's <c>REQUEST_LIMIT_EXCEEDED</c>, Slack's <c>ratelimited</c>); HTTP 429 always is.</param>
    /// <param name="retryAfter">How long the vendor asked to wait when it said so other than in <c>Retry-After</c> (a
    /// rate-limit reset header, say); a <c>Retry-After</c> header wins.</param>
    /// <param name="helpLink">A link to the vendor's documentation of the error (Twilio's <c>more_info</c>), kept in
    /// <see cref="Exception.HelpLink"/>.</param>
    /// <param name="mayHaveBeenProcessed">Whether the vendor may have acted on the request before it failed, which sets
    /// <see cref="MartechException.MayHaveBeenProcessed"/> and says so in the message. <see langword="null"/> (the
    /// default) applies the rule of <see cref="MayHaveBeenProcessed(HttpStatusCode, MartechErrorContext, bool)"/>: a 5xx
    /// answer to a request that is not idempotent may have been processed. A mapper passes <see langword="false"/> for an
    /// answer its vendor documents as "not processed" (such as a maintenance refusal), <see langword="true"/> for one it
    /// documents as "processed anyway".</param>
    /// <returns>
    /// <see cref="MartechRateLimitedException"/> for 429 or <paramref name="rateLimited"/> (with the wait from
    /// <c>Retry-After</c>, delta seconds or an HTTP date, else <paramref name="retryAfter"/>),
    /// <see cref="MartechAuthenticationException"/> for 401 and 403, <see cref="MartechNotFoundException"/> for 404 and
    /// 410, else <see cref="MartechRequestException"/>.
    /// </returns>
    public static MartechRequestException Create(
        HttpResponseMessage response,
        MartechErrorContext context,
        string? vendorMessage,
        string? errorCode = null,
        string? requestId = null,
        IReadOnlyList<MartechFieldError>? fieldErrors = null,
        bool rateLimited = false,
        TimeSpan? retryAfter = null,
        string? helpLink = null,
        bool? mayHaveBeenProcessed = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        HttpStatusCode status = response.StatusCode;
        requestId ??= RequestIdOf(response);
        rateLimited |= status == HttpStatusCode.TooManyRequests;
        bool processed = mayHaveBeenProcessed ?? MayHaveBeenProcessed(status, context, rateLimited);

        // Codes and ids come from the vendor's answer too, which may echo anything it was sent.
        errorCode = errorCode is null ? null : context.Redactor.RedactText(errorCode);
        requestId = requestId is null ? null : context.Redactor.RedactText(requestId);
        string message = Describe(context, status, context.Redactor.RedactText(vendorMessage), errorCode, requestId, processed);
        fieldErrors ??= [];
        MartechRequestException exception = status switch
        {
            _ when rateLimited => new MartechRateLimitedException(message)
            {
                Provider = context.Provider, StatusCode = status, ErrorCode = errorCode, RequestId = requestId, FieldErrors = fieldErrors, MayHaveBeenProcessed = processed,
                RetryAfter = RetryAfterOf(response) ?? (retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter),
            },
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new MartechAuthenticationException(message)
            {
                Provider = context.Provider, StatusCode = status, ErrorCode = errorCode, RequestId = requestId, FieldErrors = fieldErrors, MayHaveBeenProcessed = processed,
            },
            HttpStatusCode.NotFound or HttpStatusCode.Gone => new MartechNotFoundException(message)
            {
                Provider = context.Provider, StatusCode = status, ErrorCode = errorCode, RequestId = requestId, FieldErrors = fieldErrors, MayHaveBeenProcessed = processed,
            },
            _ => new MartechRequestException(message)
            {
                Provider = context.Provider, StatusCode = status, ErrorCode = errorCode, RequestId = requestId, FieldErrors = fieldErrors, MayHaveBeenProcessed = processed,
            },
        };
        exception.HelpLink = helpLink;
        return exception;
    }

    /// <summary>
    /// The rule for whether a vendor's error answer leaves the request's outcome open: a 5xx answer to a request that is
    /// not idempotent (<see cref="MartechErrorContext.Idempotent"/>) may have been processed, since vendors can fail
    /// after acting (a message queued, a record written); a 4xx answer, a rate limit, an answer the instance's
    /// <see cref="MartechHttpOptions.IsNotProcessed"/> recognises (<see cref="MartechErrorContext.NotProcessed"/>), and
    /// any answer to an idempotent request were not, or are safe to send again.
    /// </summary>
    /// <param name="status">The HTTP status.</param>
    /// <param name="context">The provider, operation and whether the request is idempotent.</param>
    /// <param name="rateLimited">Whether the answer refuses the request for a rate limit, whatever its status.</param>
    /// <returns><see langword="true"/> when the request may have been processed.</returns>
    public static bool MayHaveBeenProcessed(HttpStatusCode status, MartechErrorContext context, bool rateLimited = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        return (int)status >= 500 && !context.Idempotent && !context.NotProcessed && !rateLimited;
    }

    /// <summary>Reads <c>Retry-After</c> as a wait from now: delta seconds, or an HTTP date (a date in the past is no
    /// wait).</summary>
    /// <param name="response">The response.</param>
    /// <returns>The wait, or <see langword="null"/> when the header is absent.</returns>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return RetrySafety.RetryAfter(response, DateTimeOffset.UtcNow);
    }

    /// <summary>Reads the vendor's request id from the usual headers (<c>X-Request-Id</c>, <c>X-Correlation-Id</c>, Twilio's <c>Twilio-Request-Id</c>, Microsoft's <c>x-ms-request-id</c>, …).</summary>
    /// <param name="response">The response.</param>
    /// <returns>The id, or <see langword="null"/>.</returns>
    public static string? RequestIdOf(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (string name in (ReadOnlySpan<string>)["X-Request-Id", "X-Correlation-Id", "Request-Id", "X-Amzn-RequestId", "Twilio-Request-Id", "x-ms-request-id", "X-Trace-Id"])
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                foreach (string value in values)
                {
                    return value;
                }
            }
        }

        return null;
    }

    /// <summary>Shortens and cleans a body excerpt for a message: single line, at most <see cref="MaxBodyExcerpt"/> characters.</summary>
    /// <param name="body">The body text.</param>
    /// <returns>The excerpt.</returns>
    public static string Excerpt(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(Math.Min(body.Length, MaxBodyExcerpt + 1));
        foreach (char c in body)
        {
            if (sb.Length == MaxBodyExcerpt)
            {
                sb.Append('…');
                break;
            }

            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.ToString().Trim();
    }

    private static string Describe(MartechErrorContext context, HttpStatusCode status, string? vendorMessage, string? errorCode, string? requestId, bool mayHaveBeenProcessed)
    {
        var sb = new StringBuilder(context.Provider);
        if (context.Operation is not null)
        {
            sb.Append(' ').Append(context.Operation);
        }

        sb.Append(" failed: HTTP ").Append(((int)status).ToString(CultureInfo.InvariantCulture)).Append(' ').Append(status);
        if (!string.IsNullOrWhiteSpace(errorCode))
        {
            sb.Append(" (").Append(errorCode).Append(')');
        }

        if (!string.IsNullOrWhiteSpace(vendorMessage))
        {
            sb.Append(": ").Append(Excerpt(vendorMessage));
        }

        if (!string.IsNullOrWhiteSpace(requestId))
        {
            sb.Append(" [request id ").Append(requestId).Append(']');
        }

        if (mayHaveBeenProcessed)
        {
            sb.Append(" The request may have been processed; it was not sent again, so check the vendor before retrying.");
        }

        return sb.ToString();
    }
}
