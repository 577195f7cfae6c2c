namespace Martech.Sdk;

/// <summary>What happened to one item of a bulk operation.</summary>
public enum BulkItemStatus
{
    /// <summary>The item was created.</summary>
    Created,

    /// <summary>An existing item was updated.</summary>
    Updated,

    /// <summary>The operation succeeded for the item (sends, membership changes).</summary>
    Succeeded,

    /// <summary>The item was deliberately not processed, such as a marketing email without consent; see the reason.</summary>
    Withheld,

    /// <summary>The item failed; see the error.</summary>
    Failed,

    /// <summary>The outcome is unknown: the request may have reached the vendor but no answer came back. The SDK
    /// does not resend such items, since that could duplicate them; check the vendor before retrying.</summary>
    Unknown,
}
