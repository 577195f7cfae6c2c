namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>Custom field names must be HubSpot property internal names; anything else is refused before any request
/// (the wire's fallback fails the test on any request).</summary>
public sealed class HubSpotCustomFieldNameTests
{
    public static TheoryData<string, string> BadNames => new()
    {
        { "favourite colour", "it has U+0020 at index 9" },
        { "favourite\r\nx", "it has U+000D at index 9" },
        { "favourite\nx", "it has U+000A at index 9" },
        { "fav\0x", "it has U+0000 at index 3" },
        { "fav\u2028x", "it has U+2028 at index 3" },
        { "fav\u0085x", "it has U+0085 at index 3" },
        { "Favourite", "it has U+0046 at index 0" },
        { "favouriteColour", "it has U+0043 at index 9" },
        { "1st_touch", "it has U+0031 at index 0" },
        { "_private", "it has U+005F at index 0" },
        { "plan/tier", "it has U+002F at index 4" },
        { "plan?x=1", "it has U+003F at index 4" },
        { "plan#1", "it has U+0023 at index 4" },
        { "p" + new string('x', 100), "it is 101 characters" },
    };

    private static EmailAddress Email(string value) => EmailAddress.Parse(value);

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task UpsertAsync_BadCustomFieldName_RefusedBeforeAnyRequestNamingFieldAndRule(string name, string found)
    {
        await using var wire = new HubSpotWire();
        var contact = new Contact { Email = Email("ada@example.com") };
        contact.CustomFields.Set(name, "x");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Contacts.UpsertAsync(contact));

        Assert.Contains($"Contact.CustomFields['{name}'] is not a HubSpot property internal name ({found})", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lower-case letters, digits and underscores, at most 100 characters (MaxCustomFieldNameLength)", ex.Message, StringComparison.Ordinal);
        Assert.Equal("contact", ex.ParamName);
    }

    [Fact]
    public async Task UpsertAsync_NameLongerThanTheDefaultButWithinTheConfiguredLength_IsSent()
    {
        string name = "p" + new string('x', 119);
        await using (var refused = new HubSpotWire())
        {
            var first = new Contact { Email = Email("ada@example.com") };
            first.CustomFields.Set(name, "x");
            var ex = await Assert.ThrowsAsync<ArgumentException>(() => refused.Contacts.UpsertAsync(first));
            Assert.Contains("it is 120 characters", ex.Message, StringComparison.Ordinal);
        }

        await using var wire = new HubSpotWire(o => o.MaxCustomFieldNameLength = 150);
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert")
            .RespondJson(System.Net.HttpStatusCode.OK, """{"status":"COMPLETE","results":[{"id":"101","new":true,"properties":{"email":"ada@example.com"}}]}""");
        var contact = new Contact { Email = Email("ada@example.com") };
        contact.CustomFields.Set(name, "x");

        await wire.Contacts.UpsertAsync(contact);

        wire.Verify();
    }

    [Theory]
    [InlineData("favourite_colour")]
    [InlineData("x")]
    [InlineData("hs_lead_score_2")]
    public async Task UpsertAsync_InternalName_IsSent(string name)
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert")
            .RespondJson(System.Net.HttpStatusCode.OK, """{"status":"COMPLETE","results":[{"id":"101","new":true,"properties":{"email":"ada@example.com"}}]}""");
        var contact = new Contact { Email = Email("ada@example.com") };
        contact.CustomFields.Set(name, "x");

        await wire.Contacts.UpsertAsync(contact);

        wire.Verify();
    }

    [Fact]
    public async Task CreateLead_BadCustomFieldName_RefusedBeforeAnyRequest()
    {
        await using var wire = new HubSpotWire();
        var lead = new Lead { Email = Email("ada@example.com") };
        lead.CustomFields.Set("Budget band", "high");

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => wire.Leads.CreateAsync(lead));

        Assert.Contains("Lead.CustomFields['Budget band'] is not a HubSpot property internal name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpsertManyAsync_BadCustomFieldName_FailsThatItemOnlyWithoutSendingIt()
    {
        await using var wire = new HubSpotWire();
        wire.Expect(HttpMethod.Post, "crm/v3/objects/contacts/batch/upsert", """{"inputs":[{"id":"bob@example.com","idProperty":"email","properties":{"email":"bob@example.com"}}]}""")
            .RespondJson(System.Net.HttpStatusCode.OK, """{"status":"COMPLETE","results":[{"id":"102","new":true,"properties":{"email":"bob@example.com"}}]}""");
        var bad = new Contact { Email = Email("ada@example.com") };
        bad.CustomFields.Set("Shoe size", "42");

        BulkResult<Contact> result = await wire.Contacts.UpsertManyAsync([bad, new Contact { Email = Email("bob@example.com") }]);

        wire.Verify();
        Assert.Equal(BulkItemStatus.Failed, result.Items[0].Status);
        Assert.Contains("Contact.CustomFields['Shoe size']", result.Items[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(BulkItemStatus.Created, result.Items[1].Status);
    }
}
