using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.Twilio;

/// <summary>
/// Maps Twilio's error bodies (<c>{"code","message","more_info","status"}</c>) to the SDK's exceptions: the Twilio
/// code becomes <see cref="MartechRequestException.ErrorCode"/>, <c>more_info</c> becomes <see cref="Exception.HelpLink"/>
/// (and stays in the message), and
/// code 20429 ("too many requests") is a <see cref="MartechRateLimitedException"/> whatever the HTTP status.
/// A malformed or empty body still yields a clear message from the status and a redacted excerpt.
/// </summary>
internal sealed class TwilioErrorMapper : IMartechErrorMapper
{
    /// <summary>Twilio's code for too many concurrent requests.</summary>
    public const int TooManyRequestsCode = 20429;

    public static TwilioErrorMapper Instance { get; } = new();

    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        string? body = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        TwilioErrorBody? error = Parse(body);
        if (error is null)
        {
            string excerpt = body is null ? "the error body could not be read" : MartechErrors.Excerpt(body);
            return MartechErrors.Create(response, context, excerpt.Length == 0 ? null : excerpt);
        }

        string? code = error.Code?.ToString(CultureInfo.InvariantCulture);
        string? message = error.MoreInfo is { Length: > 0 } link ? $"{error.Message} (see {link})".TrimStart() : error.Message;
        IReadOnlyList<MartechFieldError> fields = FieldOf(error.Code) is { } field
            ? [new MartechFieldError(field, error.Message ?? $"Twilio error {code}.", code)]
            : [];
        return MartechErrors.Create(
            response, context, message, code, fieldErrors: fields, rateLimited: error.Code == TooManyRequestsCode, helpLink: error.MoreInfo);
    }

    /// <summary>The request parameter a Twilio error code is about, for the codes that name one.</summary>
    public static string? FieldOf(int? code) => code switch
    {
        21211 or 21214 or 21407 or 21408 or 21610 or 21612 or 21614 => "To",
        21212 or 21606 or 21659 or 21660 => "From",
        21602 or 21617 => "Body",
        21703 or 21704 => "MessagingServiceSid",
        21609 => "StatusCallback",
        _ => null,
    };

    private static TwilioErrorBody? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            TwilioErrorBody? error = JsonSerializer.Deserialize(body, TwilioJsonContext.Default.TwilioErrorBody);
            return error is { Code: not null } or { Message: not null } ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
