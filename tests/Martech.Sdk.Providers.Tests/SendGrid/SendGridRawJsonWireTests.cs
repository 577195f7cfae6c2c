using System.Net;
using System.Text.Json;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary><c>Raw</c> of SendGrid suppressions: each list entry re-serialized from the SDK's wire type.</summary>
public sealed class SendGridRawJsonWireTests
{
    private const string Base = "https://api.sendgrid.com/";

    [Fact]
    public async Task FindAsync_EachSuppressionCarriesItsOwnEntry()
    {
        await using var wire = SendGridWire.Create();
        wire.Stub(HttpMethod.Get, Base + "v3/suppression/bounces/ada@example.com", HttpStatusCode.OK,
            """[{"created":1443651125,"email":"ada@example.com","reason":"550 5.1.1 No such user","status":"5.1.1","bounce_classification":"Invalid Address"}]""");
        wire.Stub(HttpMethod.Get, Base + "v3/suppression/blocks/ada@example.com", HttpStatusCode.OK, "[]");
        wire.Stub(HttpMethod.Get, Base + "v3/suppression/spam_reports/ada@example.com", HttpStatusCode.OK,
            """[{"created":1454433146,"email":"ada@example.com","ip":"10.89.32.5"}]""");
        wire.Stub(HttpMethod.Get, Base + "v3/suppression/invalid_emails/ada@example.com", HttpStatusCode.OK, "[]");
        wire.Stub(HttpMethod.Get, Base + "v3/asm/suppressions/global/ada@example.com", HttpStatusCode.OK, """{"recipient_email":"ada@example.com"}""");
        wire.Stub(HttpMethod.Get, Base + "v3/asm/suppressions/ada@example.com", HttpStatusCode.OK,
            """{"suppressions":[{"id":1,"is_default":true,"name":"Weekly News","suppressed":true}]}""");

        IReadOnlyList<EmailSuppression> found = await wire.Suppressions.FindAsync(EmailAddress.Parse("ada@example.com"));

        Assert.Equal(1443651125, found[0].Raw.GetProperty("created").GetInt64());
        Assert.Equal("5.1.1", found[0].Raw.GetProperty("status").GetString());
        Assert.Equal("Invalid Address", found[0].Raw.GetProperty("bounce_classification").GetString());
        Assert.Equal("10.89.32.5", found[1].Raw.GetProperty("ip").GetString());
        Assert.Equal("ada@example.com", found[2].Raw.GetProperty("recipient_email").GetString());
        Assert.True(found[3].Raw.GetProperty("is_default").GetBoolean());
    }

    [Fact]
    public async Task ListAsync_OneGroup_RawIsTheAddressAsAJsonString()
    {
        await using var wire = SendGridWire.Create();
        wire.Expect(HttpMethod.Get, Base + "v3/asm/groups/42/suppressions", HttpStatusCode.OK, """["example@example.com"]""");

        EmailSuppression only = Assert.Single(await wire.Suppressions.ListAsync(new SuppressionListOptions { GroupId = "42" }).ToListAsync());

        Assert.Equal(JsonValueKind.String, only.Raw.ValueKind);
        Assert.Equal("example@example.com", only.Raw.GetString());
    }
}
