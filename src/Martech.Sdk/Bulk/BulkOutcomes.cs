using System.Globalization;

namespace Martech.Sdk;

/// <summary>Outcomes of bulk items shared by every provider.</summary>
public static class BulkOutcomes
{
    /// <summary>The outcome of an item whose request failed with <paramref name="exception"/>, as the SDK maps it: the default <see cref="BulkRun{T}.ChunkFailure"/>.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="cancellationToken">The call's token, to tell the caller's cancellation apart.</param>
    /// <returns>The status and error for each item of the chunk still without an outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is null.</exception>
    public static (BulkItemStatus Status, BulkItemError Error) FromException(Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            OperationCanceledException when cancellationToken.IsCancellationRequested => (BulkItemStatus.Unknown, new BulkItemError(
                "The operation was cancelled while this item's request was in flight; the vendor may have applied it. Check before sending it again.",
                BulkItemCodes.Cancelled,
                Exception: exception)),
            MartechException { MayHaveBeenProcessed: true } => (BulkItemStatus.Unknown, new BulkItemError(
                $"{exception.Message} The vendor may have processed this item, so it was not sent again; check before retrying it.",
                BulkItemCodes.UnknownOutcome,
                Exception: exception)),
            MartechRequestException request => (BulkItemStatus.Failed, new BulkItemError(
                request.Message,
                request.ErrorCode ?? (request.StatusCode is { } status ? "HTTP_" + ((int)status).ToString(CultureInfo.InvariantCulture) : BulkItemCodes.RequestFailed),
                request.FieldErrors.Count > 0 ? request.FieldErrors[0].Field : null,
                exception)),
            _ => (BulkItemStatus.Failed, new BulkItemError(exception.Message, BulkItemCodes.RequestFailed, Exception: exception)),
        };
    }
}
