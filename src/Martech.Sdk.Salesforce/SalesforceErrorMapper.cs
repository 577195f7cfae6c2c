using System.Net;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// Maps Salesforce error responses to the SDK's exceptions. Salesforce answers errors with a JSON array
/// <c>[{"message","errorCode","fields"}]</c>: the first <c>errorCode</c> becomes <see cref="MartechRequestException.ErrorCode"/>
/// and every named field a <see cref="MartechFieldError"/>. <c>403 REQUEST_LIMIT_EXCEEDED</c> (the org's API allocation or
/// its concurrent-request limit) becomes <see cref="MartechRateLimitedException"/>; 401 (<c>INVALID_SESSION_ID</c>, after the
/// transport's one token renewal) <see cref="MartechAuthenticationException"/>; 404 <see cref="MartechNotFoundException"/>;
/// and 300 (an external id matching several records, whose body lists their URLs) a <see cref="MartechRequestException"/>
/// with the code <c>MULTIPLE_CHOICES</c>. Bodies that are not JSON still give a clear message.
/// </summary>
internal sealed class SalesforceErrorMapper : IMartechErrorMapper
{
    /// <summary>The code given to a 300 answer, which carries no error code of its own.</summary>
    public const string MultipleChoicesCode = "MULTIPLE_CHOICES";

    /// <summary>The code Salesforce answers when the org's API allocation or concurrency limit is used up.</summary>
    public const string RequestLimitExceededCode = "REQUEST_LIMIT_EXCEEDED";

    public static SalesforceErrorMapper Instance { get; } = new();

    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        string? body = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var (message, code, fields) = Parse(body, response.StatusCode);
        return MartechErrors.Create(
            response, context, message, code, fieldErrors: fields, rateLimited: string.Equals(code, RequestLimitExceededCode, StringComparison.Ordinal));
    }

    /// <summary>Reads the message, first code and field errors of an error body.</summary>
    internal static (string? Message, string? Code, IReadOnlyList<MartechFieldError> Fields) Parse(string? body, HttpStatusCode status)
    {
        if (body is null)
        {
            return ("the error body could not be read", null, []);
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, status == HttpStatusCode.MultipleChoices ? MultipleChoicesCode : null, []);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            return root.ValueKind switch
            {
                JsonValueKind.Array => ParseArray(root, status),
                JsonValueKind.Object => ParseObject(root),
                _ => (body, null, []),
            };
        }
        catch (JsonException)
        {
            return (body, status == HttpStatusCode.MultipleChoices ? MultipleChoicesCode : null, []);
        }
    }

    private static (string?, string?, IReadOnlyList<MartechFieldError>) ParseArray(JsonElement root, HttpStatusCode status)
    {
        var messages = new StringBuilder();
        var fields = new List<MartechFieldError>();
        var matches = new List<string>();
        string? code = null;
        foreach (JsonElement item in root.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String)
            {
                // 300 Multiple Choices: the URLs of the records an external id matched.
                matches.Add(item.GetString()!);
                continue;
            }

            if (item.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            string? message = Text(item, "message");
            string? itemCode = Text(item, "errorCode") ?? Text(item, "statusCode");
            code ??= itemCode;
            if (message is not null)
            {
                if (messages.Length > 0)
                {
                    messages.Append("; ");
                }

                messages.Append(message);
            }

            if (item.TryGetProperty("fields", out JsonElement named) && named.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement field in named.EnumerateArray())
                {
                    if (field.ValueKind == JsonValueKind.String)
                    {
                        fields.Add(new MartechFieldError(field.GetString(), message ?? itemCode ?? "invalid", itemCode));
                    }
                }
            }
        }

        if (matches.Count > 0 || (status == HttpStatusCode.MultipleChoices && code is null))
        {
            string ids = string.Join(", ", matches.Select(static url => url[(url.LastIndexOf('/') + 1)..]));
            return ($"the external id matches {matches.Count} records ({ids}); Salesforce does not choose between them", MultipleChoicesCode, fields);
        }

        return (messages.Length > 0 ? messages.ToString() : root.GetRawText(), code, fields);
    }

    private static (string?, string?, IReadOnlyList<MartechFieldError>) ParseObject(JsonElement root)
    {
        // OAuth-style ({"error","error_description"}) and single-object errors.
        string? code = Text(root, "errorCode") ?? Text(root, "error");
        string? message = Text(root, "message") ?? Text(root, "error_description") ?? code;
        return (message ?? root.GetRawText(), code, []);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
