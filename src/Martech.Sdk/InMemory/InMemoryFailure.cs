using System.Net;

namespace Martech.Sdk;

/// <summary>
/// Why an in-memory store operation was refused, as a vendor would answer it: the status a vendor would send, an
/// error code and the field at fault. Single calls turn it into an exception; bulk calls into a
/// <see cref="BulkItemError"/> for the one item.
/// </summary>
/// <param name="Code">The error code, such as <c>"DUPLICATE_EMAIL"</c>.</param>
/// <param name="Message">A readable reason.</param>
/// <param name="Field">The field at fault, where there is one.</param>
/// <param name="StatusCode">The HTTP status a vendor would answer with.</param>
internal sealed record InMemoryFailure(string Code, string Message, string? Field, HttpStatusCode StatusCode)
{
    public const string NotFoundCode = "NOT_FOUND";
    public const string ContactNotFoundCode = "CONTACT_NOT_FOUND";
    public const string DuplicateEmailCode = "DUPLICATE_EMAIL";
    public const string LeadAlreadyConvertedCode = "LEAD_ALREADY_CONVERTED";
    public const string MissingKeyCode = "MISSING_KEY";
    public const string NullItemCode = "NULL_ITEM";
    public const string InvalidIdCode = "INVALID_ID";
    public const string InvalidMessageCode = "INVALID_MESSAGE";
    public const string CancelledCode = "CANCELLED";

    public static InMemoryFailure NotFound(string message, string? field = null, string code = NotFoundCode) =>
        new(code, message, field, HttpStatusCode.NotFound);

    public static InMemoryFailure Conflict(string code, string message, string? field = null) =>
        new(code, message, field, HttpStatusCode.Conflict);

    /// <summary>The exception a single call throws for this failure.</summary>
    /// <param name="provider">The provider instance name.</param>
    /// <returns>A <see cref="MartechNotFoundException"/> for 404, otherwise a <see cref="MartechRequestException"/>.</returns>
    public MartechRequestException ToException(string provider)
    {
        IReadOnlyList<MartechFieldError> fieldErrors = Field is null ? [] : [new MartechFieldError(Field, Message, Code)];
        return StatusCode == HttpStatusCode.NotFound
            ? new MartechNotFoundException(Message) { StatusCode = StatusCode, ErrorCode = Code, Provider = provider, FieldErrors = fieldErrors }
            : new MartechRequestException(Message) { StatusCode = StatusCode, ErrorCode = Code, Provider = provider, FieldErrors = fieldErrors };
    }

    /// <summary>The error a bulk call reports for this failure.</summary>
    /// <returns>The error.</returns>
    public BulkItemError ToBulkError() => new(Message, Code, Field);
}
