using System.Text.Json;

namespace Martech.Sdk.Tests.Campaigns.VendorStats;

public sealed class VendorStatsJsonTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Theory]
    [InlineData("""{"opens":7}""", 7)]
    [InlineData("""{"opens":"7"}""", 7)]
    [InlineData("""{"opens":0}""", 0)]
    [InlineData("""{"opens":null}""", null)]
    [InlineData("""{"clicks":1}""", null)]
    [InlineData("""[1]""", null)]
    public void Count_NumberStringOrAbsent(string json, int? expected)
    {
        Assert.Equal(expected, VendorStatsJson.Count("SendGrid", Json(json), "opens"));
    }

    [Theory]
    [InlineData("""{"opens":-1}""")]
    [InlineData("""{"opens":1.5}""")]
    [InlineData("""{"opens":"many"}""")]
    [InlineData("""{"opens":3000000000}""")]
    [InlineData("""{"opens":{}}""")]
    public void Count_NotACount_ThrowsTransportExceptionNotProcessed(string json)
    {
        var ex = Assert.Throws<MartechTransportException>(() => VendorStatsJson.Count("SendGrid", Json(json), "opens"));

        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Equal("SendGrid", ex.Provider);
        Assert.Equal("campaigns.stats", ex.Operation);
        Assert.Contains("'opens'", ex.Message, StringComparison.Ordinal);
    }
}
