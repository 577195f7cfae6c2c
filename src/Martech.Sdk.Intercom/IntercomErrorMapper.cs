using System.Text.Json;

namespace Martech.Sdk.Intercom;

/// <summary>
/// Maps Intercom's <c>error.list</c> bodies to the SDK's exceptions: the first error's <c>code</c> becomes
/// <see cref="MartechRequestException.ErrorCode"/>, <c>request_id</c> the request id, and every error a
/// <see cref="MartechFieldError"/>. A malformed or empty body still yields a clear message.
/// </summary>
internal sealed class IntercomErrorMapper : IMartechErrorMapper
{
    public static IntercomErrorMapper Instance { get; } = new();

    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        string? body = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        IntercomErrorList? list = Parse(body);
        if (list is null)
        {
            string excerpt = body is null ? "the error body could not be read" : MartechErrors.Excerpt(body);
            return MartechErrors.Create(response, context, excerpt.Length == 0 ? null : excerpt, requestId: HeaderRequestId(response));
        }

        List<IntercomError> errors = list.Errors ?? [];
        IntercomError? first = errors.Count > 0 ? errors[0] : null;
        string? message = errors.Count == 0 ? null : string.Join("; ", errors.Select(e => e.Message ?? e.Code ?? "error"));
        IReadOnlyList<MartechFieldError> fields = errors
            .Select(e => new MartechFieldError(e.Field, e.Message ?? e.Code ?? "Intercom error.", e.Code))
            .ToList();
        return MartechErrors.Create(response, context, message, first?.Code, list.RequestId ?? HeaderRequestId(response), fields);
    }

    private static string? HeaderRequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Request-Id", out var values) ? values.FirstOrDefault() : null;

    private static IntercomErrorList? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            IntercomErrorList? list = JsonSerializer.Deserialize(body, IntercomJsonContext.Default.IntercomErrorList);
            return list is { Type: "error.list" } or { Errors.Count: > 0 } ? list : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
