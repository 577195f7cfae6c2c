using System.Net;
using System.Text;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>Answers whose body breaks or cannot be understood after the webhook may have posted: never reported as
/// "not accepted" (which invites a resend and a double post), and no raw <see cref="HttpRequestException"/> escapes;
/// an error answer whose body breaks still maps to a clear exception.</summary>
public sealed class TeamsBodyReadingWireTests
{
    private static OutgoingMessage Hello() => new() { Destination = MessageDestination.Channel("sales"), Text = "Hello team" };

    private static TeamsWire Create() => TeamsWire.Create(o => o.Resilience.MaxRetryAttempts = 3);

    [Fact]
    public async Task SendAsync_TruncatedAcceptedBody_MayHaveBeenProcessed()
    {
        await using var wire = Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new TruncatedContent("{") };

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => wire.Sender.SendAsync(Hello()));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal("messages.send", ex.Operation);
        Assert.Equal("Teams", ex.Provider);
        Assert.Contains("HTTP 202", ex.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
        Assert.Single(wire.Requests);
    }

    [Theory]
    [InlineData("<<malformed>>")]
    [InlineData("{\"status\":\"queu<<malformed>>")]
    public async Task SendAsync_MalformedAcceptedBody_MayHaveBeenProcessed_NotRejected(string body)
    {
        await using var wire = Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.Accepted) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

        var ex = await Assert.ThrowsAsync<MartechTransportException>(() => wire.Sender.SendAsync(Hello()));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("may have been processed", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not accept", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_JsonAnswerWithByteOrderMark_Accepted()
    {
        await using var wire = Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([.. "\uFEFF"u8, .. "{\"status\":\"queued\"}"u8]) };

        MessageSendResult result = await wire.Sender.SendAsync(Hello());

        Assert.Equal(SendStatus.Accepted, result.Status);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task SendAsync_ServerError_NotRetried_MayHaveBeenProcessed(HttpStatusCode status)
    {
        await using var wire = Create();
        wire.Respond = _ => new HttpResponseMessage(status) { Content = new StringContent("""{"error":{"code":"InternalServerError","message":"Encountered internal server error."}}""", Encoding.UTF8, "application/json") };

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Hello()));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Contains("messages.send", ex.Message, StringComparison.Ordinal);
        Assert.Contains("InternalServerError", ex.Message, StringComparison.Ordinal);
        Assert.Contains("may have been processed; it was not sent again", ex.Message, StringComparison.Ordinal);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("InternalServerError", ex.ErrorCode);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_ErrorWithTruncatedBody_StillMapsClearly()
    {
        await using var wire = Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new TruncatedContent("""{"error":{"co""") };

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Hello()));

        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Contains("HTTP 400", ex.Message, StringComparison.Ordinal);
        Assert.Contains("could not be read", ex.Message, StringComparison.Ordinal);
        Assert.Single(wire.Requests);
    }

    [Fact]
    public async Task SendAsync_ServerErrorWithTruncatedBody_MayHaveBeenProcessed()
    {
        await using var wire = Create();
        wire.Respond = _ => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new TruncatedContent("""{"error":{"co""") };

        var ex = await Assert.ThrowsAsync<MartechRequestException>(() => wire.Sender.SendAsync(Hello()));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(HttpStatusCode.InternalServerError, ex.StatusCode);
        Assert.Single(wire.Requests);
    }
}
