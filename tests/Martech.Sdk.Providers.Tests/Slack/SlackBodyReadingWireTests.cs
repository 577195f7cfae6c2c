using System.Net;
using Martech.Sdk.Slack;

namespace Martech.Sdk.Providers.Tests.Slack;

/// <summary>Answers whose body breaks or cannot be understood after Slack may have acted: a post is never reported as
/// "not accepted" (which invites a resend and a double post), and no raw <see cref="HttpRequestException"/> escapes.</summary>
public sealed class SlackBodyReadingWireTests
{
    private static OutgoingMessage Hi => new() { Destination = MessageDestination.Channel("C0123LEADS"), Text = "hi" };

    [Fact]
    public async Task SendAsync_TruncatedOkBody_MayHaveBeenProcessed()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new TruncatedContent("""{"ok":true,"chan""") };

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => wire.Sender.SendAsync(Hi));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal("chat.postMessage", ex.Operation);
        Assert.Equal("Slack", ex.Provider);
        Assert.Contains("HTTP 200", ex.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_MalformedOkBody_MayHaveBeenProcessed_NotRejected()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => SlackWire.Json("""{"ok":true,"channel":"C0123LEADS","ts":"1700<<malformed>>""");

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => wire.Sender.SendAsync(Hi));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal("chat.postMessage", ex.Operation);
        Assert.Contains("may have been processed", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not accept", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_HtmlOkBody_MayHaveBeenProcessed_QuotesIt()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("<html>proxy error</html>") };

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => wire.Sender.SendAsync(Hi));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("proxy error", ex.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ServerError_MayHaveBeenProcessed_CarriesSlacksError()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => SlackWire.Json("""{"ok":false,"error":"internal_error"}""", HttpStatusCode.InternalServerError);

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Hi));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("chat.postMessage", ex.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", ex.Message, StringComparison.Ordinal);
        Assert.Contains("internal_error", ex.Message, StringComparison.Ordinal);
        Assert.Contains("may have been processed; it was not sent again", ex.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Equal("internal_error", ex.ErrorCode);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_ServerErrorWithTruncatedBody_MayHaveBeenProcessed()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new TruncatedContent("""{"ok":fa""") };

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Hi));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(HttpStatusCode.BadGateway, ex.StatusCode);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task ListConversationsAsync_TruncatedBody_IsATransportException()
    {
        await using var wire = SlackWire.Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new TruncatedContent("""{"ok":true,"channels":[""") };

        var ex = await Assert.ThrowsAsync<MartechTransportException>(async () =>
        {
            await foreach (SlackConversation unused in wire.Conversations.ListConversationsAsync())
            {
            }
        });

        Assert.Equal("conversations.list", ex.Operation);
        Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
    }
}
