using System.Net;

namespace Martech.Sdk.HubSpot;

/// <summary>Reads the per-input errors of a HubSpot batch answer (<c>StandardError</c>): which inputs they name, and
/// the exception or bulk error they become.</summary>
internal static class HubSpotBatchErrors
{
    public const string ObjectNotFound = "OBJECT_NOT_FOUND";

    // The context keys under which HubSpot names the inputs an error concerns.
    private static readonly string[] IdKeys = ["ids", "id", HubSpotPropertyNames.Email];

    /// <summary>The input ids (record ids or id-property values) an error names: its <c>context.ids</c> and kin, and its
    /// <c>id</c>.</summary>
    public static IEnumerable<string> IdsOf(HubSpotStandardError error)
    {
        if (!string.IsNullOrEmpty(error.Id))
        {
            yield return error.Id;
        }

        if (error.Context is null)
        {
            yield break;
        }

        foreach (string key in IdKeys)
        {
            if (error.Context.TryGetValue(key, out List<string>? values) && values is not null)
            {
                foreach (string value in values)
                {
                    if (!string.IsNullOrEmpty(value))
                    {
                        yield return value;
                    }
                }
            }
        }
    }

    /// <summary>A readable message for an error: its message, or its first detail's, or its category.</summary>
    public static string MessageOf(HubSpotStandardError error) =>
        error.Message is { Length: > 0 } message ? message
        : error.Errors is [{ Message.Length: > 0 } first, ..] ? first.Message!
        : $"HubSpot rejected the input ({error.Category ?? "no category given"}).";

    /// <summary>The bulk error of an input a batch rejected.</summary>
    public static BulkItemError ToBulkError(HubSpotStandardError error, MartechRedactor redactor)
    {
        string? field = error.Errors is [{ } detail, ..] ? HubSpotErrorMapper.FieldOf(detail) : null;
        return new BulkItemError(redactor.RedactText(MessageOf(error)), error.Category, field);
    }

    /// <summary>The exception of a single-input batch call (an upsert) whose input was rejected.</summary>
    public static MartechRequestException ToException(HubSpotStandardError error, string provider, string operation, MartechRedactor redactor)
    {
        string message = $"{provider} {operation} failed: HubSpot rejected the input ({error.Category ?? "no category"}): {redactor.RedactText(MessageOf(error))}";
        IReadOnlyList<MartechFieldError> fieldErrors = HubSpotErrorMapper.FieldErrors(error.Message, error.Errors);
        return string.Equals(error.Category, ObjectNotFound, StringComparison.OrdinalIgnoreCase)
            ? new MartechNotFoundException(message) { Provider = provider, StatusCode = HttpStatusCode.NotFound, ErrorCode = error.Category, FieldErrors = fieldErrors }
            : new MartechRequestException(message) { Provider = provider, StatusCode = HttpStatusCode.MultiStatus, ErrorCode = error.Category, FieldErrors = fieldErrors };
    }
}
