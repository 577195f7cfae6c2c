using System.Text.Json;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// Maps Pipedrive's error responses — <c>{"success": false, "error": "…", "error_info": "…", "errorCode": 404}</c> (v1)
/// or with a string <c>code</c> (v2) — to the SDK's exceptions: the message carries <c>error</c> and
/// <c>error_info</c>, <see cref="MartechRequestException.ErrorCode"/> the vendor's code, and field errors are read
/// from an <c>errors</c> array where one is sent. A malformed or empty body still gives a clear message.
/// </summary>
internal sealed class PipedriveErrorMapper : IMartechErrorMapper
{
    public static PipedriveErrorMapper Instance { get; } = new();

    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        string? body = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        PipedriveError error = Parse(body);
        return MartechErrors.Create(response, context, error.Message, error.Code, fieldErrors: error.FieldErrors);
    }

    /// <summary>Reads an error body; never throws.</summary>
    internal static PipedriveError Parse(string? body)
    {
        if (body is null)
        {
            return new PipedriveError("the error body could not be read", null, []);
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return new PipedriveError(null, null, []);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new PipedriveError(body, null, []);
            }

            string? message = Compose(Text(root, "error") ?? Text(root, "message"), Text(root, "error_info"));
            string? code = Text(root, "code") ?? Text(root, "errorCode") ?? Text(root, "error_code");
            var fieldErrors = new List<MartechFieldError>();
            ReadFieldErrors(root, fieldErrors);
            if (root.TryGetProperty("data", out JsonElement data) && data.ValueKind == JsonValueKind.Object)
            {
                ReadFieldErrors(data, fieldErrors);
            }

            return new PipedriveError(message ?? body, code, fieldErrors);
        }
        catch (JsonException)
        {
            return new PipedriveError(body, null, []);
        }
    }

    /// <summary>Joins Pipedrive's <c>error</c> and <c>error_info</c> into one message.</summary>
    internal static string? Compose(string? error, string? errorInfo) =>
        (string.IsNullOrWhiteSpace(error), string.IsNullOrWhiteSpace(errorInfo)) switch
        {
            (true, true) => null,
            (false, true) => error,
            (true, false) => errorInfo,
            _ => $"{error} ({errorInfo})",
        };

    /// <summary>The text of a string or number property, or <see langword="null"/>.</summary>
    internal static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;

    private static void ReadFieldErrors(JsonElement element, List<MartechFieldError> into)
    {
        if (!element.TryGetProperty("errors", out JsonElement errors) || errors.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (JsonElement item in errors.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                string? field = Text(item, "field") ?? Text(item, "path") ?? Text(item, "key");
                string message = Text(item, "message") ?? Text(item, "error") ?? item.GetRawText();
                into.Add(new MartechFieldError(field, message, Text(item, "code")));
            }
            else if (item.ValueKind == JsonValueKind.String)
            {
                into.Add(new MartechFieldError(null, item.GetString()!));
            }
        }
    }
}
