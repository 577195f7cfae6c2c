using System.Text.Json;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary><c>Raw</c> of Mailgun suppressions: the list record re-serialized from the SDK's wire type, without the
/// members the record did not have.</summary>
public sealed class MailgunRawJsonWireTests
{
    private const string Base = MailgunWire.Us + "v3/" + MailgunWire.Domain + "/";

    [Fact]
    public async Task ListAsync_UnsubscribeWithTwoTags_BothSuppressionsCarryTheOneRecord()
    {
        using var mock = new MockHttpMessageHandler();
        string next = Base + "unsubscribes?page=next&address=u1%40example.com&limit=100";
        mock.Expect(HttpMethod.Get, Base + "unsubscribes?limit=100").Respond("application/json", $$$"""
            {"items":[{"address":"u1@example.com","tags":["newsletter","promo"],"created_at":"Fri, 21 Oct 2011 11:02:55 UTC","id":"5f1e6a"}],
             "paging":{"first":"{{{Base}}}unsubscribes?limit=100","next":"{{{next}}}","previous":"{{{next}}}","last":"{{{next}}}"}}
            """);
        mock.Expect(HttpMethod.Get, next).Respond("application/json", $$$"""{"items":[],"paging":{"next":"{{{next}}}"}}""");
        using var services = MailgunWire.Services(mock);

        var all = new List<EmailSuppression>();
        await foreach (EmailSuppression s in services.Suppressions().ListAsync(new SuppressionListOptions { Kind = SuppressionKind.GroupUnsubscribe }))
        {
            all.Add(s);
        }

        Assert.Equal(["newsletter", "promo"], all.Select(s => s.GroupId));
        Assert.All(all, s =>
        {
            Assert.Equal("5f1e6a", s.Raw.GetProperty("id").GetString());
            Assert.Equal(["newsletter", "promo"], s.Raw.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            Assert.False(s.Raw.TryGetProperty("code", out _));
            Assert.False(s.Raw.TryGetProperty("tag", out _));
        });
        Assert.Equal(JsonValueKind.Object, all[0].Raw.ValueKind);
    }
}
