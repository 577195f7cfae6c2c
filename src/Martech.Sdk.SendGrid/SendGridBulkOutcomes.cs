using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Martech.Sdk;

/// <summary>
/// Per-item outcomes of SendGrid bulk operations, and the codes they carry: how a failed request maps back to the
/// exact items it held. A mail send rejected with 400 fails every message of the request (SendGrid sends none of
/// them); an error whose <c>field</c> names a personalization (<c>personalizations.3.to</c>) is given to that message,
/// and the other messages fail with <see cref="BatchRejectedCode"/>, saying they were not at fault.
/// </summary>
internal static partial class SendGridBulkOutcomes
{
    /// <summary>The item was null.</summary>
    public const string NullItemCode = "NULL_ITEM";

    /// <summary>The item failed client-side validation; nothing was sent.</summary>
    public const string InvalidMessageCode = "INVALID_MESSAGE";

    /// <summary>The item's request was never sent because the call was cancelled.</summary>
    public const string CancelledCode = "CANCELLED";

    /// <summary>The request never left: safe to send again.</summary>
    public const string NotSentCode = "NOT_SENT";

    /// <summary>The request may have reached SendGrid: check before sending again.</summary>
    public const string UnknownOutcomeCode = "UNKNOWN_OUTCOME";

    /// <summary>SendGrid rejected the request because of another message in it; this one was not sent.</summary>
    public const string BatchRejectedCode = "BATCH_REJECTED";

    /// <summary>The vendor refused an item that SendGrid has no API for (such as adding a bounce).</summary>
    public const string UnsupportedCode = "UNSUPPORTED";

    /// <summary>An idempotent request failed in transport; the item is safe to repeat.</summary>
    public const string TransportFailedCode = "TRANSPORT_FAILED";

    /// <summary>An item missing a value the vendor needs, such as a group id.</summary>
    public const string MissingValueCode = "MISSING_VALUE";

    public static BulkItemResult<T> Failed<T>(int index, BulkItemError error) => new(index, BulkItemStatus.Failed, default, error);

    /// <summary>The same outcome for every item of a request.</summary>
    public static List<BulkItemResult<T>> All<T>(IReadOnlyList<int> indexes, BulkItemStatus status, BulkItemError error)
    {
        var outcomes = new List<BulkItemResult<T>>(indexes.Count);
        foreach (int index in indexes)
        {
            outcomes.Add(new BulkItemResult<T>(index, status, default, error));
        }

        return outcomes;
    }

    /// <summary>The outcomes of a mail send request SendGrid rejected (4xx): every message failed, with the errors
    /// that name its personalization, or those that name none.</summary>
    /// <param name="indexes">The input index of each personalization, in request order.</param>
    /// <param name="exception">The rejection.</param>
    /// <returns>One failed outcome per message.</returns>
    public static List<BulkItemResult<EmailSendResult>> Rejected(IReadOnlyList<int> indexes, MartechRequestException exception)
    {
        string code = exception.ErrorCode ?? $"HTTP_{((int?)exception.StatusCode ?? 0).ToString(CultureInfo.InvariantCulture)}";
        var own = new List<MartechFieldError>?[indexes.Count];
        var shared = new List<MartechFieldError>();
        foreach (MartechFieldError error in exception.FieldErrors)
        {
            if (PersonalizationOf(error.Field, out int position, out string? rest) && position < indexes.Count)
            {
                (own[position] ??= []).Add(error with { Field = rest });
            }
            else
            {
                shared.Add(error);
            }
        }

        bool anyOwn = Array.Exists(own, list => list is not null);
        var outcomes = new List<BulkItemResult<EmailSendResult>>(indexes.Count);
        for (int position = 0; position < indexes.Count; position++)
        {
            BulkItemError error;
            if (own[position] is { } mine)
            {
                mine.AddRange(shared);
                error = new BulkItemError($"SendGrid rejected the message: {Describe(mine)}", code, mine[0].Field, exception);
            }
            else if (anyOwn && shared.Count == 0)
            {
                error = new BulkItemError(
                    $"SendGrid rejected the request this message was batched in, because of other messages in it ({Describe(exception.FieldErrors)}); this message was not sent and can be sent again.",
                    BatchRejectedCode,
                    Exception: exception);
            }
            else
            {
                error = new BulkItemError(
                    shared.Count > 0 ? $"SendGrid rejected the message: {Describe(shared)}" : exception.Message,
                    code,
                    shared.Count > 0 ? shared[0].Field : null,
                    exception);
            }

            outcomes.Add(Failed<EmailSendResult>(indexes[position], error));
        }

        return outcomes;
    }

    /// <summary>Reads <c>personalizations.N</c>, <c>personalizations.N.rest</c> or <c>personalizations[N].rest</c>.</summary>
    internal static bool PersonalizationOf(string? field, out int position, out string? rest)
    {
        position = -1;
        rest = null;
        if (field is null || PersonalizationField().Match(field) is not { Success: true } match)
        {
            return false;
        }

        string digits = match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value;
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out position))
        {
            position = -1;
            return false;
        }

        rest = match.Groups[3].Success ? match.Groups[3].Value : null;
        return true;
    }

    [GeneratedRegex(@"^personalizations(?:\.(\d{1,9})|\[(\d{1,9})\])(?:\.(.+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonalizationField();

    private static string Describe(IEnumerable<MartechFieldError> errors)
    {
        var text = new StringBuilder();
        foreach (MartechFieldError error in errors)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            if (error.Field is not null)
            {
                text.Append(error.Field).Append(": ");
            }

            text.Append(error.Message);
        }

        return text.ToString();
    }
}
