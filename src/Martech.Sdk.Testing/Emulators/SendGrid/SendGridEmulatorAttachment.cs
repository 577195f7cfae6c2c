namespace Martech.Sdk.Testing;

/// <summary>An attachment of a message a <see cref="SendGridEmulator"/> accepted, its Base64 content decoded.</summary>
/// <param name="FileName">The <c>filename</c>.</param>
/// <param name="Type">The <c>type</c> (MIME type), if given.</param>
/// <param name="Disposition">The <c>disposition</c>: <c>attachment</c> (the default) or <c>inline</c>.</param>
/// <param name="ContentId">The <c>content_id</c> of an inline attachment, if given.</param>
/// <param name="Content">The decoded bytes.</param>
public sealed record SendGridEmulatorAttachment(string FileName, string? Type, string Disposition, string? ContentId, ReadOnlyMemory<byte> Content);
