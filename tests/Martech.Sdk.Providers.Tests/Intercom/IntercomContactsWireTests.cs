using System.Net;
using System.Text.Json.Nodes;
using Martech.Sdk.Intercom;

namespace Martech.Sdk.Providers.Tests.Intercom;

/// <summary>Contacts listing and search follow <c>pages.next.starting_after</c> until it is absent.</summary>
public sealed class IntercomContactsWireTests
{
    [Fact]
    public async Task ListAsync_ThreePages_FollowsStartingAfterUntilNextIsAbsent()
    {
        await using var wire = IntercomWire.Create();
        // MockHttp matches a query as a subset, so the most specific cursor is registered first.
        wire.On(HttpMethod.Get, "https://api.intercom.io/contacts?per_page=50&starting_after=CUR2", HttpStatusCode.OK,
            """{"type":"list","data":[{"type":"contact","id":"c3","email":null}],"pages":{"type":"pages","page":3}}""");
        wire.On(HttpMethod.Get, "https://api.intercom.io/contacts?per_page=50&starting_after=CUR1", HttpStatusCode.OK,
            """{"type":"list","data":[{"type":"contact","id":"c2","email":"b@x.example"}],"pages":{"type":"pages","next":{"per_page":50,"starting_after":"CUR2"}}}""");
        wire.On(HttpMethod.Get, "https://api.intercom.io/contacts?per_page=50", HttpStatusCode.OK,
            """{"type":"list","data":[{"type":"contact","id":"c1","email":"a@x.example"}],"pages":{"type":"pages","next":{"per_page":50,"starting_after":"CUR1"}}}""");
        var contacts = (IIntercomContacts)wire.Sender.GetService(typeof(IIntercomContacts))!;

        var ids = new List<string?>();
        await foreach (Contact contact in contacts.ListAsync())
        {
            ids.Add(contact.Id);
        }

        Assert.Equal(["c1", "c2", "c3"], ids);
        Assert.Equal(3, wire.Requests.Count);
        Assert.All(wire.Requests, r => Assert.Equal("2.14", r.Headers["Intercom-Version"]));
    }

    [Fact]
    public async Task SearchByEmailAsync_PostsTheExactQueryAndParsesEmail()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Post, "https://api.intercom.io/contacts/search", HttpStatusCode.OK,
            """{"type":"list","data":[{"type":"contact","id":"c1","email":"ada@analytical.example","custom_attributes":{"tier":"gold"}}],"total_count":1,"pages":{"type":"pages","page":1}}""");
        var contacts = (IIntercomContacts)wire.Sender.GetService(typeof(IIntercomContacts))!;

        var found = new List<Contact>();
        await foreach (Contact contact in contacts.SearchByEmailAsync("ada@analytical.example"))
        {
            found.Add(contact);
        }

        Contact single = Assert.Single(found);
        Assert.Equal("ada@analytical.example", single.Email?.ToString());
        var request = Assert.Single(wire.Requests);
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"query":{"field":"email","operator":"=","value":"ada@analytical.example"},"pagination":{"per_page":50}}"""),
            JsonNode.Parse(request.Body)), request.Body);
    }
}
