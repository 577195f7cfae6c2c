using System.Globalization;
using System.Net;

namespace Martech.Sdk;

/// <summary>The codes and reasons of bulk items that did not succeed, and how a failed request maps to one.</summary>
internal static class MailgunFailure
{
    public const string NullItemCode = "NULL_ITEM";
    public const string InvalidMessageCode = "INVALID_MESSAGE";
    public const string InvalidItemCode = "INVALID_ITEM";
    public const string UnsupportedKindCode = "UNSUPPORTED_KIND";
    public const string CancelledCode = "CANCELLED";
    public const string OutcomeUnknownCode = "OUTCOME_UNKNOWN";
    public const string TransportCode = "TRANSPORT_ERROR";

    /// <summary>The outcome of an item whose request failed: Unknown when a non-idempotent write may have reached
    /// Mailgun (no answer came back, or a 408/5xx answer, which the transport does not resend either), Failed
    /// otherwise.</summary>
    public static (BulkItemStatus Status, BulkItemError Error) FromException(Exception exception, bool idempotent)
    {
        switch (exception)
        {
            case MartechTransportException { MayHaveBeenProcessed: true } transport when !idempotent:
                return (BulkItemStatus.Unknown, new BulkItemError(
                    $"The outcome is unknown: the request may have reached Mailgun but no answer came back, so it was not sent again. Check Mailgun (its logs or Events API) before retrying. {transport.Message}",
                    OutcomeUnknownCode,
                    Exception: exception));
            case MartechRequestException { StatusCode: { } answered } request when !idempotent && (request.MayHaveBeenProcessed || answered == HttpStatusCode.RequestTimeout):
                // The transport's rule (a POST answered 5xx may have been processed) and a 408: neither is resent.
                return (BulkItemStatus.Unknown, new BulkItemError(
                    $"The outcome is unknown: Mailgun answered HTTP {(int)answered}, after which the message may still have been queued, so it was not sent again. Check Mailgun (its logs or Events API) before retrying. {request.Message}",
                    OutcomeUnknownCode,
                    Exception: exception));
            case MartechRequestException request:
                return (BulkItemStatus.Failed, new BulkItemError(
                    request.Message,
                    request.ErrorCode ?? (request.StatusCode is { } status ? "HTTP_" + ((int)status).ToString(CultureInfo.InvariantCulture) : null),
                    request.FieldErrors.Count > 0 ? request.FieldErrors[0].Field : null,
                    exception));
            default:
                return (BulkItemStatus.Failed, new BulkItemError(exception.Message, TransportCode, Exception: exception));
        }
    }

    /// <summary>The outcome of an item whose request was cancelled while in flight.</summary>
    public static (BulkItemStatus Status, BulkItemError Error) FromCancellation(OperationCanceledException exception, bool idempotent) =>
        idempotent
            ? (BulkItemStatus.Failed, new BulkItemError("The operation was cancelled while this item was in flight; it may or may not have been applied, and applying it again is safe.", CancelledCode, Exception: exception))
            : (BulkItemStatus.Unknown, new BulkItemError("The operation was cancelled while this item was in flight: it may have reached Mailgun, so its outcome is unknown and it was not sent again.", OutcomeUnknownCode, Exception: exception));
}
