namespace Martech.Sdk;

/// <summary>A file attached to an email, or an inline image when <see cref="ContentId"/> is set.</summary>
public sealed class EmailAttachment
{
    /// <summary>Creates an attachment.</summary>
    /// <param name="fileName">The file name the recipient sees.</param>
    /// <param name="contentType">The MIME type, such as <c>application/pdf</c>.</param>
    /// <param name="content">The bytes.</param>
    public EmailAttachment(string fileName, string contentType, ReadOnlyMemory<byte> content)
    {
        FileName = fileName;
        ContentType = contentType;
        Content = content;
    }

    /// <summary>The file name the recipient sees.</summary>
    public string FileName { get; }

    /// <summary>The MIME type.</summary>
    public string ContentType { get; }

    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Content { get; }

    /// <summary>For an inline image: the id the HTML body refers to as <c>cid:…</c>.</summary>
    public string? ContentId { get; init; }
}
