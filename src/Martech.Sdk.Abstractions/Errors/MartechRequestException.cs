using System.Net;

namespace Martech.Sdk;

/// <summary>
/// A vendor answered a request with an error. A 5xx answer to a request that is not idempotent (a send, a create) has
/// <see cref="MartechException.MayHaveBeenProcessed"/> set: the vendor may have acted on it before failing, so it was not
/// sent again; a 4xx answer, a rate limit, or any answer to an idempotent request has it clear.
/// </summary>
public class MartechRequestException : MartechException
{
    /// <summary>Creates an exception.</summary>
    public MartechRequestException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">The message, already redacted.</param>
    public MartechRequestException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and a cause.</summary>
    /// <param name="message">The message, already redacted.</param>
    /// <param name="innerException">The cause.</param>
    public MartechRequestException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status, where there was a response.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>The vendor's error code, such as HubSpot's <c>category</c> or Salesforce's <c>errorCode</c>.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The vendor's request or correlation id, to quote to the vendor's support.</summary>
    public string? RequestId { get; init; }

    /// <summary>Field-level errors the vendor reported.</summary>
    public IReadOnlyList<MartechFieldError> FieldErrors { get; init; } = [];
}
