using System.Text.Json;

namespace Martech.Sdk.Intercom;

/// <summary>
/// Maps Intercom's <c>error.list</c> bodies to the SDK's exceptions: the first error's <c>code</c> becomes
/// <see cref="MartechRequestException.ErrorCode"/>, <c>request_id</c> the request id, and every error a
/// <see cref="MartechFieldError"/>. A malformed or empty body still yields a clear message. Intercom's 429 carries
/// <c>X-RateLimit-Reset</c> (a Unix time) rather than <c>Retry-After</c>, so the time until that reset becomes
/// <see cref="MartechRateLimitedException.RetryAfter"/> when no <c>Retry-After</c> is sent.
/// </summary>
internal sealed class IntercomErrorMapper : IMartechErrorMapper
{
    public static IntercomErrorMapper Instance { get; } = new();

    private static readonly IRateLimitHeaderReader RateLimitHeaders = RateLimitHeaderReaders.Standard(resetIsUnixTimestamp: true);

    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        TimeSpan? reset = ResetAfter(response);
        string? body = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        IntercomErrorList? list = Parse(body);
        if (list is null)
        {
            string excerpt = body is null ? "the error body could not be read" : MartechErrors.Excerpt(body);
            return MartechErrors.Create(response, context, excerpt.Length == 0 ? null : excerpt, retryAfter: reset);
        }

        List<IntercomError> errors = list.Errors ?? [];
        IntercomError? first = errors.Count > 0 ? errors[0] : null;
        string? message = errors.Count == 0 ? null : string.Join("; ", errors.Select(e => e.Message ?? e.Code ?? "error"));
        IReadOnlyList<MartechFieldError> fields = errors
            .Select(e => new MartechFieldError(e.Field, e.Message ?? e.Code ?? "Intercom error.", e.Code))
            .ToList();
        // Without a request_id in the body, MartechErrors reads the usual headers (X-Request-Id, …).
        return MartechErrors.Create(response, context, message, first?.Code, list.RequestId, fields, retryAfter: reset);
    }

    private static TimeSpan? ResetAfter(HttpResponseMessage response) =>
        RateLimitHeaders.TryRead(response, DateTimeOffset.UtcNow, out RateLimitSnapshot snapshot) && snapshot.ResetAfter is { } after
            ? (after > TimeSpan.Zero ? after : TimeSpan.Zero)
            : null;

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
