namespace Martech.Sdk;

/// <summary>The <see cref="BulkItemError.Code"/> values that <see cref="BulkRun{T}"/> gives on its own.</summary>
public static class BulkItemCodes
{
    /// <summary>The call was cancelled: the item's request was not sent (status
    /// <see cref="BulkItemStatus.Failed"/>), or was in flight (status <see cref="BulkItemStatus.Unknown"/>).</summary>
    public const string Cancelled = "CANCELLED";

    /// <summary>The item's request may have reached the vendor but no usable answer came back; it was not sent
    /// again.</summary>
    public const string UnknownOutcome = "UNKNOWN_OUTCOME";

    /// <summary>The item's request failed with an error that names no vendor code.</summary>
    public const string RequestFailed = "REQUEST_FAILED";

    /// <summary>An internal error of the provider: its request code recorded no outcome for the item. Reported so
    /// that no item is ever dropped; it points at a defect to report.</summary>
    public const string NoOutcome = "NO_OUTCOME";
}
