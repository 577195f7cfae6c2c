using System.Net;
using System.Text.Json;
using Martech.Sdk.Teams.Wire;

namespace Martech.Sdk.Teams;

/// <summary>Maps failed Workflows (and legacy connector) responses: a JSON body <c>{"error":{"code","message"}}</c>
/// gives the error code and message, any other body is quoted; the legacy connector's throttling text ("Microsoft
/// Teams endpoint returned HTTP error 429") is a <see cref="MartechRateLimitedException"/> whatever the status.</summary>
internal sealed class TeamsErrorMapper : IMartechErrorMapper
{
    public const string ThrottledText = "HTTP error 429";

    /// <summary>How the legacy connector's 200 body starts when it did not deliver the message.</summary>
    public const string DeliveryFailedText = "Webhook message delivery failed";

    public static TeamsErrorMapper Instance { get; } = new();

    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        // A body that breaks off still gives a clear exception from the status and headers.
        string? read = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        string body = read ?? string.Empty;
        string? requestId = HeaderOf(response, "x-ms-request-id") ?? HeaderOf(response, "x-ms-workflow-run-id");
        string? code = null;
        string message = read is null ? "the error body could not be read" : MartechErrors.Excerpt(body);
        if (body.TrimStart().StartsWith('{'))
        {
            try
            {
                TeamsErrorDetail? error = JsonSerializer.Deserialize(body, TeamsJsonContext.Default.TeamsErrorBody)?.Error;
                code = error?.Code;
                message = error?.Message ?? message;
            }
            catch (JsonException)
            {
                // Malformed: the excerpt of the body is the message.
            }
        }

        if (response.StatusCode != HttpStatusCode.TooManyRequests && body.Contains(ThrottledText, StringComparison.OrdinalIgnoreCase))
        {
            return Throttled(context, body, requestId);
        }

        return MartechErrors.Create(response, context, message, code, requestId);
    }

    public static MartechRateLimitedException Throttled(MartechErrorContext context, string body, string? requestId) =>
        new($"{context.Provider}: Microsoft Teams throttled the webhook ({context.Redactor.RedactText(MartechErrors.Excerpt(body))}).")
        {
            Provider = context.Provider,
            StatusCode = HttpStatusCode.TooManyRequests,
            RequestId = requestId,
        };

    internal static string? HeaderOf(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;
}
