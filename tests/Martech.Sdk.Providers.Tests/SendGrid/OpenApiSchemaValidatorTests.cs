using System.Text.Json.Nodes;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>The schema validator the wire tests rely on catches what it claims to: so a passing wire test means a body
/// SendGrid's schema accepts.</summary>
public sealed class OpenApiSchemaValidatorTests
{
    private const string Valid = """{"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{"email":"b@example.com"},"subject":"Hi","content":[{"type":"text/plain","value":"Hi"}]}""";

    private static IReadOnlyList<string> Validate(string json) =>
        OpenApiSchemaValidator.MailSend.Validate(JsonNode.Parse(json), OpenApiSchemaValidator.MailSend.MailSendRequestSchema);

    [Fact]
    public void Validate_MinimalValidBody_HasNoErrors()
    {
        Assert.Empty(Validate(Valid));
    }

    [Fact]
    public void Validate_SpecsOwnExample_HasNoErrors()
    {
        // The "MailSendNoTemplate" example in the spec, trimmed of fields whose example values the schema itself
        // contradicts (none here): the validator agrees with SendGrid's own example.
        const string Example = """{"personalizations":[{"to":[{"email":"alex@example.com","name":"Alex"}],"cc":[{"email":"charlie@example.com","name":"Charlie"}]}],"from":{"email":"orders@example.com","name":"Example Order Confirmation"},"reply_to":{"email":"customer_service@example.com"},"subject":"Your Example Order Confirmation","content":[{"type":"text/html","value":"<p>Hello</p>"}],"attachments":[{"content":"PCFET0NUWVBFIGh0bWw+","filename":"index.html","type":"text/html","disposition":"attachment"}],"categories":["cake","pie","baking"],"send_at":1617260400,"asm":{"group_id":12345,"groups_to_display":[12345]},"mail_settings":{"sandbox_mode":{"enable":false}}}""";

        Assert.Empty(Validate(Example));
    }

    [Theory]
    [InlineData("""{"from":{"email":"b@example.com"}}""", "required property 'personalizations'")]
    [InlineData("""{"personalizations":[{}],"from":{"email":"b@example.com"}}""", "required property 'to'")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{}}""", "required property 'email'")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{"email":"b@example.com"},"custom_args":{"a":"b"}}""", "expected string")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{"email":"b@example.com"},"send_at":"tomorrow"}""", "expected integer")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{"email":"b@example.com"},"templateId":"d-1"}""", "not in the schema")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.com"}],"dynamic_data":{}}],"from":{"email":"b@example.com"}}""", "not in the schema")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{"email":"b@example.com"},"categories":["1","2","3","4","5","6","7","8","9","10","11"]}""", "above maxItems 10")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{"email":"b@example.com"},"categories":["a","a"]}""", "uniqueItems")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{"email":"b@example.com"},"subject":""}""", "minLength")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{"email":"b@example.com"},"attachments":[{"content":"AA==","filename":"a","disposition":"sideways"}]}""", "is not one of")]
    [InlineData("""{"personalizations":[{"to":[{"email":"a@example.com"}]}],"from":{"email":"b@example.com"},"asm":{"group_id":1.5}}""", "expected integer")]
    public void Validate_InvalidBody_ReportsTheViolation(string json, string expected)
    {
        IReadOnlyList<string> errors = Validate(json);

        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ThousandAndOnePersonalizations_ReportsMaxItems()
    {
        var personalizations = new JsonArray();
        for (int i = 0; i < 1001; i++)
        {
            personalizations.Add(new JsonObject { ["to"] = new JsonArray(new JsonObject { ["email"] = $"r{i}@example.com" }) });
        }

        var body = new JsonObject { ["personalizations"] = personalizations, ["from"] = new JsonObject { ["email"] = "b@example.com" } };

        Assert.Contains(Validate(body.ToJsonString()), e => e.Contains("above maxItems 1000", StringComparison.Ordinal));
    }
}
