using System.Net.Http.Headers;
using System.Text;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary>A request as it went on the wire: method, URL, headers and body, with multipart bodies split into parts.</summary>
internal sealed record CapturedRequest(
    HttpMethod Method,
    Uri Uri,
    string? Authorization,
    string? ContentType,
    byte[] Body,
    IReadOnlyList<FormPart> Parts)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The text fields as (name, value), in wire order.</summary>
    public IReadOnlyList<(string Name, string Value)> Fields =>
        [.. Parts.Where(p => p.FileName is null).Select(p => (p.Name, p.Text))];

    public static async Task<CapturedRequest> ReadAsync(HttpRequestMessage message)
    {
        byte[] body = message.Content is null ? [] : await message.Content.ReadAsByteArrayAsync();
        MediaTypeHeaderValue? contentType = message.Content?.Headers.ContentType;
        IReadOnlyList<FormPart> parts = contentType?.MediaType == "multipart/form-data"
            ? FormPart.Parse(body, contentType.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"'))
            : [];
        return new CapturedRequest(message.Method, message.RequestUri!, message.Headers.Authorization?.ToString(), contentType?.ToString(), body, parts);
    }
}

/// <summary>One part of a multipart/form-data body.</summary>
internal sealed record FormPart(string Name, string? FileName, string? ContentType, string ContentDisposition, byte[] Content)
{
    public string Text => Encoding.UTF8.GetString(Content);

    /// <summary>Splits a body on its boundary (RFC 2046): each part is headers, a blank line, then content.</summary>
    public static IReadOnlyList<FormPart> Parse(byte[] body, string boundary)
    {
        string text = Encoding.Latin1.GetString(body); // byte-preserving, so offsets match the bytes
        string delimiter = "--" + boundary;
        var parts = new List<FormPart>();
        int position = text.IndexOf(delimiter, StringComparison.Ordinal);
        Assert.True(position == 0, "The body does not start with its boundary.");
        while (true)
        {
            position += delimiter.Length;
            if (text.AsSpan(position).StartsWith("--"))
            {
                return parts;
            }

            Assert.True(text.AsSpan(position).StartsWith("\r\n"), "A boundary is not followed by CRLF.");
            int headersEnd = text.IndexOf("\r\n\r\n", position, StringComparison.Ordinal);
            int next = text.IndexOf("\r\n" + delimiter, headersEnd, StringComparison.Ordinal);
            Assert.True(headersEnd > 0 && next > 0, "A part is not terminated.");
            var headers = text[(position + 2)..headersEnd].Split("\r\n")
                .Select(line => line.Split(':', 2))
                .ToDictionary(pair => pair[0].Trim(), pair => Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(pair[1].Trim())), StringComparer.OrdinalIgnoreCase);
            string disposition = headers["Content-Disposition"];
            byte[] content = body[(headersEnd + 4)..next];
            parts.Add(new FormPart(Parameter(disposition, "name")!, Parameter(disposition, "filename"), headers.GetValueOrDefault("Content-Type"), disposition, content));
            position = next + 2;
        }
    }

    private static string? Parameter(string disposition, string name)
    {
        foreach (string piece in disposition.Split(';'))
        {
            string[] pair = piece.Trim().Split('=', 2);
            if (pair.Length == 2 && pair[0] == name)
            {
                return pair[1].Trim('"');
            }
        }

        return null;
    }
}
