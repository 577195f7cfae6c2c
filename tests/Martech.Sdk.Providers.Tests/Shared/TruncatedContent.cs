using System.Net;
using System.Text;

namespace Martech.Sdk.Providers.Tests;

/// <summary>A response body that breaks off as a dropped connection does: it writes the first bytes of its text, then
/// fails the read with the error SocketsHttpHandler raises when a response ends short of its Content-Length.</summary>
internal sealed class TruncatedContent : HttpContent
{
    private readonly byte[] _start;

    public TruncatedContent(string start, string mediaType = "application/json")
    {
        _start = Encoding.UTF8.GetBytes(start);
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_start);
        throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely.");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
