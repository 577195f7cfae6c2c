using System.Text;

namespace Martech.Sdk.Tests.Abstractions;

public class WebhookRequestTests
{
    private static readonly Uri Url = new("https://hooks.example.com/martech/sendgrid?x=1");

    [Fact]
    public void Headers_AreLookedUpIgnoringCase()
    {
        var request = new WebhookRequest("POST", Url, [new("X-Twilio-Email-Event-Webhook-Signature", "sig")], ReadOnlyMemory<byte>.Empty);

        Assert.Equal("sig", request.Headers["x-twilio-email-event-webhook-signature"]);
        Assert.True(request.Headers.ContainsKey("X-TWILIO-EMAIL-EVENT-WEBHOOK-SIGNATURE"));
        Assert.False(request.Headers.ContainsKey("X-Other"));
    }

    [Fact]
    public void Headers_RepeatedInAnyCase_AreJoinedInOrder()
    {
        var request = new WebhookRequest(
            "POST",
            Url,
            [new("Accept", "text/plain"), new("X-Forwarded-For", "1.1.1.1"), new("accept", "application/json"), new("ACCEPT", "*/*")],
            ReadOnlyMemory<byte>.Empty);

        Assert.Equal(2, request.Headers.Count);
        Assert.Equal("text/plain,application/json,*/*", request.Headers["Accept"]);
        Assert.Equal("1.1.1.1", request.Headers["x-forwarded-for"]);
    }

    [Fact]
    public void Constructor_KeepsMethodUrlAndBodyUnmodified()
    {
        byte[] body = Encoding.UTF8.GetBytes("[{\"event\":\"open\"}]\n");

        var request = new WebhookRequest("POST", Url, [], body);

        Assert.Equal("POST", request.Method);
        Assert.Same(Url, request.Url);
        Assert.Equal(body, request.Body.ToArray());
        Assert.Empty(request.Headers);
    }

    [Fact]
    public void Constructor_CopiesHeaders_LaterChangesToSourceDoNotLeakIn()
    {
        var source = new List<KeyValuePair<string, string>> { new("X-A", "1") };

        var request = new WebhookRequest("POST", Url, source, ReadOnlyMemory<byte>.Empty);
        source.Add(new("X-B", "2"));

        Assert.Single(request.Headers);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Constructor_BlankMethod_ThrowsArgumentException(string method)
    {
        var ex = Assert.Throws<ArgumentException>(() => new WebhookRequest(method, Url, [], ReadOnlyMemory<byte>.Empty));

        Assert.Equal("method", ex.ParamName);
    }

    [Fact]
    public void Constructor_NullArguments_ThrowArgumentNullException()
    {
        Assert.Equal("method", Assert.Throws<ArgumentNullException>(() => new WebhookRequest(null!, Url, [], ReadOnlyMemory<byte>.Empty)).ParamName);
        Assert.Equal("url", Assert.Throws<ArgumentNullException>(() => new WebhookRequest("POST", null!, [], ReadOnlyMemory<byte>.Empty)).ParamName);
        Assert.Equal("headers", Assert.Throws<ArgumentNullException>(() => new WebhookRequest("POST", Url, null!, ReadOnlyMemory<byte>.Empty)).ParamName);
    }
}
