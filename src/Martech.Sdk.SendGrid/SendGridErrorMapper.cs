using System.Text;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// Maps SendGrid's error bodies (<c>{"errors":[{"message","field","help"}],"id"}</c>) to exceptions: every error
/// becomes a <see cref="MartechFieldError"/> (its field as SendGrid names it, such as <c>personalizations.3.to</c>), the
/// message joins them, and the body's <c>id</c> (or the usual request-id headers) is the request id. SendGrid sends
/// no error codes; an <c>error_id</c>, where present, is used as one. A body that is not SendGrid's shape still gives a
/// clear message with a redacted excerpt.
/// </summary>
internal sealed class SendGridErrorMapper : IMartechErrorMapper
{
    public static SendGridErrorMapper Instance { get; } = new();

    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        string? body = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        SendGridErrorResponse? parsed = Parse(body);
        if (parsed?.Errors is not { Count: > 0 } errors)
        {
            string message = body is null ? "the error body could not be read"
                : string.IsNullOrWhiteSpace(body) ? "no error body"
                : parsed is null ? $"unexpected error body: {body}"
                : $"no errors listed: {body}";
            return MartechErrors.Create(response, context, message, requestId: parsed?.Id);
        }

        var fieldErrors = new List<MartechFieldError>(errors.Count);
        var text = new StringBuilder();
        string? code = null;
        foreach (SendGridError error in errors)
        {
            if (error is null)
            {
                continue;
            }

            string message = string.IsNullOrWhiteSpace(error.Message) ? "(no message)" : error.Message;
            string? field = error.FieldName;
            fieldErrors.Add(new MartechFieldError(field, context.Redactor.RedactText(message), error.ErrorId));
            code ??= error.ErrorId;
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            if (field is not null)
            {
                text.Append(field).Append(": ");
            }

            text.Append(message);
        }

        return MartechErrors.Create(response, context, text.ToString(), code, parsed.Id, fieldErrors);
    }

    private static SendGridErrorResponse? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(body, SendGridJsonContext.Wire.SendGridErrorResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
