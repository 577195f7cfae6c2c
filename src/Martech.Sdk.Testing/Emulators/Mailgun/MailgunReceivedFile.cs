namespace Martech.Sdk.Testing;

/// <summary>A file part of a message the <see cref="MailgunEmulator"/> received: an <c>attachment</c> or an
/// <c>inline</c> image (whose file name is the Content-ID the HTML refers to).</summary>
/// <param name="FileName">The part's file name.</param>
/// <param name="ContentType">The part's content type, such as <c>application/pdf</c>.</param>
/// <param name="Content">The bytes.</param>
public sealed record MailgunReceivedFile(string FileName, string? ContentType, ReadOnlyMemory<byte> Content);
