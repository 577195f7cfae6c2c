using System.Text;
using System.Text.Json;
using Martech.Sdk.Providers.Tests.Webhooks;
using Martech.Sdk.Teams;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Teams;

/// <summary>Teams outgoing webhooks (<c>Authorization: HMAC</c>): a vector computed independently from the rule, every
/// tamper case, the freshness check on the signed activity timestamp, the mapping of recorded activities and the reply
/// Teams shows, and a fuzz run of the parser.</summary>
public sealed class TeamsWebhookReceiverTests : IDisposable
{
    // The key is the example security token of Microsoft's "Create an Outgoing Webhook" page (which publishes its
    // signature but not the body it signed); the signature below was computed from the rule with Python's hmac module,
    // independently of this SDK: base64(hmac.new(base64.b64decode(key), body, sha256).digest()).
    private const string VectorToken = "vqF0En+Z0ucuRTM/01o2GuhMH3hKKk/N2bOmlM31zaA=";
    private const string VectorBody = """{"type":"message","id":"1485983408511","timestamp":"2017-02-01T21:10:07.437Z","channelId":"msteams","from":{"id":"29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw","name":"Tim Jones"},"conversation":{"id":"19:253b1f341670408fb6fe51050b6e5ceb@thread.skype;messageid=1485983408511"},"text":"<at>TestWebhook</at> hello"}""";
    private const string VectorAuthorization = "HMAC lltZ64l3APgyJFm55cEXaoKDfZgGrw+qM22S4hOPoB8=";
    private static readonly string OtherToken = TeamsWebhookSigner.CreateSecurityToken();
    private static readonly Uri Url = new("https://hooks.example.com/webhooks/teams");
    private static readonly DateTimeOffset VectorTime = DateTimeOffset.Parse("2017-02-01T21:10:07.437Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset FixtureNow = new(2026, 12, 7, 9, 18, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(VectorTime.AddSeconds(20));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void Signer_IndependentVector_MatchesAndVerifiesWithItsTokenOnly()
    {
        byte[] body = Encoding.UTF8.GetBytes(VectorBody);

        Assert.Equal(VectorAuthorization, TeamsWebhookSigner.Sign(VectorToken, body));
        Assert.True(TeamsWebhookSigner.Verify(VectorToken, VectorAuthorization, body));
        Assert.False(TeamsWebhookSigner.Verify(OtherToken, VectorAuthorization, body));
        Assert.Equal(44, TeamsWebhookSigner.CreateSecurityToken().Length);
        Assert.Throws<ArgumentException>(() => TeamsWebhookSigner.Sign("not base64!", body));
    }

    [Fact]
    public async Task Receive_Vector_MapsTheMentionAndRepliesWithAMessage()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Request(VectorBody, VectorAuthorization));

        var message = Assert.IsType<MessageReceivedEvent>(Assert.Single(result.Events));
        Assert.Equal("19:253b1f341670408fb6fe51050b6e5ceb@thread.skype;messageid=1485983408511|1485983408511", message.Id);
        Assert.Equal("Teams", message.Provider);
        Assert.Equal(MessageDestination.Channel("19:253b1f341670408fb6fe51050b6e5ceb@thread.skype", "1485983408511"), message.Conversation);
        Assert.Equal("29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw", message.From);
        Assert.Equal(message.From, message.ContactId);
        Assert.Equal("<at>TestWebhook</at> hello", message.Text);
        Assert.Equal("1485983408511", message.MessageId);
        Assert.Equal(VectorTime, message.OccurredAt);
        Assert.Equal("Tim Jones", message.Raw.GetProperty("from").GetProperty("name").GetString());
        Assert.Equal(new WebhookResponse(200, "application/json", """{"type":"message","text":"Received"}"""), result.Response);
    }

    [Fact]
    public async Task Receive_VectorWithOtherToken_IsInvalidSignatureNamingNoToken()
    {
        IWebhookReceiver receiver = Receiver(OtherToken);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, VectorAuthorization)));

        Assert.Equal((WebhookRejectionReason.InvalidSignature, 401), (ex.Reason, ex.StatusCode));
        Assert.DoesNotContain(OtherToken, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(VectorAuthorization[5..], ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Diagnostic);
    }

    [Theory]
    [InlineData("byte")]
    [InlineData("appended-crlf")]
    [InlineData("removed-last-byte")]
    public async Task Receive_BodyChangedAfterSigning_IsInvalidSignature(string change)
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        byte[] body = Encoding.UTF8.GetBytes(VectorBody);
        byte[] changed = change switch
        {
            "byte" => Flip(body, 30),
            "appended-crlf" => [.. body, (byte)'\r', (byte)'\n'],
            _ => body[..^1],
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new("Authorization", VectorAuthorization)], changed)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_BodyEndingInCrlfWhenSigned_VerifiesAsIs()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(VectorBody + "\r\n"));

        Assert.IsType<MessageReceivedEvent>(Assert.Single(result.Events));
    }

    [Theory]
    [InlineData("Bearer lltZ64l3APgyJFm55cEXaoKDfZgGrw+qM22S4hOPoB8=")]
    [InlineData("HMAC")]
    [InlineData("HMAC ")]
    [InlineData("HMAClltZ64l3APgyJFm55cEXaoKDfZgGrw+qM22S4hOPoB8=")]
    [InlineData("HMAC %%%not base64%%%")]
    [InlineData("HMAC mltZ64l3APgyJFm55cEXaoKDfZgGrw+qM22S4hOPoB8=")]
    [InlineData("HMAC lltZ64l3APgyJFm55cEXaoKDfZgGrw+qM22S4hOPoB8")]
    [InlineData("HMAC AAAA")]
    public async Task Receive_BadAuthorization_IsInvalidNeverAnException(string authorization)
    {
        IWebhookReceiver receiver = Receiver(VectorToken);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, authorization)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Theory]
    [InlineData("hmac lltZ64l3APgyJFm55cEXaoKDfZgGrw+qM22S4hOPoB8=")]
    [InlineData(" HMAC  lltZ64l3APgyJFm55cEXaoKDfZgGrw+qM22S4hOPoB8= ")]
    public async Task Receive_SchemeInOtherCaseOrSpacing_StillVerifies(string authorization)
    {
        IWebhookReceiver receiver = Receiver(VectorToken);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Request(VectorBody, authorization));

        Assert.Single(result.Events);
    }

    [Fact]
    public async Task Receive_MissingAuthorization_NamesIt()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], Encoding.UTF8.GetBytes(VectorBody))));

        Assert.Equal((WebhookRejectionReason.MissingHeader, 401), (ex.Reason, ex.StatusCode));
        Assert.Contains("Authorization", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_StaleAndFutureActivityTimestamps_AreRefusedBySeparateTolerances()
    {
        IWebhookReceiver receiver = Receiver(VectorToken, o => { o.PastTolerance = TimeSpan.FromMinutes(5); o.FutureTolerance = TimeSpan.FromSeconds(30); });

        var stale = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(Activity(_clock.GetUtcNow().AddMinutes(-5).AddSeconds(-1)))));
        var future = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(Activity(_clock.GetUtcNow().AddSeconds(31)))));
        await receiver.ReceiveAsync(Signed(Activity(_clock.GetUtcNow().AddMinutes(-4))));
        await receiver.ReceiveAsync(Signed(Activity(_clock.GetUtcNow().AddSeconds(29))));

        Assert.Equal((WebhookRejectionReason.TimestampTooOld, 401), (stale.Reason, stale.StatusCode));
        Assert.Contains("Martech:Teams:Webhooks:PastTolerance", stale.Message, StringComparison.Ordinal);
        Assert.Equal(WebhookRejectionReason.TimestampInFuture, future.Reason);
        Assert.Contains("Martech:Teams:Webhooks:FutureTolerance", future.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_TimestampWithOffset_IsComparedInUtc()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        string local = _clock.GetUtcNow().ToOffset(TimeSpan.FromHours(-8)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(Activity(local)));

        Assert.Equal(_clock.GetUtcNow(), Assert.Single(result.Events).OccurredAt);
    }

    [Fact]
    public async Task Receive_StaleButMarkedReplay_IsVerifiedWithoutTheClock()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        _clock.SetUtcNow(_clock.GetUtcNow().AddDays(30));

        WebhookReceiveResult replayed = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new("Authorization", VectorAuthorization)], Encoding.UTF8.GetBytes(VectorBody)) { IsReplay = true });
        var tampered = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new("Authorization", VectorAuthorization)], Encoding.UTF8.GetBytes(VectorBody + " ")) { IsReplay = true }));

        Assert.Single(replayed.Events);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, tampered.Reason);
    }

    [Fact]
    public async Task Receive_ActivityWithoutTimestamp_IsMalformedUnlessTheCheckIsOff()
    {
        IWebhookReceiver checking = Receiver(VectorToken);
        IWebhookReceiver notChecking = Receiver(VectorToken, o => o.CheckActivityTimestamp = false);
        const string Body = """{"type":"message","id":"1","from":{"id":"29:a"},"conversation":{"id":"19:c@thread.skype;messageid=1"},"text":"hi"}""";

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => checking.ReceiveAsync(Signed(Body)));
        MartechEvent accepted = Assert.Single((await notChecking.ReceiveAsync(Signed(Body))).Events);

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Teams:Webhooks:CheckActivityTimestamp", ex.Message, StringComparison.Ordinal);
        Assert.Equal(_clock.GetUtcNow(), accepted.OccurredAt);
    }

    [Fact]
    public async Task Receive_StaleActivityWithCheckOff_IsAccepted()
    {
        IWebhookReceiver receiver = Receiver(VectorToken, o => o.CheckActivityTimestamp = false);
        _clock.SetUtcNow(_clock.GetUtcNow().AddDays(3));

        MartechEvent message = Assert.Single((await receiver.ReceiveAsync(Request(VectorBody, VectorAuthorization))).Events);

        Assert.Equal(VectorTime, message.OccurredAt);
    }

    [Fact]
    public async Task Receive_WithoutToken_FailsClosedNamingTheSetting()
    {
        IWebhookReceiver receiver = Receiver(securityToken: null);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, VectorAuthorization)));

        Assert.Equal((WebhookRejectionReason.NotConfigured, 503), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Teams:Webhooks:SecurityToken", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_EmptyAndOversizedBodies_AreRejected()
    {
        IWebhookReceiver receiver = Receiver(VectorToken, o => o.MaxBodyBytes = 1024);

        var empty = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(string.Empty)));
        var large = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(Activity(_clock.GetUtcNow(), new string('x', 1100)))));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (empty.Reason, empty.StatusCode));
        Assert.Equal((WebhookRejectionReason.BodyTooLarge, 413), (large.Reason, large.StatusCode));
    }

    [Fact]
    public async Task Receive_WrongMethod_Is405()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("PUT", Url, [new("Authorization", VectorAuthorization)], Encoding.UTF8.GetBytes(VectorBody))));

        Assert.Equal((WebhookRejectionReason.MethodNotAllowed, 405), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_DiagnosticsOn_ShowsWhatWasSignedButNoTokenOrSignature()
    {
        IWebhookReceiver receiver = Receiver(OtherToken, o => o.IncludeDiagnostics = true);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Request(VectorBody, VectorAuthorization)));

        Assert.NotNull(ex.Diagnostic);
        Assert.Contains($"{Encoding.UTF8.GetByteCount(VectorBody)} bytes", ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains("Base64-decoded security token", ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(OtherToken, ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(VectorAuthorization[5..], ex.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_OtherPublicUrl_StillVerifies()
    {
        // Teams signs the body only: a proxy that changes the host, port or path changes nothing.
        IWebhookReceiver receiver = Receiver(VectorToken);

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri("http://127.0.0.1:5000/api/teams?id=contoso"), [new("Authorization", VectorAuthorization)], Encoding.UTF8.GetBytes(VectorBody)));

        Assert.Single(result.Events);
    }

    [Fact]
    public void Options_BadTokenReplyAndZeroTolerance_FailValidationNamingThePath()
    {
        var options = new TeamsOptions { Webhooks = { SecurityToken = "not base64!", ReplyText = " ", PastTolerance = TimeSpan.Zero } };
        var shortToken = new TeamsOptions { Webhooks = { SecurityToken = Convert.ToBase64String(new byte[8]) } };

        var problems = options.Validate("Martech:Teams").ToList();

        Assert.Contains(problems, p => p.StartsWith("Martech:Teams:Webhooks:SecurityToken must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Teams:Webhooks:ReplyText must not be empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Teams:Webhooks:PastTolerance", StringComparison.Ordinal) && p.Contains("IsReplay", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.DoesNotContain("not base64!", p, StringComparison.Ordinal));
        Assert.Contains(shortToken.Validate("Martech:Teams"), p => p.StartsWith("Martech:Teams:Webhooks:SecurityToken", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_ReceiveOnlyInstance_NeedsNoChannelsButAnInstanceWithNeitherDoes()
    {
        var receiveOnly = new TeamsOptions { Webhooks = { SecurityToken = VectorToken } };
        var neither = new TeamsOptions();

        Assert.Empty(receiveOnly.Validate("Martech:Teams"));
        Assert.Contains(neither.Validate("Martech:Teams"), p => p.StartsWith("Martech:Teams:Channels must name at least one channel", StringComparison.Ordinal) && p.Contains("Webhooks:SecurityToken", StringComparison.Ordinal));
        Assert.DoesNotContain(VectorToken, receiveOnly.Webhooks.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddTeams_ReceiveOnlyFromConfiguration_ResolvesTheReceiver()
    {
        var configuration = TeamsWire.Configuration(new()
        {
            ["Martech:TeamsSales:Webhooks:SecurityToken"] = VectorToken,
            ["Martech:TeamsSales:Webhooks:ReplyText"] = "Thanks, logged.",
        });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech(configuration.GetSection("Martech")).AddTeams("TeamsSales");
        await using ServiceProvider provider = services.BuildServiceProvider();

        IWebhookReceiver receiver = provider.GetRequiredKeyedService<IWebhookReceiver>("TeamsSales");
        WebhookReceiveResult result = await receiver.ReceiveAsync(Request(VectorBody, VectorAuthorization));

        Assert.Equal("TeamsSales", Assert.Single(result.Events).Provider);
        Assert.Equal("""{"type":"message","text":"Thanks, logged."}""", result.Response.Body);
    }

    [Fact]
    public async Task Receive_ReplyText_IsJsonEscaped()
    {
        IWebhookReceiver receiver = Receiver(VectorToken, o => o.ReplyText = "Got it, \"boss\" </script> ✅");

        WebhookReceiveResult result = await receiver.ReceiveAsync(Request(VectorBody, VectorAuthorization));

        using JsonDocument reply = JsonDocument.Parse(result.Response.Body!);
        Assert.Equal("message", reply.RootElement.GetProperty("type").GetString());
        Assert.Equal("Got it, \"boss\" </script> ✅", reply.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Receive_RecordedActivities_MapEveryShape()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        _clock.SetUtcNow(FixtureNow);
        var events = new List<MartechEvent>();
        foreach (string body in Fixture())
        {
            WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(body));
            events.Add(Assert.Single(result.Events));
            Assert.Equal("application/json", result.Response.ContentType);
        }

        const string Channel = "19:aebd0ad4d6ab42c8b9ed19c251c2fc37@thread.skype";
        var post = Assert.IsType<MessageReceivedEvent>(events[0]);
        Assert.Equal("1796634903816", post.MessageId);
        Assert.EndsWith("|1796634903816", post.Id, StringComparison.Ordinal);
        Assert.StartsWith(Channel, post.Id, StringComparison.Ordinal);
        Assert.Equal(MessageDestination.Channel(Channel, "1796634903816"), post.Conversation);
        Assert.Equal("29:1XJKJMvc5GBtc2JwZq0oj8tHZmzrQgFmB39ATiQWA85gQtHieVkKilBZ9XHoq9j7Zaqt7CZ-NJWi7me2kHTL3Bw", post.From);
        Assert.Equal("3b3b2c4d-6a7e-4f3c-9f55-3f2ab7e0c7d1", post.ContactId);
        Assert.Equal("<at>LeadBot</at>&nbsp;new lead: ada@example.com, 25 seats", post.Text);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 9, 15, 3, 816, TimeSpan.Zero), post.OccurredAt);
        Assert.Equal("19:712c61d0ef384e5fa681ba90ca943398@thread.skype", post.Raw.GetProperty("channelData").GetProperty("teamsTeamId").GetString());

        var reply = Assert.IsType<MessageReceivedEvent>(events[1]);
        Assert.Equal(MessageDestination.Channel(Channel, "1796634903816"), reply.Conversation);
        Assert.Equal(("1796634977120", "8d1c6e3f-2b7a-4c5e-a1f0-9e8d7c6b5a40"), (reply.MessageId, reply.ContactId));
        Assert.Equal("<at>LeadBot</at> Qualifiziert: Budget 25\u00a0k€ ✅", reply.Text);

        var guest = Assert.IsType<MessageReceivedEvent>(events[2]);
        Assert.Equal(MessageDestination.Channel("19:5c2b9e0a1d7f4c3e8b6a2f1e0d9c8b7a@thread.tacv2"), guest.Conversation);
        Assert.Equal(("0f0e0d0c-0b0a-4908-8706-050403020100", "0f0e0d0c-0b0a-4908-8706-050403020100"), (guest.From, guest.ContactId));

        var chat = Assert.IsType<MessageReceivedEvent>(events[3]);
        Assert.Equal(MessageDestination.Conversation("19:meeting_NjQ5ZjE3YmQtZjM1ZC00ZDU0LTk1ZTEtNGQ1ZTgxMzQ1Njc4@thread.v2"), chat.Conversation);

        var update = Assert.IsType<RawEvent>(events[4]);
        Assert.Equal("conversationUpdate", update.VendorEventType);
        Assert.EndsWith("|f:1796635030000", update.Id, StringComparison.Ordinal);
        Assert.Equal("channelRenamed", update.Raw.GetProperty("channelData").GetProperty("eventType").GetString());

        Assert.Equal(events.Count, events.Select(e => e.Id).Distinct().Count());
        Assert.All(events, e => Assert.Equal("Teams", e.Provider));
        Assert.All(events, e => Assert.Equal(e.Id, MartechEventSerializer.Deserialize(MartechEventSerializer.SerializeToUtf8Bytes(e)).Id));
    }

    [Theory]
    [InlineData("""{"type":"message","id":"a1","timestamp":"T","conversation":{"id":"19:c@thread.skype"},"text":"no sender"}""", "message")]
    [InlineData("""{"type":"message","id":"a1","timestamp":"T","from":{"id":"29:a"},"text":"no conversation"}""", "message")]
    [InlineData("""{"type":"message","id":"a1","timestamp":"T","from":{"id":" "},"conversation":{"id":"19:c@thread.skype"}}""", "message")]
    [InlineData("""{"type":"message","id":"a1","timestamp":"T","from":"29:a","conversation":{"id":"19:c@thread.skype"}}""", "message")]
    [InlineData("""{"type":"message","id":"a1","timestamp":"T","from":{"id":"29:a"},"conversation":{"id":"19:c\u0000"}}""", "message")]
    [InlineData("""{"type":"invoke","id":"a1","timestamp":"T","from":{"id":"29:a"},"conversation":{"id":"19:c@thread.skype"}}""", "invoke")]
    [InlineData("""{"id":"a1","timestamp":"T"}""", "")]
    public async Task Receive_UnknownOrUnusableActivities_AreRawEvents(string template, string vendorType)
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        string body = template.Replace("\"T\"", "\"" + _clock.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture) + "\"", StringComparison.Ordinal);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(body));

        var raw = Assert.IsType<RawEvent>(Assert.Single(result.Events));
        Assert.Equal(vendorType, raw.VendorEventType);
        Assert.Equal(body.Contains("19:c@thread.skype", StringComparison.Ordinal) ? "19:c@thread.skype|a1" : "a1", raw.Id);
        Assert.Equal(200, result.Response.StatusCode);
    }

    [Fact]
    public async Task Receive_ActivityWithoutId_GetsAContentKey()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        string body = Activity(_clock.GetUtcNow()).Replace("\"id\":\"1485983408511\",", string.Empty, StringComparison.Ordinal);

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed(body))).Events);
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Signed(body))).Events);

        Assert.StartsWith("sha256:", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, again.Id);
        Assert.Null(Assert.IsType<MessageReceivedEvent>(first).MessageId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1]")]
    [InlineData("{\"type\":\"message\"} x")]
    [InlineData("{\"type\":\"message\",\"timestamp\":\"2024-13-45T99:99:99Z\"}")]
    public async Task Receive_SignedButUnreadable_IsMalformed(string body)
    {
        IWebhookReceiver receiver = Receiver(VectorToken);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(body)));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_ParserSeesOnlyResultsOrVerificationErrors()
    {
        IWebhookReceiver receiver = Receiver(VectorToken);
        _clock.SetUtcNow(FixtureNow);
        var seeds = Fixture().Append(VectorBody.Replace("2017-02-01T21:10:07.437Z", "2026-12-07T09:17:30Z", StringComparison.Ordinal)).Select(Encoding.UTF8.GetBytes).ToList();

        var (accepted, rejected) = await WebhookFuzzer.RunAsync(receiver, seeds, payload => new WebhookRequest("POST", Url, TeamsWebhookSigner.CreateHeaders(VectorToken, payload), payload), WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    private static List<string> Fixture()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Teams", "Webhooks", "activities.json")));
        return [.. document.RootElement.EnumerateArray().Select(e => e.GetRawText())];
    }

    private static string Activity(DateTimeOffset timestamp, string text = "hello") =>
        Activity(timestamp.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture), text);

    private static string Activity(string timestamp, string text = "hello") =>
        VectorBody.Replace("2017-02-01T21:10:07.437Z", timestamp, StringComparison.Ordinal).Replace("> hello", "> " + text, StringComparison.Ordinal);

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = [.. bytes];
        copy[index % copy.Length] ^= 0x01;
        return copy;
    }

    private static WebhookRequest Request(string body, string authorization) =>
        new("POST", Url, [new(TeamsWebhookSigner.AuthorizationHeader, authorization)], Encoding.UTF8.GetBytes(body));

    private static WebhookRequest Signed(string body)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        return new WebhookRequest("POST", Url, TeamsWebhookSigner.CreateHeaders(VectorToken, bytes), bytes);
    }

    private IWebhookReceiver Receiver(string? securityToken, Action<TeamsWebhookOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddTeams(configure: o =>
        {
            o.AddChannel("sales", new Uri(TeamsWire.SalesUrl));
            o.Webhooks.SecurityToken = securityToken;
            configure?.Invoke(o.Webhooks);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("Teams");
    }
}
