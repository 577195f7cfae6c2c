using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// The error mapper used when a provider declares none: status and headers decide the exception type, and the body
/// supplies a message from common JSON shapes (<c>message</c>, <c>error</c>, <c>error_description</c>,
/// <c>errors[0].message</c>) or, failing that, a redacted excerpt of its text. A malformed, truncated or unreadable
/// body still yields a clear exception.
/// </summary>
public sealed class DefaultErrorMapper : IMartechErrorMapper
{
    /// <summary>The shared instance.</summary>
    public static DefaultErrorMapper Instance { get; } = new();

    /// <inheritdoc />
    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        string? body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var (message, code) = Parse(body);
        return MartechErrors.Create(response, context, message, code);
    }

    /// <summary>Reads at most 64 KiB of an error body as text; <see langword="null"/> when it cannot be read.</summary>
    /// <param name="response">The response.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, or <see langword="null"/>.</returns>
    public static async Task<string?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        try
        {
            using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var reader = new StreamReader(stream);
            char[] buffer = new char[64 * 1024];
            int read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            return new string(buffer, 0, read);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or InvalidOperationException)
        {
            return null;
        }
    }

    private static (string? Message, string? Code) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (body is null ? "the error body could not be read" : null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0)
            {
                root = root[0];
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return (body, null);
            }

            string? message = Text(root, "message") ?? Text(root, "error_description") ?? Text(root, "detail") ?? Text(root, "title");
            string? code = Text(root, "errorCode") ?? Text(root, "code") ?? Text(root, "category") ?? Text(root, "error");
            if (message is null && root.TryGetProperty("errors", out JsonElement errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                message = errors[0].ValueKind == JsonValueKind.Object ? Text(errors[0], "message") : errors[0].ToString();
            }

            message ??= code == Text(root, "error") ? code : null;
            return (message ?? body, code);
        }
        catch (JsonException)
        {
            return (body, null);
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        } : null;
}
