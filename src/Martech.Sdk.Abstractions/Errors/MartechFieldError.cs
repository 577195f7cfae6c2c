namespace Martech.Sdk;

/// <summary>A vendor's complaint about one field of a request.</summary>
/// <param name="Field">The field, as the vendor names it.</param>
/// <param name="Message">What is wrong.</param>
/// <param name="Code">The vendor's code for it, where given.</param>
public sealed record MartechFieldError(string? Field, string Message, string? Code = null);
