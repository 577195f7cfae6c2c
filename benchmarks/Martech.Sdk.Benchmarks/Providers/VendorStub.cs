using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Martech.Sdk.Benchmarks;

/// <summary>One request as it went on the wire: what the equality check in <see cref="ProviderCallBenchmarks"/> compares.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Uri">The absolute URI.</param>
/// <param name="ContentType">The body's content type, as sent.</param>
/// <param name="Body">The body bytes.</param>
public sealed record WireRequest(string Method, string Uri, string? ContentType, byte[] Body)
{
    /// <summary>The request as text, with a multipart boundary replaced by a fixed one (boundaries are random).</summary>
    public string Normalised()
    {
        string body = Encoding.UTF8.GetString(Body);
        string? contentType = ContentType;
        int at = contentType?.IndexOf("boundary=", StringComparison.Ordinal) ?? -1;
        if (at >= 0)
        {
            string boundary = contentType![(at + "boundary=".Length)..].Trim('"');
            body = body.Replace(boundary, "BOUNDARY", StringComparison.Ordinal);
            contentType = contentType[..at] + "boundary=BOUNDARY";
        }

        return $"{Method} {Uri}\nContent-Type: {contentType}\n\n{body}";
    }
}

/// <summary>
/// Stands in for a vendor: reads each request body to the end, as a socket handler would, and answers as the vendor
/// does (status, JSON body, headers), chosen by the request. While <see cref="Recording"/> is set it also keeps each
/// request, for the check that the hand-written call and the SDK send the same bytes.
/// </summary>
/// <param name="answer">The vendor's answer to a request.</param>
public sealed class VendorStub(Func<HttpRequestMessage, VendorAnswer> answer) : HttpMessageHandler
{
    /// <summary>Where requests are kept, while set.</summary>
    public List<WireRequest>? Recording { get; set; }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Recording is { } recording)
        {
            byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            recording.Add(new WireRequest(request.Method.Method, request.RequestUri!.AbsoluteUri, request.Content?.Headers.ContentType?.ToString(), body));
        }
        else if (request.Content is not null)
        {
            await request.Content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        VendorAnswer a = answer(request);
        var response = new HttpResponseMessage(a.Status) { RequestMessage = request };
        if (a.Body is not null)
        {
            response.Content = new ByteArrayContent(a.Body);
            response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        }

        if (a.HeaderName is not null)
        {
            response.Headers.TryAddWithoutValidation(a.HeaderName, a.HeaderValue);
        }

        return response;
    }
}

/// <summary>A vendor's answer.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Body">The UTF-8 JSON body, or none.</param>
/// <param name="HeaderName">A response header, or none.</param>
/// <param name="HeaderValue">Its value.</param>
public sealed record VendorAnswer(HttpStatusCode Status, byte[]? Body, string? HeaderName = null, string? HeaderValue = null)
{
    /// <summary>An answer with a JSON body.</summary>
    public static VendorAnswer Json(HttpStatusCode status, string json) => new(status, Encoding.UTF8.GetBytes(json));
}
