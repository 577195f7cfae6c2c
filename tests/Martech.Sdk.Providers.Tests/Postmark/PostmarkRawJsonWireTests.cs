using System.Net;

namespace Martech.Sdk.Providers.Tests.Postmark;

/// <summary><c>Raw</c> of Postmark suppressions: the dump row, or the per-address status of a change, re-serialized from
/// the SDK's wire type.</summary>
public sealed class PostmarkRawJsonWireTests
{
    [Fact]
    public async Task ListAsync_SuppressionReasonOriginAndUnknownMembersAreReadFromRaw()
    {
        await using var wire = PostmarkWire.Create(o => o.BroadcastMessageStream = "outbound");
        wire.On(HttpMethod.Get, "message-streams/outbound/suppressions/dump", HttpStatusCode.OK, """
            {"Suppressions":[{"EmailAddress":"address@wildbit.com","SuppressionReason":"ManualSuppression","Origin":"Recipient","CreatedAt":"2019-12-17T08:58:33-05:00","MessageID":"b7bc2f4a"}]}
            """);

        var all = new List<EmailSuppression>();
        await foreach (EmailSuppression s in wire.Suppressions.ListAsync())
        {
            all.Add(s);
        }

        EmailSuppression only = Assert.Single(all);
        Assert.Equal("ManualSuppression", only.Raw.GetProperty("SuppressionReason").GetString());
        Assert.Equal("Recipient", only.Raw.GetProperty("Origin").GetString());
        Assert.Equal("2019-12-17T08:58:33-05:00", only.Raw.GetProperty("CreatedAt").GetString());
        Assert.Equal("b7bc2f4a", only.Raw.GetProperty("MessageID").GetString());
    }

    [Fact]
    public async Task RemoveAsync_EachSucceededItemCarriesPostmarksStatusForIt()
    {
        await using var wire = PostmarkWire.Create();
        wire.On(HttpMethod.Post, "message-streams/outbound/suppressions/delete", HttpStatusCode.OK, """
            {"Suppressions":[{"EmailAddress":"good.address@example.com","Status":"Deleted","Message":null}]}
            """);

        var result = await wire.Suppressions.RemoveAsync([new EmailSuppression { Email = EmailAddress.Parse("good.address@example.com"), Kind = SuppressionKind.Bounce }]);

        EmailSuppression removed = Assert.Single(result.Items).Value!;
        Assert.Equal("Deleted", removed.Raw.GetProperty("Status").GetString());
        Assert.Equal("good.address@example.com", removed.Raw.GetProperty("EmailAddress").GetString());
        Assert.False(removed.Raw.TryGetProperty("Message", out _));
    }
}
