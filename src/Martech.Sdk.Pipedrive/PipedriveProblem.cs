namespace Martech.Sdk.Pipedrive;

/// <summary>Why an item cannot be written to Pipedrive, found before any write: the bulk item's failure, or the
/// single call's <see cref="ArgumentException"/>.</summary>
/// <param name="Message">What is wrong and how to fix it.</param>
/// <param name="Code">The SDK's code, such as <c>UNKNOWN_FIELD</c>.</param>
/// <param name="Field">The property or custom field at fault.</param>
/// <param name="UnknownName">Set when a custom field name was not found, so the caller may reload the field
/// definitions once and try again.</param>
internal sealed record PipedriveProblem(string Message, string Code, string? Field, bool UnknownName = false)
{
    public const string UnknownField = "UNKNOWN_FIELD";
    public const string FieldNotFound = "FIELD_NOT_FOUND";
    public const string InvalidOption = "INVALID_OPTION";
    public const string InvalidId = "INVALID_ID";
    public const string MissingKey = "MISSING_KEY";
    public const string NullItem = "NULL_ITEM";
    public const string NotFound = "NOT_FOUND";
    public const string Cancelled = "CANCELLED";

    /// <summary>The exception a single call throws for it.</summary>
    public ArgumentException ToException(string paramName) => new(Message, paramName);

    /// <summary>The bulk item error for it.</summary>
    public BulkItemError ToBulkError() => new(Message, Code, Field);
}
