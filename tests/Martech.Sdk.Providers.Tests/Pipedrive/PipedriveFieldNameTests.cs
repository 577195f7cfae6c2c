using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Providers.Tests.Pipedrive.PipedriveWire;

namespace Martech.Sdk.Providers.Tests.Pipedrive;

/// <summary>A custom field name with a line break or control character can name no Pipedrive field: refused before any
/// request, the field definitions included.</summary>
public sealed class PipedriveFieldNameTests : IDisposable
{
    private readonly MockHttpMessageHandler _mock = NewMock();
    private readonly ServiceProvider _services;

    public PipedriveFieldNameTests() => _services = Build(_mock);

    private IContactClient Contacts => _services.GetRequiredKeyedService<IContactClient>("Pipedrive");

    private ILeadClient Leads => _services.GetRequiredKeyedService<ILeadClient>("Pipedrive");

    public void Dispose()
    {
        _services.Dispose();
        _mock.Dispose();
    }

    [Theory]
    [InlineData("Shoe\r\nsize", "U+000D at index 4")]
    [InlineData("Shoe\0size", "U+0000 at index 4")]
    [InlineData("Shoe\u2028size", "U+2028 at index 4")]
    [InlineData("Shoe\u0085size", "U+0085 at index 4")]
    public async Task UpsertAsync_ControlCharacterInName_RefusedBeforeAnyRequest(string name, string found)
    {
        var any = _mock.When("*").Respond(HttpStatusCode.OK);
        var contact = new Contact { Email = EmailAddress.Parse("ada@example.com") };
        contact.CustomFields.Set(name, 38L);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Contacts.UpsertAsync(contact));

        Assert.Contains($"Contact.CustomFields['{name}'] is not a Pipedrive custom field key or name: it has {found}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task UpsertManyAsync_ControlCharacterInName_FailsTheItemWithoutWritingIt()
    {
        // The bulk path reads the field definitions once for all items; nothing else is sent.
        _mock.WhenFields();
        var any = _mock.When("*").Respond(HttpStatusCode.OK);
        var contact = new Contact { Email = EmailAddress.Parse("ada@example.com") };
        contact.CustomFields.Set("Shoe\nsize", 38L);

        BulkResult<Contact> result = await Contacts.UpsertManyAsync([contact]);

        BulkItemResult<Contact> item = Assert.Single(result.Items);
        Assert.Equal(BulkItemStatus.Failed, item.Status);
        Assert.Contains("U+000A at index 4", item.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }

    [Fact]
    public async Task CreateLead_ControlCharacterInName_RefusedBeforeAnyRequest()
    {
        var any = _mock.When("*").Respond(HttpStatusCode.OK);
        var lead = new Lead { Email = EmailAddress.Parse("ada@example.com") };
        lead.CustomFields.Set("Budget\tband\0", "high");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Leads.CreateAsync(lead));

        Assert.Contains("Lead.CustomFields['Budget\tband\0'] is not a Pipedrive custom field key or name: it has U+0009 at index 6", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, _mock.GetMatchCount(any));
    }
}
