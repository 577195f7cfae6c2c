using System.Net;
using System.Text.Json;
using Martech.Sdk.Intercom;

namespace Martech.Sdk.Providers.Tests.Intercom;

/// <summary><c>Raw</c> of Intercom contacts: the contact re-serialized from the SDK's wire type, every member kept.</summary>
public sealed class IntercomRawJsonWireTests
{
    [Fact]
    public async Task ListAsync_RoleAndCustomAttributesAreReadFromRaw()
    {
        await using var wire = IntercomWire.Create();
        wire.On(HttpMethod.Get, "https://api.intercom.io/contacts?per_page=50", HttpStatusCode.OK,
            """
            {"type":"list","data":[
              {"type":"contact","id":"c1","role":"lead","email":"ada@analytical.example","external_id":null,"custom_attributes":{"tier":"gold"},"created_at":1714554000},
              {"type":"contact","id":"c2","role":"user","email":null}
            ],"pages":{"type":"pages","page":1}}
            """);
        var contacts = (IIntercomContacts)wire.Sender.GetService(typeof(IIntercomContacts))!;

        var read = new List<Contact>();
        await foreach (Contact contact in contacts.ListAsync())
        {
            read.Add(contact);
        }

        Assert.Equal(["lead", "user"], read.Select(c => c.Raw.GetProperty("role").GetString()));
        Assert.Equal("gold", read[0].Raw.GetProperty("custom_attributes").GetProperty("tier").GetString());
        Assert.Equal(1714554000, read[0].Raw.GetProperty("created_at").GetInt64());
        Assert.Equal(JsonValueKind.Null, read[0].Raw.GetProperty("external_id").ValueKind);
        Assert.Equal("ada@analytical.example", read[0].Raw.GetProperty("email").GetString());
        Assert.False(read[1].Raw.TryGetProperty("email", out _));
    }
}
