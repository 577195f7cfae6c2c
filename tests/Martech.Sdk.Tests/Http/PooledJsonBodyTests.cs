using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Tests.Http;

public sealed class PooledJsonBodyTests
{
    [Fact]
    public void Writer_BodyLargerThanTheFirstBuffer_GrowsAndKeepsEveryByte()
    {
        using var body = new PooledJsonBody(sizeHint: 16);
        Utf8JsonWriter writer = body.Writer();
        writer.WriteStartObject();
        writer.WriteString("text", new string('x', 5000));
        writer.WriteEndObject();
        writer.Flush();

        string json = Encoding.UTF8.GetString(body.Written.Span);

        Assert.Equal("{\"text\":\"" + new string('x', 5000) + "\"}", json);
    }

    [Fact]
    public void Writer_TwoBodiesOneAfterTheOther_EachHoldsOnlyItsOwnJson()
    {
        using var first = new PooledJsonBody();
        Utf8JsonWriter a = first.Writer();
        a.WriteStringValue("first");
        a.Flush();
        using var second = new PooledJsonBody();
        Utf8JsonWriter b = second.Writer();
        b.WriteStringValue("second");
        b.Flush();

        Assert.Equal("\"first\"", Encoding.UTF8.GetString(first.Written.Span));
        Assert.Equal("\"second\"", Encoding.UTF8.GetString(second.Written.Span));
    }

    [Fact]
    public void Dispose_ReturnsTheBuffer_WrittenIsEmpty()
    {
        var body = new PooledJsonBody();
        Utf8JsonWriter writer = body.Writer();
        writer.WriteNumberValue(42);
        writer.Flush();

        body.Dispose();

        Assert.True(body.Written.IsEmpty);
    }
}
