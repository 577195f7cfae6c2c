using System.Buffers;
using System.Net.Http.Headers;
using System.Text;

namespace Martech.Sdk;

/// <summary>
/// The <c>multipart/form-data</c> body of a Mailgun send, written straight to the request stream: the same bytes
/// <see cref="MultipartFormDataContent"/> writes for one <see cref="StringContent"/> per text field and one content per
/// file (the boundary, then each part's <c>Content-Type</c> and <c>Content-Disposition</c> headers in UTF-8, a blank
/// line and the value), without a content object, header collection and string per field.
/// </summary>
/// <remarks>The text of all parts goes through one pooled buffer sized exactly; file contents are written from their
/// own memory, never copied. The length is known up front, so the request carries <c>Content-Length</c>.</remarks>
internal sealed class MailgunMultipartContent : HttpContent
{
    private const string TextPartHeaders = "Content-Type: text/plain; charset=utf-8\r\nContent-Disposition: form-data; name=\"";

    private readonly IReadOnlyList<KeyValuePair<string, string>> _fields;
    private readonly IReadOnlyList<(string Field, string FileName, EmailAttachment Attachment, MediaTypeHeaderValue ContentType)> _files;
    private readonly string _boundary = Guid.NewGuid().ToString();
    private readonly long _length;
    private readonly int _textLength;

    public MailgunMultipartContent(
        IReadOnlyList<KeyValuePair<string, string>> fields,
        IReadOnlyList<(string Field, string FileName, EmailAttachment Attachment, MediaTypeHeaderValue ContentType)> files)
    {
        _fields = fields;
        _files = files;
        Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=\"" + _boundary + "\"");

        // "--" boundary CRLF before the first part, CRLF "--" boundary CRLF before each other, CRLF "--" boundary "--" CRLF at the end.
        int delimiter = 2 + _boundary.Length + 2;
        int parts = fields.Count + files.Count;
        int text = (parts * delimiter) + ((parts - 1) * 2) + 2 + 2 + _boundary.Length + 2 + 2;
        foreach (var (name, value) in fields)
        {
            text += TextPartHeaders.Length + Encoding.UTF8.GetByteCount(name) + 5 + Encoding.UTF8.GetByteCount(value);
        }

        long files_ = 0;
        foreach (var (field, fileName, attachment, contentType) in files)
        {
            text += Encoding.UTF8.GetByteCount(FileHeaders(field, fileName, contentType));
            files_ += attachment.Content.Length;
        }

        _textLength = text;
        _length = text + files_;
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(_textLength);
        try
        {
            int used = 0;
            for (int part = 0; part < _fields.Count + _files.Count; part++)
            {
                used += Write(buffer, used, part == 0 ? "--" : "\r\n--");
                used += Write(buffer, used, _boundary);
                used += Write(buffer, used, "\r\n");
                if (part < _fields.Count)
                {
                    var (name, value) = _fields[part];
                    used += Write(buffer, used, TextPartHeaders);
                    used += Write(buffer, used, name);
                    used += Write(buffer, used, "\"\r\n\r\n");
                    used += Write(buffer, used, value);
                    continue;
                }

                var (field, fileName, attachment, contentType) = _files[part - _fields.Count];
                used += Write(buffer, used, FileHeaders(field, fileName, contentType));
                await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
                used = 0;
                await stream.WriteAsync(attachment.Content, cancellationToken).ConfigureAwait(false);
            }

            used += Write(buffer, used, "\r\n--");
            used += Write(buffer, used, _boundary);
            used += Write(buffer, used, "--\r\n");
            await stream.WriteAsync(buffer.AsMemory(0, used), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    private static string FileHeaders(string field, string fileName, MediaTypeHeaderValue contentType) =>
        "Content-Type: " + contentType + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"\r\n\r\n";

    private static int Write(byte[] buffer, int offset, string text) => Encoding.UTF8.GetBytes(text, 0, text.Length, buffer, offset);
}
