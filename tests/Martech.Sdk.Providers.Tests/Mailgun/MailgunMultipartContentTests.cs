using System.Net.Http.Headers;
using System.Text;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary>The hand-written multipart body is byte for byte what <see cref="MultipartFormDataContent"/> writes.</summary>
public sealed class MailgunMultipartContentTests
{
    [Fact]
    public async Task Body_FieldsAndFiles_SameBytesAsMultipartFormDataContent()
    {
        KeyValuePair<string, string>[] fields =
        [
            new("from", "Zoë Brand <hello@brand.example>"),
            new("to", "Ada <ada@example.com>"),
            new("subject", "Ünïcode ✓ and \"quotes\""),
            new("v:lead_id", "l_1"),
            new("text", string.Empty),
        ];
        var pdf = new EmailAttachment("facture-é.pdf", "application/pdf", "%PDF-1.4 body"u8.ToArray());
        var logo = new EmailAttachment("logo.png", "image/png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 1, 2 });
        (string, string, EmailAttachment, MediaTypeHeaderValue)[] files =
        [
            ("attachment", pdf.FileName, pdf, new MediaTypeHeaderValue("application/pdf")),
            ("inline", "logo", logo, new MediaTypeHeaderValue("image/png") { CharSet = null }),
        ];

        using var content = new MailgunMultipartContent(fields, files);
        byte[] actual = await content.ReadAsByteArrayAsync();

        string boundary = content.Headers.ContentType!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        using var expected = new MultipartFormDataContent(boundary) { HeaderEncodingSelector = static (_, _) => Encoding.UTF8 };
        foreach (var (name, value) in fields)
        {
            var part = new StringContent(value);
            part.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"" + name + "\"");
            expected.Add(part);
        }

        foreach (var (field, fileName, attachment, type) in files)
        {
            var part = new ReadOnlyMemoryContent(attachment.Content);
            part.Headers.ContentType = type;
            part.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"" + field + "\"; filename=\"" + fileName + "\"");
            expected.Add(part);
        }

        Assert.Equal(Encoding.UTF8.GetString(await expected.ReadAsByteArrayAsync()), Encoding.UTF8.GetString(actual));
        Assert.Equal(await expected.ReadAsByteArrayAsync(), actual);
        Assert.Equal(actual.Length, content.Headers.ContentLength);
        Assert.Equal(expected.Headers.ContentType!.ToString(), content.Headers.ContentType.ToString());
    }

    [Fact]
    public async Task Body_ReadTwice_SameBytes()
    {
        using var content = new MailgunMultipartContent([new("to", "ada@example.com")], []);

        using var first = new MemoryStream();
        await content.CopyToAsync(first);
        using var second = new MemoryStream();
        await content.CopyToAsync(second);

        Assert.Equal(first.ToArray(), second.ToArray());
        Assert.Equal(first.Length, content.Headers.ContentLength);
    }
}
