using System.Net;
using System.Text.Json;
using Martech.Sdk.Slack.Wire;

namespace Martech.Sdk.Slack;

/// <summary>Maps Slack failures to the SDK's exceptions. Slack answers most failures as HTTP 200 with
/// <c>{"ok":false,"error":"&lt;code&gt;"}</c> (<see cref="FromEnvelope"/>); rate limiting is HTTP 429 with
/// <c>Retry-After</c> and <c>{"ok":false,"error":"ratelimited"}</c>, and server failures are 5xx
/// (<see cref="MapAsync"/>).</summary>
internal sealed class SlackErrorMapper : IMartechErrorMapper
{
    public static SlackErrorMapper Instance { get; } = new();

    /// <summary>Whether a Slack error code means the token is missing, wrong or lacks the permission.</summary>
    public static bool IsAuthenticationError(string code) => code is "not_authed" or "invalid_auth" or "account_inactive" or "token_revoked"
        or "token_expired" or "missing_scope" or "not_allowed_token_type" or "no_permission" or "ekm_access_denied";

    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        string? body = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        SlackResponse? envelope = Parse(body);
        string? code = envelope?.Error;
        string? message = code is null ? MartechErrors.Excerpt(body) : Describe(envelope!);
        string? requestId = SlackRequestId(response);
        return MartechErrors.Create(response, context, message, code, requestId);
    }

    /// <summary>The exception for an HTTP 2xx response whose envelope says <c>ok:false</c>.</summary>
    public static MartechRequestException FromEnvelope(SlackResponse envelope, HttpResponseMessage response, MartechErrorContext context)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        string code = string.IsNullOrEmpty(envelope.Error) ? "unknown_error" : envelope.Error;
        string text = $"{context.Provider}: Slack {context.Operation} failed: {context.Redactor.RedactText(Describe(envelope))}.";
        string? requestId = SlackRequestId(response);
        HttpStatusCode status = response.StatusCode;
        return code switch
        {
            "channel_not_found" or "user_not_found" or "thread_not_found" or "message_not_found" =>
                new MartechNotFoundException(text) { Provider = context.Provider, StatusCode = status, ErrorCode = code, RequestId = requestId },
            _ when IsAuthenticationError(code) =>
                new MartechAuthenticationException(text) { Provider = context.Provider, StatusCode = status, ErrorCode = code, RequestId = requestId },
            "rate_limited" or "ratelimited" =>
                new MartechRateLimitedException(text)
                {
                    Provider = context.Provider, StatusCode = status, ErrorCode = code, RequestId = requestId,
                    RetryAfter = MartechErrors.RetryAfterOf(response),
                },
            _ => new MartechRequestException(text) { Provider = context.Provider, StatusCode = status, ErrorCode = code, RequestId = requestId },
        };
    }

    private static SlackResponse? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || !body.TrimStart().StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, SlackJsonContext.Default.SlackResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // The code, with the scope details of missing_scope and the validation messages of invalid_blocks and the like.
    private static string Describe(SlackResponse envelope)
    {
        string text = string.IsNullOrEmpty(envelope.Error) ? "unknown_error" : envelope.Error;
        if (envelope.Needed is not null)
        {
            text += $" (needed: {envelope.Needed}; provided: {envelope.Provided})";
        }

        if (envelope.ResponseMetadata?.Messages is { Count: > 0 } messages)
        {
            text += " — " + string.Join("; ", messages);
        }

        return text;
    }

    private static string? SlackRequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-slack-req-id", out IEnumerable<string>? values) ? values.FirstOrDefault() : MartechErrors.RequestIdOf(response);
}
