using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.Postmark;

/// <summary>
/// Maps Postmark's error responses (<c>{"ErrorCode": int, "Message": "…"}</c>: 401 with code 10, 422 with codes such
/// as 300 and 406, 429, 5xx) to the SDK's exceptions, with the Postmark code as <see cref="MartechRequestException.ErrorCode"/>.
/// A malformed or empty body still yields a clear message from the status and a redacted excerpt.
/// </summary>
internal sealed class PostmarkErrorMapper : IMartechErrorMapper
{
    /// <summary>Postmark's "inactive recipient" code: every recipient is suppressed on the message's stream.</summary>
    public const int InactiveRecipientCode = 406;

    /// <summary>Postmark's error code for "Maintenance": the API is offline and did not process the request.</summary>
    public const int MaintenanceCode = 100;

    public static PostmarkErrorMapper Instance { get; } = new();

    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        string? body = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        PostmarkErrorBody? error = Parse(body);
        if (error is null)
        {
            string excerpt = body is null ? "the error body could not be read" : MartechErrors.Excerpt(body);
            return MartechErrors.Create(response, context, excerpt.Length == 0 ? null : excerpt, HeaderCode(response));
        }

        string? code = error.ErrorCode?.ToString(CultureInfo.InvariantCulture) ?? HeaderCode(response);
        // Postmark's code 100 ("Maintenance", answered 503) refuses the request while the API is offline: it was not
        // processed, so it is not an open outcome whatever the method. Other 5xx answers follow the transport's rule.
        bool? processed = error.ErrorCode == MaintenanceCode ? false : null;
        return MartechErrors.Create(response, context, Describe(error.ErrorCode ?? 0, error.Message), code, fieldErrors: FieldErrors(error.ErrorCode ?? 0, error.Message), mayHaveBeenProcessed: processed);
    }

    /// <summary>Postmark's message, made explicit for the codes a caller acts on.</summary>
    public static string? Describe(int errorCode, string? message) => errorCode switch
    {
        InactiveRecipientCode => $"inactive recipient: Postmark suppresses the address on this message stream (hard bounce, spam complaint, unsubscribe or manual suppression). {message}".TrimEnd(),
        10 => $"the server token was refused (check Martech:<name>:ServerToken). {message}".TrimEnd(),
        _ => message,
    };

    /// <summary>Field-level detail Postmark's messages carry: the field of an invalid address (<c>Invalid 'To'
    /// address: 'x'.</c>), or each inactive address of a 406.</summary>
    public static IReadOnlyList<MartechFieldError> FieldErrors(int errorCode, string? message)
    {
        if (string.IsNullOrEmpty(message))
        {
            return [];
        }

        string code = errorCode.ToString(CultureInfo.InvariantCulture);
        if (errorCode == InactiveRecipientCode)
        {
            var errors = new List<MartechFieldError>();
            foreach (string address in InactiveAddresses(message))
            {
                errors.Add(new MartechFieldError("Recipients", $"{address} is inactive on this message stream.", code));
            }

            return errors;
        }

        // "Invalid 'To' address: 'test'." and the like.
        const string Prefix = "Invalid '";
        int start = message.IndexOf(Prefix, StringComparison.Ordinal);
        if (start >= 0)
        {
            int end = message.IndexOf('\'', start + Prefix.Length);
            if (end > start + Prefix.Length)
            {
                return [new MartechFieldError(message[(start + Prefix.Length)..end], message, code)];
            }
        }

        return [];
    }

    /// <summary>The addresses in a 406 message: "… Found inactive addresses: a@x.com, b@x.com. Inactive recipients are …".</summary>
    public static IEnumerable<string> InactiveAddresses(string message)
    {
        const string Marker = "inactive addresses:";
        int start = message.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            yield break;
        }

        start += Marker.Length;
        int end = message.IndexOf(" Inactive", start, StringComparison.Ordinal);
        string list = (end < 0 ? message[start..] : message[start..end]).Trim().TrimEnd('.');
        foreach (string part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            yield return part.TrimEnd('.');
        }
    }

    private static PostmarkErrorBody? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            PostmarkErrorBody? error = JsonSerializer.Deserialize(body, PostmarkJsonContext.Wire.PostmarkErrorBody);
            return error is { ErrorCode: not null } or { Message: not null } ? error : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Postmark echoes the code in X-PM-ApiErrorCode; used when the body has none.
    private static string? HeaderCode(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-PM-ApiErrorCode", out var values) ? values.FirstOrDefault() : null;
}
