namespace Martech.Sdk;

/// <summary>Why one item of a bulk operation failed, was withheld or has an unknown outcome.</summary>
/// <param name="Message">A readable reason.</param>
/// <param name="Code">The vendor's or the SDK's error code, such as <c>"INVALID_EMAIL"</c> or <c>"consent_missing"</c>.</param>
/// <param name="Field">The field at fault, where known.</param>
/// <param name="Exception">The exception behind the failure, where there was one.</param>
public sealed record BulkItemError(string Message, string? Code = null, string? Field = null, Exception? Exception = null);
