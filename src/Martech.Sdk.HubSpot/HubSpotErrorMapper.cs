using System.Net;
using System.Text.Json;

namespace Martech.Sdk.HubSpot;

/// <summary>
/// Turns HubSpot's error bodies into the SDK's exceptions: <c>category</c> becomes
/// <see cref="MartechRequestException.ErrorCode"/> (on a 429, the rate-limit <c>policyName</c> such as
/// <c>TEN_SECONDLY_ROLLING</c> or <c>DAILY</c>, which says how long to wait), <c>correlationId</c> becomes
/// <see cref="MartechRequestException.RequestId"/>, and <c>errors[]</c> details (and the per-property list HubSpot
/// embeds in <c>VALIDATION_ERROR</c> messages) become <see cref="MartechRequestException.FieldErrors"/>. An empty,
/// truncated or non-JSON body still gives a clear exception from the status.
/// </summary>
public sealed class HubSpotErrorMapper : IMartechErrorMapper
{
    /// <summary>The shared instance.</summary>
    public static HubSpotErrorMapper Instance { get; } = new();

    /// <inheritdoc />
    public async ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(context);
        string? text = await DefaultErrorMapper.ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        HubSpotErrorBody? body = Parse(text);
        if (body is null)
        {
            string? fallback = text is null ? "the error body could not be read" : MartechErrors.Excerpt(text);
            return MartechErrors.Create(response, context, string.IsNullOrEmpty(fallback) ? null : fallback);
        }

        string? code = response.StatusCode == HttpStatusCode.TooManyRequests
            ? body.PolicyName ?? body.Category ?? body.ErrorType
            : body.Category ?? body.ErrorType;
        string? requestId = body.CorrelationId ?? body.RequestId;
        return MartechErrors.Create(response, context, body.Message, code, requestId, FieldErrors(body.Message, body.Errors));
    }

    /// <summary>Reads the field errors of an error: its <c>errors[]</c> details, or failing those the
    /// <c>[{"name":…,"message":…,"error":…}]</c> list HubSpot embeds in a <c>VALIDATION_ERROR</c> message.</summary>
    internal static IReadOnlyList<MartechFieldError> FieldErrors(string? message, List<HubSpotErrorDetail>? details)
    {
        var errors = new List<MartechFieldError>();
        if (details is not null)
        {
            foreach (HubSpotErrorDetail detail in details)
            {
                if (detail?.Message is { Length: > 0 } detailMessage)
                {
                    errors.Add(new MartechFieldError(FieldOf(detail), detailMessage, detail.Code));
                }
            }
        }

        if (errors.Count == 0)
        {
            ReadEmbeddedPropertyErrors(message, errors);
        }

        return errors;
    }

    /// <summary>The field a detail concerns: <c>context.propertyName</c>, else <c>in</c>.</summary>
    internal static string? FieldOf(HubSpotErrorDetail detail) =>
        detail.Context is { } context && context.TryGetValue("propertyName", out var names) && names is [{ } first, ..]
            ? first
            : detail.In;

    private static HubSpotErrorBody? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, HubSpotJsonContext.Default.HubSpotErrorBody);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // "Property values were not valid: [{\"isValid\":false,\"message\":\"…\",\"error\":\"INVALID_EMAIL\",\"name\":\"email\"}]"
    private static void ReadEmbeddedPropertyErrors(string? message, List<MartechFieldError> errors)
    {
        int start = message?.IndexOf("[{", StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(message.AsMemory(start));
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (JsonElement item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && Text(item, "message") is { Length: > 0 } itemMessage)
                {
                    errors.Add(new MartechFieldError(Text(item, "name"), itemMessage, Text(item, "error")));
                }
            }
        }
        catch (JsonException)
        {
            // Not the embedded list after all: the message itself says what went wrong.
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
