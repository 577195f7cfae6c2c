using Martech.Sdk.Salesforce;

namespace Martech.Sdk.Providers.Tests.Salesforce;

/// <summary>Custom field names must be Salesforce field API names; anything else is refused before any request (not even
/// the token request: the wire fails on any request).</summary>
public sealed class SalesforceFieldNameTests
{
    [Theory]
    [InlineData("Favourite_Colour__c")]
    [InlineData("LastName")]
    [InlineData("AccountId")]
    [InlineData("ns__Score__c")]
    [InlineData("Location__Latitude__s")]
    [InlineData("Contact_Account__pc")]
    public void Problem_ApiName_IsNone(string name)
    {
        Assert.Null(SalesforceFieldNames.Problem(name));
    }

    [Theory]
    [InlineData("Favourite colour__c", "it has U+0020 at index 9")]
    [InlineData("Favourite\r\n__c", "it has U+000D at index 9")]
    [InlineData("Fav\0__c", "it has U+0000 at index 3")]
    [InlineData("Fav\u2028__c", "it has U+2028 at index 3")]
    [InlineData("1st__c", "it has U+0031 at index 0")]
    [InlineData("_x__c", "it has U+005F at index 0")]
    [InlineData("Fav_c__c", null)]
    [InlineData("Fav___c", "it has U+005F at index 5")]
    [InlineData("Fav_", "a part ends with an underscore")]
    [InlineData("a__b__c__d", "it has more than two double underscores")]
    [InlineData("__c", "it has an empty part between double underscores")]
    [InlineData("Fav__c1", "it has U+0031 at index 6")]
    [InlineData("Fav/x__c", "it has U+002F at index 3")]
    [InlineData("Fav?x__c", "it has U+003F at index 3")]
    [InlineData("Fav#x__c", "it has U+0023 at index 3")]
    [InlineData("A12345678901234567890123456789012345678901__c", "'A12345678901234567890123456789012345678901' is 42 characters")]
    public void Problem_NotAnApiName_SaysWhy(string name, string? problem)
    {
        Assert.Equal(problem, SalesforceFieldNames.Problem(name));
    }

    [Fact]
    public async Task UpsertAsync_BadCustomFieldName_RefusedBeforeAnyRequest()
    {
        await using var wire = SalesforceWire.Create(expectToken: false);
        var contact = new Contact { Email = EmailAddress.Parse("ada@example.com") };
        contact.CustomFields.Set("Favourite colour", "teal");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Contacts.UpsertAsync(contact));

        Assert.StartsWith("Contact.CustomFields['Favourite colour'] is not a Salesforce field API name (it has U+0020 at index 9)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("contact", ex.ParamName);
    }

    [Fact]
    public async Task UpsertManyAsync_BadCustomFieldName_FailsThatItemBeforeAnyRequest()
    {
        await using var wire = SalesforceWire.Create(expectToken: false);
        var contact = new Contact { Email = EmailAddress.Parse("ada@example.com") };
        contact.CustomFields.Set("Shoe\nsize__c", 38L);

        BulkResult<Contact> result = await wire.Contacts.UpsertManyAsync([contact]);

        BulkItemResult<Contact> item = Assert.Single(result.Items);
        Assert.Equal(BulkItemStatus.Failed, item.Status);
        Assert.Equal("INVALID_FIELD_NAME", item.Error!.Code);
        Assert.Contains("U+000A at index 4", item.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task LeadWrite_BadCustomFieldName_RefusedBeforeAnyRequest(bool update)
    {
        await using var wire = SalesforceWire.Create(expectToken: false);
        var lead = new Lead { Id = update ? "00Q5E0000000001AAA" : null, Email = EmailAddress.Parse("ada@example.com"), LastName = "Lovelace" };
        lead.CustomFields.Set("Budget band", "high");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => update ? wire.Leads.UpdateAsync(lead) : wire.Leads.CreateAsync(lead));

        Assert.StartsWith("Lead.CustomFields['Budget band'] is not a Salesforce field API name", ex.Message, StringComparison.Ordinal);
    }
}
