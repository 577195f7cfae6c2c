using System.Text.Json;
using System.Text.RegularExpressions;

namespace Martech.Sdk;

/// <summary>
/// Turns Mailgun's error responses into the SDK's exceptions. Mailgun answers errors with <c>{"message":"…"}</c>
/// (400, 402, 404, 413, 429, 5xx) and often with plain text (<c>Forbidden</c> on 401); a message naming a parameter
/// (<c>'from' parameter is missing</c>) also yields a field error. Malformed or empty bodies still give a clear
/// message. Mailgun has no error codes, so <see cref="MartechRequestException.ErrorCode"/> stays empty.
/// </summary>
internal sealed partial class MailgunErrorMapper : IMartechErrorMapper
{
    public static MailgunErrorMapper Instance { get; } = new();

    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        string? body = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        string? message = MessageOf(body);
        IReadOnlyList<MartechFieldError>? fieldErrors = null;
        if (message is not null && ParameterName().Match(message) is { Success: true } match)
        {
            fieldErrors = [new MartechFieldError(match.Groups["field"].Value, message)];
        }

        return MartechErrors.Create(response, context, message, errorCode: null, requestId: null, fieldErrors);
    }

    /// <summary>The message of an error body: its <c>message</c> property, else the text itself.</summary>
    internal static string? MessageOf(string? body)
    {
        if (body is null)
        {
            return "the error body could not be read";
        }

        string trimmed = body.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (trimmed[0] != '{')
        {
            return trimmed; // "Forbidden", an HTML error page, …
        }

        try
        {
            using var document = JsonDocument.Parse(trimmed);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out JsonElement value)
                && value.ValueKind == JsonValueKind.String
                && !string.IsNullOrWhiteSpace(value.GetString()))
            {
                return value.GetString();
            }
        }
        catch (JsonException)
        {
            // A truncated or malformed body: its text is still the best description.
        }

        return trimmed;
    }

    // Mailgun names the offending parameter in quotes: "'from' parameter is missing", "'to' parameter is not a valid address".
    [GeneratedRegex(@"^'(?<field>[^']{1,100})' parameter", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ParameterName();
}
