using Martech.Sdk.HubSpot;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>An id goes into the path as one escaped segment; dot segments, which escaping leaves as they are and which
/// would resolve to another path, are refused before any request (the wire fails on any request).</summary>
public sealed class HubSpotPathSegmentTests
{
    [Theory]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("1\u00002")]
    public async Task GetAsync_DotSegmentOrControlId_RefusedBeforeAnyRequest(string id)
    {
        await using var wire = new HubSpotWire();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Contacts.GetAsync(id));

        Assert.Contains("is not a HubSpot record id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Item_IdWithSlashQueryAndHash_IsEscapedIntoOneSegment()
    {
        var paths = new HubSpotPaths("/crm/v3/objects/", "contacts");

        Assert.Equal("crm/v3/objects/contacts/a%2Fb%3Fc%23d", paths.Item("a/b?c#d"));
    }
}
