using System.Globalization;
using System.Text;
using System.Text.Json;
using Martech.Sdk.Providers.Tests.Webhooks;
using Martech.Sdk.Slack;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Slack;

/// <summary>Slack request signing (v0): Slack's own worked example, every tamper case the rules imply, the mapping of
/// recorded Events API bodies, slash commands and interactivity payloads, and a fuzz run of the parser.</summary>
public sealed class SlackWebhookReceiverTests : IDisposable
{
    // Slack's "Verifying requests from Slack" worked example (a slash command form body).
    private const string VectorSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string VectorTimestamp = "1531420618";
    private const string VectorBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private const string VectorSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string OtherSecret = "0123456789abcdef0123456789abcdef";
    private static readonly Uri Url = new("https://hooks.example.com/webhooks/slack");

    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1531420618).AddSeconds(30));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void Signer_VendorVector_MatchesAndVerifiesWithItsSecretOnly()
    {
        byte[] body = Encoding.UTF8.GetBytes(VectorBody);

        Assert.Equal(VectorSignature, SlackWebhookSigner.Sign(VectorSecret, VectorTimestamp, body));
        Assert.True(SlackWebhookSigner.Verify(VectorSecret, VectorSignature, VectorTimestamp, body));
        Assert.False(SlackWebhookSigner.Verify(OtherSecret, VectorSignature, VectorTimestamp, body));
        Assert.False(SlackWebhookSigner.Verify(VectorSecret, VectorSignature, "1531420619", body));
    }

    [Fact]
    public async Task Receive_VendorVector_MapsTheSlashCommand()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Request(VectorBody, VectorSignature, VectorTimestamp));

        Assert.Equal(WebhookResponse.Ok, result.Response);
        var command = Assert.IsType<MessageReceivedEvent>(Assert.Single(result.Events));
        Assert.Equal("398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c", command.Id);
        Assert.Equal("Slack", command.Provider);
        Assert.Equal(MessageDestination.Channel("G8PSS9T3V"), command.Conversation);
        Assert.Equal(("U2CERLKJA", "U2CERLKJA"), (command.From, command.ContactId));
        Assert.Equal("/webhook-collect", command.Text);
        Assert.Null(command.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1531420618), command.OccurredAt);
        Assert.Equal("https://hooks.slack.com/commands/T1DC2JH3J/397700885554/96rGlfmibIGlgcZRskXaIFfN", command.Raw.GetProperty("response_url").GetString());
        Assert.Equal(string.Empty, command.Raw.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Receive_VendorVectorWithOtherSecret_IsInvalidSignatureNamingNoSecret()
    {
        IWebhookReceiver receiver = Receiver(OtherSecret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, VectorSignature, VectorTimestamp)));

        Assert.Equal((WebhookRejectionReason.InvalidSignature, 401), (ex.Reason, ex.StatusCode));
        Assert.DoesNotContain(OtherSecret, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(VectorSignature[3..], ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Diagnostic);
    }

    [Theory]
    [InlineData("byte")]
    [InlineData("appended-crlf")]
    [InlineData("removed-last-byte")]
    public async Task Receive_BodyChangedAfterSigning_IsInvalidSignature(string change)
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        byte[] body = Encoding.UTF8.GetBytes(VectorBody);
        byte[] changed = change switch
        {
            "byte" => Flip(body, 40),
            "appended-crlf" => [.. body, (byte)'\r', (byte)'\n'],
            _ => body[..^1],
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, Headers(VectorSignature, VectorTimestamp), changed)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_BodyEndingInCrlfWhenSigned_VerifiesAsIs()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(VectorBody + "\r\n"));

        Assert.IsType<MessageReceivedEvent>(Assert.Single(result.Events));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("v1")]
    [InlineData("no-version")]
    [InlineData("not-hex")]
    [InlineData("short")]
    [InlineData("empty-after-prefix")]
    public async Task Receive_BadSignature_IsInvalidNeverAnException(string kind)
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        string hex = VectorSignature[3..];
        string signature = kind switch
        {
            "flip" => "v0=" + (hex[0] == 'a' ? 'b' : 'a') + hex[1..],
            "v1" => "v1=" + hex,
            "no-version" => hex,
            "not-hex" => "v0=" + new string('z', 64),
            "short" => "v0=" + hex[..62],
            _ => "v0=",
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, signature, VectorTimestamp)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_UppercaseHexSignature_IsTheSameSignature()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Request(VectorBody, "v0=" + VectorSignature[3..].ToUpperInvariant(), VectorTimestamp));

        Assert.Single(result.Events);
    }

    [Theory]
    [InlineData(SlackWebhookSigner.SignatureHeader)]
    [InlineData(SlackWebhookSigner.TimestampHeader)]
    public async Task Receive_MissingHeader_NamesIt(string missing)
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        var headers = Headers(VectorSignature, VectorTimestamp).Where(h => h.Key != missing);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, Encoding.UTF8.GetBytes(VectorBody))));

        Assert.Equal((WebhookRejectionReason.MissingHeader, 401), (ex.Reason, ex.StatusCode));
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_StaleAndFutureTimestamps_AreRefusedBySeparateTolerances()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret, o => { o.PastTolerance = TimeSpan.FromMinutes(5); o.FutureTolerance = TimeSpan.FromSeconds(30); });

        var stale = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(VectorBody, _clock.GetUtcNow().AddMinutes(-5).AddSeconds(-1))));
        var future = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(VectorBody, _clock.GetUtcNow().AddSeconds(31))));
        await receiver.ReceiveAsync(Signed(VectorBody, _clock.GetUtcNow().AddMinutes(-4)));
        await receiver.ReceiveAsync(Signed(VectorBody, _clock.GetUtcNow().AddSeconds(29)));

        Assert.Equal(WebhookRejectionReason.TimestampTooOld, stale.Reason);
        Assert.Contains("Martech:Slack:Webhooks:PastTolerance", stale.Message, StringComparison.Ordinal);
        Assert.Equal(WebhookRejectionReason.TimestampInFuture, future.Reason);
        Assert.Contains("Martech:Slack:Webhooks:FutureTolerance", future.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_VendorVectorAfterFiveMinutes_IsTooOld()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(1531420618).AddMinutes(5).AddSeconds(1));

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, VectorSignature, VectorTimestamp)));

        Assert.Equal((WebhookRejectionReason.TimestampTooOld, 401), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_StaleButMarkedReplay_IsVerifiedWithoutTheClock()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        _clock.SetUtcNow(_clock.GetUtcNow().AddDays(30));

        WebhookReceiveResult replayed = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, Headers(VectorSignature, VectorTimestamp), Encoding.UTF8.GetBytes(VectorBody)) { IsReplay = true });
        var tampered = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, Headers(VectorSignature, VectorTimestamp), Encoding.UTF8.GetBytes(VectorBody + "&x=1")) { IsReplay = true }));

        Assert.Single(replayed.Events);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, tampered.Reason);
    }

    [Fact]
    public async Task Receive_TimestampNotANumber_IsMalformedOnlyAfterTheSignature()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        string signature = SlackWebhookSigner.Sign(VectorSecret, "yesterday", Encoding.UTF8.GetBytes(VectorBody));

        var signed = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, signature, "yesterday")));
        var forged = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, VectorSignature, "yesterday")));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (signed.Reason, signed.StatusCode));
        Assert.Equal(WebhookRejectionReason.InvalidSignature, forged.Reason);
    }

    [Fact]
    public async Task Receive_WithoutSecret_FailsClosedNamingTheSetting()
    {
        IWebhookReceiver receiver = Receiver(signingSecret: null);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, VectorSignature, VectorTimestamp)));

        Assert.Equal((WebhookRejectionReason.NotConfigured, 503), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Slack:Webhooks:SigningSecret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_EmptyAndOversizedBodies_AreRejected()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret, o => o.MaxBodyBytes = 1024);

        var empty = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(string.Empty)));
        var blank = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(" \r\n")));
        var large = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed("{\"type\":\"x\",\"pad\":\"" + new string(' ', 1100) + "\"}")));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (empty.Reason, empty.StatusCode));
        Assert.Equal(WebhookRejectionReason.Malformed, blank.Reason);
        Assert.Equal((WebhookRejectionReason.BodyTooLarge, 413), (large.Reason, large.StatusCode));
    }

    [Fact]
    public async Task Receive_WrongMethod_Is405()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("GET", Url, Headers(VectorSignature, VectorTimestamp), Encoding.UTF8.GetBytes(VectorBody))));

        Assert.Equal((WebhookRejectionReason.MethodNotAllowed, 405), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_DiagnosticsOn_ShowsWhatWasSignedButNoSecretOrSignature()
    {
        IWebhookReceiver receiver = Receiver(OtherSecret, o => o.IncludeDiagnostics = true);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, VectorSignature, VectorTimestamp)));

        Assert.NotNull(ex.Diagnostic);
        Assert.Contains($"'v0:{VectorTimestamp}:'", ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains($"{Encoding.UTF8.GetByteCount(VectorBody)} bytes", ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherSecret, ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(VectorSignature[3..], ex.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_OtherPublicUrl_StillVerifies()
    {
        // Slack signs the timestamp and body only: a proxy that changes the host, port or path changes nothing.
        IWebhookReceiver receiver = Receiver(VectorSecret);
        byte[] body = Encoding.UTF8.GetBytes(VectorBody);

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri("http://10.0.0.5:8080/internal/slack?x=1"), Headers(VectorSignature, VectorTimestamp), body));

        Assert.Single(result.Events);
    }

    [Fact]
    public void Options_BadSecretAndZeroTolerances_FailValidationNamingThePath()
    {
        var token = new SlackOptions { BotToken = "xoxb-1", Webhooks = { SigningSecret = "xoxb-1234567890-abcdefghijkl", PastTolerance = TimeSpan.Zero } };
        var spaced = new SlackOptions { BotToken = "xoxb-1", Webhooks = { SigningSecret = "8f742231 b10e8888abcd99yyyzzz85a5", FutureTolerance = TimeSpan.Zero } };
        var good = new SlackOptions { BotToken = "xoxb-1", Webhooks = { SigningSecret = VectorSecret } };

        var tokenProblems = token.Validate("Martech:Slack").ToList();
        var spacedProblems = spaced.Validate("Martech:Slack").ToList();

        Assert.Contains(tokenProblems, p => p.StartsWith("Martech:Slack:Webhooks:SigningSecret holds a Slack token", StringComparison.Ordinal));
        Assert.Contains(tokenProblems, p => p.StartsWith("Martech:Slack:Webhooks:PastTolerance", StringComparison.Ordinal) && p.Contains("IsReplay", StringComparison.Ordinal));
        Assert.Contains(spacedProblems, p => p.StartsWith("Martech:Slack:Webhooks:SigningSecret must be", StringComparison.Ordinal));
        Assert.Contains(spacedProblems, p => p.StartsWith("Martech:Slack:Webhooks:FutureTolerance", StringComparison.Ordinal));
        Assert.All(tokenProblems.Concat(spacedProblems), p => Assert.DoesNotContain("b10e8888", p, StringComparison.Ordinal));
        Assert.Empty(good.Validate("Martech:Slack"));
        Assert.DoesNotContain(VectorSecret, good.Webhooks.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_UrlVerification_AnswersTheChallengeOnlyWhenSigned()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        const string Body = """{"token":"Jhj5dZrVaK7ZwHHjRyZWjbDl","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}""";

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(Body));
        var forged = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(Body, VectorSignature, VectorTimestamp)));

        Assert.Empty(result.Events);
        Assert.Equal(new WebhookResponse(200, "text/plain", "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"), result.Response);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, forged.Reason);
    }

    [Fact]
    public async Task Receive_UrlVerificationWithoutChallenge_IsMalformed()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed("""{"type":"url_verification","challenge":42}""")));

        Assert.Equal(WebhookRejectionReason.Malformed, ex.Reason);
    }

    [Fact]
    public async Task Receive_RecordedEventsApiBodies_MapEveryEventType()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        var events = new List<MartechEvent>();
        var responses = new List<WebhookResponse>();
        foreach (string body in Fixture("events.json"))
        {
            WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(body));
            events.AddRange(result.Events);
            responses.Add(result.Response);
        }

        Assert.Equal(11, events.Count);
        Assert.Equal("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", responses[0].Body);
        Assert.All(responses.Skip(1), r => Assert.Equal(WebhookResponse.Ok, r));
        Assert.All(events, e => Assert.Equal("Slack", e.Provider));
        var byId = events.ToDictionary(e => e.Id);

        var message = Assert.IsType<MessageReceivedEvent>(byId["Ev0PV52K21"]);
        Assert.Equal(MessageDestination.Channel("C0LAN2Q65"), message.Conversation);
        Assert.Equal(("U061F7AUR", "U061F7AUR"), (message.From, message.ContactId));
        Assert.Equal("Hi, I'd like a demo of *Pro* for 25 seats :rocket:", message.Text);
        Assert.Equal("1515449522.000016", message.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1515449522), message.OccurredAt);
        Assert.Equal("Ev0PV52K21", message.Raw.GetProperty("event_id").GetString());
        Assert.Equal("T061EG9R6", message.Raw.GetProperty("team_id").GetString());

        var reply = Assert.IsType<MessageReceivedEvent>(byId["Ev0PV5HTHR"]);
        Assert.Equal(MessageDestination.Channel("C0LAN2Q65", "1515449522.000016"), reply.Conversation);
        Assert.Equal("Merci ! Réponse dans le fil 👍 <@U0MDYCE6X>", reply.Text);

        var mention = Assert.IsType<MessageReceivedEvent>(byId["Ev0LAN670R"]);
        Assert.Equal(("U061F7AUR", "1515449522.000016"), (mention.From, mention.MessageId));
        Assert.Equal("<@U0LAN0Z89> is it everything a river should be?", mention.Text);

        // Slack's own app_mention example carries event_time in microseconds: the signed request time is used instead.
        Assert.Equal(_clock.GetUtcNow(), mention.OccurredAt);

        var file = Assert.IsType<MessageReceivedEvent>(byId["Ev0PV6FILE"]);
        Assert.Equal((MessageDestination.Channel("D0PNCRP9N"), "Here is the signed quote"), (file.Conversation, file.Text));

        Assert.Equal("message.bot_message", Assert.IsType<RawEvent>(byId["Ev0PV7BOTM"]).VendorEventType);
        var app = Assert.IsType<RawEvent>(byId["Ev0PV7APPP"]);
        Assert.Equal(("message.bot_message", "U0MDYCE6X"), (app.VendorEventType, app.ContactId));
        var edit = Assert.IsType<RawEvent>(byId["Ev0PV8EDIT"]);
        Assert.Equal("message.message_changed", edit.VendorEventType);
        Assert.Equal("Hi, I'd like a demo of *Pro* for 30 seats", edit.Raw.GetProperty("event").GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("message.message_deleted", Assert.IsType<RawEvent>(byId["Ev0PV9DELE"]).VendorEventType);
        var join = Assert.IsType<RawEvent>(byId["Ev0PVAJOIN"]);
        Assert.Equal(("message.channel_join", "U03NEWBIE"), (join.VendorEventType, join.ContactId));
        var reaction = Assert.IsType<RawEvent>(byId["Ev0PVBREAC"]);
        Assert.Equal(("reaction_added", "U061F7AUR"), (reaction.VendorEventType, reaction.ContactId));

        var limited = Assert.IsType<RawEvent>(byId["app_rate_limited:T061EG9R6:A0MDYCDME:1518467820"]);
        Assert.Equal("app_rate_limited", limited.VendorEventType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1518467820), limited.OccurredAt);

        // Every event round-trips through the event serializer (a durable store keeps them that way).
        Assert.All(events, e => Assert.Equal(e.Id, MartechEventSerializer.Deserialize(MartechEventSerializer.SerializeToUtf8Bytes(e)).Id));
    }

    [Fact]
    public async Task Receive_Retry_CarriesTheSameIdAsTheFirstDelivery()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        string body = Fixture("events.json")[1];
        byte[] bytes = Encoding.UTF8.GetBytes(body);

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed(body))).Events);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var retryHeaders = SlackWebhookSigner.CreateHeaders(VectorSecret, _clock.GetUtcNow(), bytes)
            .Append(new(SlackWebhookSigner.RetryNumHeader, "1"))
            .Append(new(SlackWebhookSigner.RetryReasonHeader, "http_timeout"));
        MartechEvent retry = Assert.Single((await receiver.ReceiveAsync(new WebhookRequest("POST", Url, retryHeaders, bytes))).Events);

        Assert.Equal("Ev0PV52K21", retry.Id);
        Assert.Equal(first, retry);
    }

    [Fact]
    public async Task Receive_SlashCommandWithArguments_KeepsTheCommandLineAsTyped()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(Fixture("commands.txt")[1]));

        var command = Assert.IsType<MessageReceivedEvent>(Assert.Single(result.Events));
        Assert.Equal("/lead add ada@example.com \"Ada Lovelace\" ✅", command.Text);
        Assert.Equal("13345224609.738474920.8088930838d88f008e0", command.Id);
        Assert.Equal(MessageDestination.Channel("C0LAN2Q65"), command.Conversation);
        Assert.Equal("Acme Corp", command.Raw.GetProperty("enterprise_name").GetString());
    }

    [Fact]
    public async Task Receive_SlashCommandWithRepeatedKey_TakesTheFirstAndKeepsAllInRaw()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed("command=%2Fdeal&text=one&text=two&user_id=U1&channel_id=C1&trigger_id=t.1"));

        var command = Assert.IsType<MessageReceivedEvent>(Assert.Single(result.Events));
        Assert.Equal("/deal one", command.Text);
        Assert.Equal(["one", "two"], command.Raw.GetProperty("text").EnumerateArray().Select(v => v.GetString()));
    }

    [Fact]
    public async Task Receive_SlashCommandWithoutUserOrTrigger_IsRawWithAContentKey()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed("command=%2Fdeal&text=x&channel_id=C1"))).Events);
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Signed("command=%2Fdeal&text=x&channel_id=C1"))).Events);

        var raw = Assert.IsType<RawEvent>(first);
        Assert.Equal("slash_command", raw.VendorEventType);
        Assert.StartsWith("sha256:", raw.Id, StringComparison.Ordinal);
        Assert.Equal(raw.Id, again.Id);
    }

    [Fact]
    public async Task Receive_RecordedInteractivityPayloads_AreRawEventsNamedByType()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        var events = new List<RawEvent>();
        foreach (string payload in Fixture("interactions.json"))
        {
            WebhookReceiveResult result = await receiver.ReceiveAsync(Signed("payload=" + Uri.EscapeDataString(payload)));
            events.Add(Assert.IsType<RawEvent>(Assert.Single(result.Events)));
            Assert.Equal(WebhookResponse.Ok, result.Response);
        }

        Assert.Equal(["block_actions", "view_submission", "shortcut", "view_closed"], events.Select(e => e.VendorEventType));
        Assert.Equal("12466734323.1395872398.4e3ea1b2a9b3e5c1d7a31ba6b5f6e3c9", events[0].Id);
        Assert.Equal("U061F7AUR", events[0].ContactId);
        Assert.Equal("claim_lead", events[0].Raw.GetProperty("actions")[0].GetProperty("action_id").GetString());
        Assert.Equal("25k", events[1].Raw.GetProperty("view").GetProperty("state").GetProperty("values").GetProperty("budget").GetProperty("budget_input").GetProperty("value").GetString());
        Assert.StartsWith("sha256:", events[3].Id, StringComparison.Ordinal);
        Assert.All(events, e => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1531420648), e.OccurredAt));
    }

    [Fact]
    public async Task Receive_InteractivityPayloadNotJson_IsMalformed()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed("payload=%7Bnot+json")));

        Assert.Equal(WebhookRejectionReason.Malformed, ex.Reason);
    }

    [Fact]
    public async Task Receive_SslCheck_HasNoEvents()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed("ssl_check=1&token=xyzz0WbapA4vBCDEFasx0q6G"));

        Assert.Empty(result.Events);
        Assert.Equal(WebhookResponse.Ok, result.Response);
    }

    [Theory]
    [InlineData("""{"type":"team_future_thing","event_id":"Ev1","event_time":1531420600}""", "team_future_thing", "Ev1")]
    [InlineData("""{"type":"event_callback","event_id":"Ev2","event_time":1531420600,"event":{"subtype":"x"}}""", "event_callback", "Ev2")]
    [InlineData("""{"type":"event_callback","event_id":"Ev3","event":"not an object"}""", "event_callback", "Ev3")]
    [InlineData("""{"event_id":"Ev4"}""", "", "Ev4")]
    [InlineData("a=1&b=2", "", null)]
    public async Task Receive_UnknownShapes_AreRawEvents(string body, string vendorType, string? id)
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(body));

        var raw = Assert.IsType<RawEvent>(Assert.Single(result.Events));
        Assert.Equal(vendorType, raw.VendorEventType);
        if (id is null)
        {
            Assert.StartsWith("sha256:", raw.Id, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(id, raw.Id);
        }
    }

    [Theory]
    [InlineData("\"channel\":\"\"")]
    [InlineData("\"channel\":\"C1\\nC2\"")]
    [InlineData("\"channel\":42")]
    [InlineData("\"channel\":\"C1\",\"thread_ts\":\" \"")]
    public async Task Receive_MessageWithUnusableChannel_IsRawNotARejection(string channel)
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        string body = "{\"type\":\"event_callback\",\"event_id\":\"EvX\",\"event\":{\"type\":\"message\",\"user\":\"U1\",\"ts\":\"1.2\",\"text\":\"hi\"," + channel + "}}";

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(body));

        var raw = Assert.IsType<RawEvent>(Assert.Single(result.Events));
        Assert.Equal(("message", "EvX", "U1"), (raw.VendorEventType, raw.Id, raw.ContactId));
    }

    [Fact]
    public async Task Receive_EventWithoutEventId_GetsAContentKey()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        const string Body = """{"type":"event_callback","event":{"type":"message","user":"U1","channel":"C1","ts":"1.2","text":"hi"}}""";

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed(Body))).Events);
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Signed(Body))).Events);

        Assert.IsType<MessageReceivedEvent>(first);
        Assert.StartsWith("sha256:", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, again.Id);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"event_callback\"} {}")]
    [InlineData("payload=%FF")]
    public async Task Receive_SignedButUnreadable_IsMalformed(string body)
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(body)));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_ParserSeesOnlyResultsOrVerificationErrors()
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);
        var seeds = Fixture("events.json").Concat(Fixture("commands.txt"))
            .Concat(Fixture("interactions.json").Select(p => "payload=" + Uri.EscapeDataString(p)))
            .Select(Encoding.UTF8.GetBytes)
            .ToList();

        var (accepted, rejected) = await WebhookFuzzer.RunAsync(receiver, seeds, payload => new WebhookRequest("POST", Url, SlackWebhookSigner.CreateHeaders(VectorSecret, _clock.GetUtcNow(), payload), payload), WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    private static List<string> Fixture(string name)
    {
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Slack", "Webhooks", name));
        if (name.EndsWith(".txt", StringComparison.Ordinal))
        {
            return [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
        }

        using JsonDocument document = JsonDocument.Parse(text);
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())];
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = [.. bytes];
        copy[index % copy.Length] ^= 0x01;
        return copy;
    }

    private static IEnumerable<KeyValuePair<string, string>> Headers(string signature, string timestamp) =>
        [new(SlackWebhookSigner.SignatureHeader, signature), new(SlackWebhookSigner.TimestampHeader, timestamp)];

    private static WebhookRequest Request(string body, string signature, string timestamp) =>
        new("POST", Url, Headers(signature, timestamp), Encoding.UTF8.GetBytes(body));

    private WebhookRequest Signed(string body, DateTimeOffset? at = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        return new WebhookRequest("POST", Url, SlackWebhookSigner.CreateHeaders(VectorSecret, at ?? _clock.GetUtcNow(), bytes), bytes);
    }

    private IWebhookReceiver Receiver(string? signingSecret, Action<SlackWebhookOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddSlack(configure: o =>
        {
            o.BotToken = "xoxb-test";
            o.Webhooks.SigningSecret = signingSecret;
            configure?.Invoke(o.Webhooks);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("Slack");
    }
}
