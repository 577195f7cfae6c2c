using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Testing;

namespace Martech.Sdk.IntegrationTests.Twilio;

/// <summary>The Twilio emulator's own wire behaviour, driven with a raw <see cref="HttpClient"/>.</summary>
public sealed class TwilioEmulatorTests(TwilioEmulatorFixture fixture) : IClassFixture<TwilioEmulatorFixture>
{
    private TwilioEmulator Emulator => fixture.Emulator;

    private async Task<(HttpResponseMessage Response, JsonNode? Body)> PostAsync(IEnumerable<KeyValuePair<string, string>> form, string? token = null)
    {
        using var client = new HttpClient { BaseAddress = Emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"2010-04-01/Accounts/{Emulator.AccountSid}/Messages.json") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Emulator.AccountSid}:{token ?? Emulator.AuthToken}")));
        HttpResponseMessage response = await client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Theory]
    [InlineData(null, "+15005550006", "Hi", 21604)]
    [InlineData("555", "+15005550006", "Hi", 21211)]
    [InlineData("+14155550123", null, "Hi", 21603)]
    [InlineData("+14155550123", "+15005550006", null, 21602)]
    [InlineData("whatsapp:+14155550123", "+15005550006", "Hi", 63007)]
    public async Task CreateMessage_InvalidForm_AnswersTwilioErrorBody(string? to, string? from, string? body, int code)
    {
        fixture.CreateServices().Dispose();
        var form = new List<KeyValuePair<string, string>>();
        if (to is not null)
        {
            form.Add(new("To", to));
        }

        if (from is not null)
        {
            form.Add(new("From", from));
        }

        if (body is not null)
        {
            form.Add(new("Body", body));
        }

        var (response, json) = await PostAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, json!["code"]!.GetValue<int>());
        Assert.Equal(400, json["status"]!.GetValue<int>());
        Assert.Equal($"https://www.twilio.com/docs/errors/{code}", json["more_info"]!.GetValue<string>());
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task CreateMessage_BodyOver1600_Answers21617()
    {
        fixture.CreateServices().Dispose();

        var (response, json) = await PostAsync([new("To", "+14155550123"), new("From", "+15005550006"), new("Body", new string('a', 1601))]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(21617, json!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateMessage_Valid_Answers201MessageResourceWithSegments()
    {
        fixture.CreateServices().Dispose();

        var (response, json) = await PostAsync([new("To", "+14155550123"), new("From", "+15005550006"), new("Body", new string('a', 161))]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Assert.Single(Emulator.Messages).Sid, json!["sid"]!.GetValue<string>());
        Assert.Equal("queued", json["status"]!.GetValue<string>());
        Assert.Equal("2", json["num_segments"]!.GetValue<string>());
        Assert.Equal(Emulator.AccountSid, json["account_sid"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("Café à Zürich: 1 £ or 2 ¥", 160, 1)] // GSM-7 basic set, accents included
    [InlineData("Café à Zürich: 1 £ or 2 ¥", 161, 2)]
    [InlineData("€", 80, 1)] // an extension character takes two septets: 80 × 2 = 160
    [InlineData("€", 81, 2)]
    [InlineData("ж", 70, 1)] // UCS-2
    [InlineData("ж", 71, 2)]
    public async Task CreateMessage_Segments_CountedAsCarriersDo(string unit, int length, int segments)
    {
        fixture.CreateServices().Dispose();
        var body = new StringBuilder();
        while (body.Length < length)
        {
            body.Append(unit);
        }

        var (response, json) = await PostAsync([new("To", "+14155550123"), new("From", "+15005550006"), new("Body", body.ToString(0, length))]);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(segments.ToString(System.Globalization.CultureInfo.InvariantCulture), json!["num_segments"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateMessage_OptedOutRecipient_Answers21610AndSendsNothing()
    {
        fixture.CreateServices().Dispose();
        Emulator.OptOut("+14155550123");

        var (response, json) = await PostAsync([new("To", "+14155550123"), new("From", "+15005550006"), new("Body", "Hi")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(21610, json!["code"]!.GetValue<int>());
        Assert.Empty(Emulator.Messages);
    }

    [Fact]
    public async Task CreateMessage_WrongToken_Answers401With20003()
    {
        fixture.CreateServices().Dispose();

        var (response, json) = await PostAsync([new("To", "+14155550123"), new("From", "+15005550006"), new("Body", "Hi")], token: "nope");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(20003, json!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task CreateMessage_RateLimitFault_Answers429With20429AndRetryAfter()
    {
        fixture.CreateServices().Dispose();
        Emulator.Faults.Next(1, EmulatorFault.TooManyRequests(TimeSpan.FromSeconds(3)));

        var (response, json) = await PostAsync([new("To", "+14155550123"), new("From", "+15005550006"), new("Body", "Hi")]);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), response.Headers.RetryAfter?.Delta);
        Assert.Equal(20429, json!["code"]!.GetValue<int>());
        Assert.Empty(Emulator.Messages);
    }
}
