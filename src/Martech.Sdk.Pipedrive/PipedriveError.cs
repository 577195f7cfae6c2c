namespace Martech.Sdk.Pipedrive;

/// <summary>What a Pipedrive error body said.</summary>
/// <param name="Message">The <c>error</c> and <c>error_info</c> text, or the body itself when it was not JSON.</param>
/// <param name="Code">The vendor's code (<c>code</c> or <c>errorCode</c>).</param>
/// <param name="FieldErrors">Field-level errors, where the body listed any.</param>
internal sealed record PipedriveError(string? Message, string? Code, IReadOnlyList<MartechFieldError> FieldErrors);
