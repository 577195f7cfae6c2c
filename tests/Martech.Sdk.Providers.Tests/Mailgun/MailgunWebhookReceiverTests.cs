using System.Text;
using System.Text.Json;
using Martech.Sdk.Providers.Tests.Webhooks;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary>Mailgun webhooks: the vector from Mailgun's PHP SDK tests, every tamper case the rules imply, the token
/// replay cache, Mailgun's 406 answers, the mapping of a recorded set of signed bodies, and a fuzz run.</summary>
public sealed class MailgunWebhookReceiverTests : IDisposable
{
    // mailgun/mailgun-php tests/Api/WebhookTest.php
    private const string VectorKey = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    private const string VectorTimestamp = "1403645220";
    private const string VectorToken = "5egbgr1vjgqxtrnp65xfznchgdccwh5d6i09vijqi3whgowmn6";
    private const string VectorSignature = "9cfc5c41582e51246e73c88d34db3af0a3a2692a76fbab81492842f000256d33";

    // The key the bodies of Mailgun/Webhooks/events.json were signed with (by a script independent of the SDK).
    private const string FixtureKey = "key-fixture-8f3c2a91d6e4b7051c9e";
    private const string Key = "key-test-2b8e4f0c7a1d9e3b5f6a";
    private const string EventData = """{"id":"ev-1","event":"delivered","timestamp":1764000000.25,"recipient":"ada@example.com","message":{"headers":{"message-id":"20251124.1.A@mg.example.com"}}}""";
    private static readonly Uri Url = new("https://hooks.example.com/webhooks/mailgun");

    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1764000000).AddSeconds(30));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void Signer_VendorVector_MatchesAndVerifiesWithItsKeyOnly()
    {
        Assert.Equal(VectorSignature, MailgunWebhookSigner.Sign(VectorKey, VectorTimestamp, VectorToken));
        Assert.True(MailgunWebhookSigner.Verify(VectorKey, VectorTimestamp, VectorToken, VectorSignature));
        Assert.False(MailgunWebhookSigner.Verify(Key, VectorTimestamp, VectorToken, VectorSignature));
        Assert.False(MailgunWebhookSigner.Verify(VectorKey, VectorTimestamp, VectorToken, VectorSignature[..^2]));
    }

    [Fact]
    public async Task Receive_VendorVectorInABody_VerifiesAndMaps()
    {
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(1403645220).AddSeconds(20));
        IWebhookReceiver receiver = Receiver(VectorKey);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Body(VectorTimestamp, VectorToken, VectorSignature, EventData));

        Assert.Equal(200, result.Response.StatusCode);
        var delivered = Assert.IsType<EmailEvent>(Assert.Single(result.Events));
        Assert.Equal(("ev-1", EmailEventType.Delivered), (delivered.Id, delivered.Type));
    }

    [Fact]
    public async Task Receive_VendorVectorWithOtherKey_IsInvalidSignatureAnswered406()
    {
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(1403645220).AddSeconds(20));
        IWebhookReceiver receiver = Receiver(Key);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Body(VectorTimestamp, VectorToken, VectorSignature, EventData)));

        Assert.Equal((WebhookRejectionReason.InvalidSignature, 406), (ex.Reason, ex.StatusCode));
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(VectorSignature, ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Diagnostic);
    }

    [Fact]
    public async Task Receive_RecordedBodies_MapEveryEventType()
    {
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(1764000030));
        IWebhookReceiver receiver = Receiver(FixtureKey);
        var events = new Dictionary<string, MartechEvent>();
        foreach (byte[] body in FixtureBodies())
        {
            WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], body));
            MartechEvent single = Assert.Single(result.Events);
            events.Add(single.Id, single);
        }

        Assert.Equal(14, events.Count);
        var accepted = Assert.IsType<EmailEvent>(events["mg-accepted-QhZ1"]);
        Assert.Equal(EmailEventType.Processed, accepted.Type);
        Assert.Equal("Mailgun", accepted.Provider);
        Assert.Equal("ada@example.com", accepted.Recipient.Value);
        Assert.Equal("20251124160000.1.4C1D2E3F@mg.example.com", accepted.MessageId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764000000319), accepted.OccurredAt);
        Assert.Equal(["spring", "newsletter"], accepted.Tags);
        Assert.Equal("cmp_42", accepted.CampaignId);
        Assert.Equal("Ada", accepted.CustomArgs["first_name"]);
        Assert.Equal("3", accepted.CustomArgs["order_count"]);
        Assert.Equal("true", accepted.CustomArgs["vip"]);
        Assert.Equal("""{"lang":"en"}""", accepted.CustomArgs["prefs"]);

        Assert.Equal(EmailEventType.Delivered, ((EmailEvent)events["mg-delivered-Vd8K"]).Type);

        var bounce = (EmailEvent)events["mg-bounce-Hx3p"];
        Assert.Equal((EmailEventType.Bounced, EmailBounceKind.Hard), (bounce.Type, bounce.BounceKind));
        Assert.Equal("550 5.1.1 The email account that you tried to reach does not exist.", bounce.Reason);
        Assert.Equal("gone@example.com", bounce.Recipient.Value);
        var suppressed = (EmailEvent)events["mg-suppressed-Tq9c"];
        Assert.Equal((EmailEventType.Dropped, "suppress-bounce"), (suppressed.Type, suppressed.Reason));
        Assert.Null(suppressed.BounceKind);
        var deferred = (EmailEvent)events["mg-deferred-Ks2w"];
        Assert.Equal((EmailEventType.Deferred, "452 4.2.2 Mailbox full"), (deferred.Type, deferred.Reason));
        Assert.Equal(EmailBounceKind.Soft, ((EmailEvent)events["mg-old-Pw7n"]).BounceKind);

        var open = (EmailEvent)events["mg-open-Ju4r"];
        Assert.Equal((EmailEventType.Opened, EngagementSource.Human, "203.0.113.7"), (open.Type, open.Source, open.IpAddress));
        Assert.StartsWith("Mozilla/5.0 (Macintosh", open.UserAgent, StringComparison.Ordinal);
        Assert.Equal(EngagementSource.AppleMailPrivacyProtection, ((EmailEvent)events["mg-open-apple-Lm5s"]).Source);
        var click = (EmailEvent)events["mg-click-Zc6t"];
        Assert.Equal((EmailEventType.Clicked, new Uri("https://brand.example/offer?utm_campaign=spring")), (click.Type, click.Url));
        Assert.Equal(["spring"], click.Tags);
        Assert.Equal(EngagementSource.SecurityScanner, ((EmailEvent)events["mg-click-scanner-Rb1y"]).Source);

        var unsubscribed = (EmailEvent)events["mg-unsub-Fe2d"];
        Assert.Equal((EmailEventType.Unsubscribed, null), (unsubscribed.Type, unsubscribed.UnsubscribeGroupId));
        Assert.Equal(EmailEventType.SpamReport, ((EmailEvent)events["mg-complaint-Nq8v"]).Type);
        var rejected = (EmailEvent)events["mg-rejected-Ga3h"];
        Assert.Equal((EmailEventType.Dropped, "Sandbox subdomains are for test purposes only"), (rejected.Type, rejected.Reason));

        var stored = Assert.IsType<RawEvent>(events["mg-stored-Ua7e"]);
        Assert.Equal("stored", stored.VendorEventType);

        // The raw payload is the event-data object, byte for byte; the signature never reaches a stored event.
        foreach (MartechEvent e in events.Values)
        {
            Assert.Equal(e.Id, e.Raw.GetProperty("id").GetString());
            Assert.False(e.Raw.TryGetProperty("signature", out _));
            Assert.DoesNotContain("\"signature\"", Encoding.UTF8.GetString(e.RawUtf8.Span), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Receive_UnsubscribeByTagOn_OneTagIsAGroupUnsubscribe()
    {
        IWebhookReceiver byTag = Receiver(Key, o => o.UnsubscribeByTag = true);
        IWebhookReceiver byDefault = Receiver(Key);
        const string Tagged = """{"id":"u1","event":"unsubscribed","timestamp":1764000000,"recipient":"ada@example.com","tags":["newsletter"]}""";
        const string TwoTags = """{"id":"u2","event":"unsubscribed","timestamp":1764000000,"recipient":"ada@example.com","tags":["a","b"]}""";

        var group = (EmailEvent)Assert.Single((await byTag.ReceiveAsync(Signed(Tagged))).Events);
        var ambiguous = (EmailEvent)Assert.Single((await byTag.ReceiveAsync(Signed(TwoTags))).Events);
        var all = (EmailEvent)Assert.Single((await byDefault.ReceiveAsync(Signed(Tagged))).Events);

        Assert.Equal((EmailEventType.GroupUnsubscribed, "newsletter"), (group.Type, group.UnsubscribeGroupId));
        Assert.Equal(EmailEventType.Unsubscribed, ambiguous.Type);
        Assert.Equal((EmailEventType.Unsubscribed, null), (all.Type, all.UnsubscribeGroupId));
    }

    [Fact]
    public async Task Receive_CampaignsWithoutVariable_TakesTheFirstCampaignId()
    {
        IWebhookReceiver receiver = Receiver(Key);

        MartechEvent e = Assert.Single((await receiver.ReceiveAsync(Signed("""{"id":"c1","event":"delivered","timestamp":1,"recipient":"a@example.com","campaigns":[{"id":"mg-cmp-7","name":"Spring"},{"id":"other"}]}"""))).Events);

        Assert.Equal("mg-cmp-7", e.CampaignId);
    }

    [Fact]
    public async Task Receive_MessageIdWithAngleBrackets_MatchesTheSendResultForm()
    {
        IWebhookReceiver receiver = Receiver(Key);

        var e = (EmailEvent)Assert.Single((await receiver.ReceiveAsync(Signed("""{"id":"m1","event":"delivered","timestamp":1,"recipient":"a@example.com","message":{"headers":{"message-id":"<20251124.1.A@mg.example.com>"}}}"""))).Events);

        Assert.Equal("20251124.1.A@mg.example.com", e.MessageId);
    }

    [Fact]
    public async Task Receive_EventWithoutValidRecipient_IsRawNotDropped()
    {
        IWebhookReceiver receiver = Receiver(Key);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed("""{"id":"x1","event":"delivered","timestamp":1,"recipient":"not an address"}"""));

        var raw = Assert.IsType<RawEvent>(Assert.Single(result.Events));
        Assert.Equal(("x1", "delivered"), (raw.Id, raw.VendorEventType));
    }

    [Fact]
    public async Task Receive_EventWithoutId_GetsAContentKeyStableAcrossSignatures()
    {
        IWebhookReceiver receiver = Receiver(Key);
        const string NoId = """{"event":"delivered","timestamp":1,"recipient":"a@example.com"}""";

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed(NoId))).Events);
        MartechEvent again = Assert.Single((await receiver.ReceiveAsync(Signed(NoId))).Events);

        Assert.StartsWith("sha256:", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, again.Id);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("timestamp")]
    [InlineData("signature-flipped")]
    [InlineData("signature-not-hex")]
    [InlineData("signature-short")]
    public async Task Receive_SignatureObjectChanged_IsInvalidSignature(string change)
    {
        IWebhookReceiver receiver = Receiver(Key);
        string timestamp = Seconds(_clock.GetUtcNow());
        string token = MailgunWebhookSigner.CreateToken();
        string signature = MailgunWebhookSigner.Sign(Key, timestamp, token);
        (timestamp, token, signature) = change switch
        {
            "token" => (timestamp, token[..^1] + (token[^1] == 'a' ? "b" : "a"), signature),
            "timestamp" => (Seconds(_clock.GetUtcNow().AddSeconds(-1)), token, signature),
            "signature-flipped" => (timestamp, token, (signature[0] == '0' ? "1" : "0") + signature[1..]),
            "signature-not-hex" => (timestamp, token, new string('z', 64)),
            _ => (timestamp, token, signature[..32]),
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Body(timestamp, token, signature, EventData)));

        Assert.Equal((WebhookRejectionReason.InvalidSignature, 406), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_UppercaseHexSignature_Verifies()
    {
        IWebhookReceiver receiver = Receiver(Key);
        string timestamp = Seconds(_clock.GetUtcNow());
        string token = MailgunWebhookSigner.CreateToken();

        WebhookReceiveResult result = await receiver.ReceiveAsync(Body(timestamp, token, MailgunWebhookSigner.Sign(Key, timestamp, token).ToUpperInvariant(), EventData));

        Assert.Single(result.Events);
    }

    [Fact]
    public async Task Receive_ByteFlippedInSignatureObject_IsInvalid_ButEventDataIsNotSignedByMailgun()
    {
        // Mailgun signs only timestamp + token: a change to the event data verifies (HTTPS and the token cache are the
        // protection), a change inside the signature object does not.
        IWebhookReceiver receiver = Receiver(Key);
        byte[] body = MailgunWebhookSigner.CreateBody(Key, _clock.GetUtcNow(), Encoding.UTF8.GetBytes(EventData));
        string text = Encoding.UTF8.GetString(body);
        byte[] tokenFlipped = Flip(body, text.IndexOf("\"token\":\"", StringComparison.Ordinal) + 12);
        byte[] eventFlipped = Encoding.UTF8.GetBytes(text.Replace("\"ev-1\"", "\"ev-2\"", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], tokenFlipped)));
        WebhookReceiveResult changed = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], eventFlipped));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
        Assert.Equal("ev-2", Assert.Single(changed.Events).Id);
    }

    [Fact]
    public async Task Receive_CrlfAppendedToTheBody_StillVerifiesAndMaps()
    {
        IWebhookReceiver receiver = Receiver(Key);
        byte[] body = [.. MailgunWebhookSigner.CreateBody(Key, _clock.GetUtcNow(), Encoding.UTF8.GetBytes(EventData)), (byte)'\r', (byte)'\n'];

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], body));

        Assert.Equal("ev-1", Assert.Single(result.Events).Id);
    }

    [Theory]
    [InlineData("timestamp")]
    [InlineData("token")]
    [InlineData("signature")]
    public async Task Receive_MissingSignatureField_NamesIt(string missing)
    {
        IWebhookReceiver receiver = Receiver(Key);
        string timestamp = Seconds(_clock.GetUtcNow());
        string token = MailgunWebhookSigner.CreateToken();
        var fields = new Dictionary<string, string>
        {
            ["timestamp"] = timestamp,
            ["token"] = token,
            ["signature"] = MailgunWebhookSigner.Sign(Key, timestamp, token),
        };
        fields.Remove(missing);
        string body = $$"""{"signature":{{JsonSerializer.Serialize(fields)}},"event-data":{{EventData}}}""";

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], Encoding.UTF8.GetBytes(body))));

        Assert.Equal((WebhookRejectionReason.MissingHeader, 406), (ex.Reason, ex.StatusCode));
        Assert.Contains("signature." + missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_NoSignatureObject_IsMissing()
    {
        IWebhookReceiver receiver = Receiver(Key);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], Encoding.UTF8.GetBytes($$"""{"event-data":{{EventData}}}"""))));

        Assert.Equal(WebhookRejectionReason.MissingHeader, ex.Reason);
    }

    [Theory]
    [InlineData("""{"signature":{"timestamp":"1","token":"t","signature":"s"},"signature":{"timestamp":"1","token":"t","signature":"s"},"event-data":{}}""")]
    [InlineData("""{"signature":{"timestamp":"1","token":"t","token":"u","signature":"s"},"event-data":{}}""")]
    [InlineData("""{"signature":{"timestamp":"1","token":"t","signature":"s"},"event-data":{},"event-data":{}}""")]
    [InlineData("""[{"signature":{}}]""")]
    [InlineData("""{"signature":"timestamp=1","event-data":{}}""")]
    [InlineData("""{"signature":{"timestamp":"1","token":"t","signature":"s"},"event-data":[]}""")]
    [InlineData("""{"signature":{"timestamp":"1","token":"t","signature":"s"}}{}""")]
    [InlineData("""{"signature":{"timestamp":"1",""")]
    public async Task Receive_BodyNotOneMailgunEnvelope_IsMalformed406BeforeAnyCheck(string body)
    {
        IWebhookReceiver receiver = Receiver(Key);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], Encoding.UTF8.GetBytes(body))));

        Assert.Equal((WebhookRejectionReason.Malformed, 406), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_SignedButNoEventData_IsMalformed()
    {
        IWebhookReceiver receiver = Receiver(Key);
        string timestamp = Seconds(_clock.GetUtcNow());
        string token = MailgunWebhookSigner.CreateToken();
        string body = $$$"""{"signature":{"timestamp":"{{{timestamp}}}","token":"{{{token}}}","signature":"{{{MailgunWebhookSigner.Sign(Key, timestamp, token)}}}"}}""";

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], Encoding.UTF8.GetBytes(body))));

        Assert.Equal((WebhookRejectionReason.Malformed, 406), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_TimestampNotANumber_IsMalformedAfterTheSignature()
    {
        IWebhookReceiver receiver = Receiver(Key);
        string token = MailgunWebhookSigner.CreateToken();

        var signed = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Body("yesterday", token, MailgunWebhookSigner.Sign(Key, "yesterday", token), EventData)));
        var unsigned = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Body("yesterday", token, new string('0', 64), EventData)));

        Assert.Equal(WebhookRejectionReason.Malformed, signed.Reason);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, unsigned.Reason);
    }

    [Fact]
    public async Task Receive_StaleAndFutureTimestamps_AreRefusedBySeparateTolerances()
    {
        IWebhookReceiver receiver = Receiver(Key, o => { o.PastTolerance = TimeSpan.FromMinutes(5); o.FutureTolerance = TimeSpan.FromSeconds(30); });
        byte[] data = Encoding.UTF8.GetBytes(EventData);

        var stale = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(MailgunWebhookSigner.CreateRequest(Url, Key, _clock.GetUtcNow().AddMinutes(-5).AddSeconds(-1), data)));
        var future = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(MailgunWebhookSigner.CreateRequest(Url, Key, _clock.GetUtcNow().AddSeconds(31), data)));
        await receiver.ReceiveAsync(MailgunWebhookSigner.CreateRequest(Url, Key, _clock.GetUtcNow().AddMinutes(-4), data));
        await receiver.ReceiveAsync(MailgunWebhookSigner.CreateRequest(Url, Key, _clock.GetUtcNow().AddSeconds(29), data));

        Assert.Equal((WebhookRejectionReason.TimestampTooOld, 406), (stale.Reason, stale.StatusCode));
        Assert.Contains("PastTolerance", stale.Message, StringComparison.Ordinal);
        Assert.Equal((WebhookRejectionReason.TimestampInFuture, 406), (future.Reason, future.StatusCode));
        Assert.Contains("FutureTolerance", future.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_SameTokenTwiceWithinTheWindow_IsAReplayAnswered406()
    {
        IWebhookReceiver receiver = Receiver(Key);
        WebhookRequest request = Signed(EventData);

        await receiver.ReceiveAsync(request);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var replay = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(request));

        Assert.Equal((WebhookRejectionReason.Replayed, 406), (replay.Reason, replay.StatusCode));
        Assert.Contains("replay", replay.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_RetryWithANewToken_IsAcceptedWithTheSameEventId()
    {
        // A genuine Mailgun retry is signed afresh: the token cache lets it through, and the event id (the same) is what
        // the inbox deduplicates on.
        IWebhookReceiver receiver = Receiver(Key);

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed(EventData))).Events);
        _clock.Advance(TimeSpan.FromMinutes(2));
        MartechEvent retry = Assert.Single((await receiver.ReceiveAsync(Signed(EventData))).Events);

        Assert.Equal(first.Id, retry.Id);
    }

    [Fact]
    public async Task Receive_StaleButMarkedReplay_IsVerifiedWithoutClockOrTokenCache()
    {
        IWebhookReceiver receiver = Receiver(Key);
        WebhookRequest stored = MailgunWebhookSigner.CreateRequest(Url, Key, _clock.GetUtcNow().AddDays(-30), Encoding.UTF8.GetBytes(EventData));
        var replayed = new WebhookRequest(stored.Method, stored.Url, stored.Headers, stored.Body) { IsReplay = true };
        byte[] tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stored.Body.Span).Replace("\"token\":\"", "\"token\":\"x", StringComparison.Ordinal));

        await receiver.ReceiveAsync(replayed);
        await receiver.ReceiveAsync(replayed);
        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], tampered) { IsReplay = true }));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_PreviousKeyDuringRotation_IsAccepted()
    {
        IWebhookReceiver receiver = Receiver("key-new-one", o => o.PreviousSigningKey = Key);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(EventData));

        Assert.Single(result.Events);
    }

    [Fact]
    public async Task Receive_WithoutKey_FailsClosedWith503NamingTheSetting()
    {
        IWebhookReceiver receiver = Receiver(signingKey: null);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(EventData)));

        Assert.Equal((WebhookRejectionReason.NotConfigured, 503), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:Mailgun:Webhooks:SigningKey", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_EmptyAndOversizedBodies_Are406And413()
    {
        IWebhookReceiver receiver = Receiver(Key, o => o.MaxBodyBytes = 1024);
        string padded = EventData.Replace("\"ev-1\"", "\"ev-1\",\"pad\":\"" + new string('x', 1100) + "\"", StringComparison.Ordinal);

        var empty = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [], ReadOnlyMemory<byte>.Empty)));
        var large = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(padded)));

        Assert.Equal((WebhookRejectionReason.Malformed, 406), (empty.Reason, empty.StatusCode));
        Assert.Equal((WebhookRejectionReason.BodyTooLarge, 413), (large.Reason, large.StatusCode));
    }

    [Fact]
    public async Task Receive_WrongMethod_Is406()
    {
        IWebhookReceiver receiver = Receiver(Key);
        WebhookRequest signed = Signed(EventData);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("GET", Url, [], signed.Body)));

        Assert.Equal((WebhookRejectionReason.MethodNotAllowed, 406), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_DiagnosticsOn_ShowsWhatWasSignedButNoKeyOrSignature()
    {
        IWebhookReceiver quiet = Receiver(Key);
        IWebhookReceiver verbose = Receiver(Key, o => o.IncludeDiagnostics = true);
        string timestamp = Seconds(_clock.GetUtcNow());
        string token = MailgunWebhookSigner.CreateToken();
        string wrong = MailgunWebhookSigner.Sign("key-other", timestamp, token);

        var off = await Assert.ThrowsAsync<WebhookVerificationException>(() => quiet.ReceiveAsync(Body(timestamp, token, wrong, EventData)));
        var on = await Assert.ThrowsAsync<WebhookVerificationException>(() => verbose.ReceiveAsync(Body(timestamp, token, wrong, EventData)));

        Assert.Null(off.Diagnostic);
        Assert.NotNull(on.Diagnostic);
        Assert.Contains(timestamp, on.Diagnostic, StringComparison.Ordinal);
        Assert.Contains(token, on.Diagnostic, StringComparison.Ordinal);
        Assert.Contains("bytes", on.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, on.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, on.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(MailgunWebhookSigner.Sign(Key, timestamp, token), on.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_BadValues_FailValidationNamingThePath()
    {
        var options = new MailgunOptions
        {
            ApiKey = "key",
            Domain = "mg.example.com",
            Webhooks = { PastTolerance = TimeSpan.Zero, TokenCacheCapacity = 10, PreviousSigningKey = "key-old" },
        };
        var withSpace = new MailgunOptions { ApiKey = "key", Domain = "mg.example.com", Webhooks = { SigningKey = "key-abc\n" } };

        var problems = options.Validate("Martech:Mailgun").ToList();

        Assert.Contains(problems, p => p.StartsWith("Martech:Mailgun:Webhooks:PastTolerance", StringComparison.Ordinal) && p.Contains("IsReplay", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Mailgun:Webhooks:TokenCacheCapacity", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:Mailgun:Webhooks:PreviousSigningKey", StringComparison.Ordinal));
        Assert.Contains(withSpace.Validate("Martech:Mailgun"), p => p.StartsWith("Martech:Mailgun:Webhooks:SigningKey", StringComparison.Ordinal) && !p.Contains("key-abc", StringComparison.Ordinal));
        Assert.Empty(new MailgunOptions { ApiKey = "key", Domain = "mg.example.com", Webhooks = { SigningKey = Key } }.Validate("Martech:Mailgun"));
        Assert.DoesNotContain(Key, new MailgunWebhookOptions { SigningKey = Key }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TokenCache_AtCapacity_ForgetsTheTokensClosestToExpiryFirst()
    {
        var cache = new MailgunTokenCache(capacity: 2);
        DateTimeOffset now = _clock.GetUtcNow();

        Assert.True(cache.TryAdd("a", now.AddMinutes(1), now, out _));
        Assert.True(cache.TryAdd("b", now.AddMinutes(5), now, out _));
        Assert.False(cache.TryAdd("a", now.AddMinutes(9), now, out DateTimeOffset held));
        Assert.True(cache.TryAdd("c", now.AddMinutes(3), now, out _));

        Assert.Equal(now.AddMinutes(1), held);
        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryAdd("a", now.AddMinutes(9), now, out _)); // "a" was evicted for "c"
        Assert.False(cache.TryAdd("b", now.AddMinutes(9), now, out _));
    }

    [Fact]
    public void TokenCache_ExpiredTokens_AreForgotten()
    {
        var cache = new MailgunTokenCache(capacity: 10);
        DateTimeOffset now = _clock.GetUtcNow();
        cache.TryAdd("a", now.AddMinutes(5), now, out _);

        Assert.False(cache.TryAdd("a", now.AddMinutes(5), now.AddMinutes(5), out _));
        Assert.True(cache.TryAdd("a", now.AddMinutes(11), now.AddMinutes(5).AddTicks(1), out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_ParserSeesOnlyResultsOrVerificationErrors()
    {
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(1764000030));
        IWebhookReceiver receiver = Receiver(Key);
        byte[][] seeds =
        [
            .. FixtureBodies().Select(b => Encoding.UTF8.GetBytes(JsonDocument.Parse(b).RootElement.GetProperty("event-data").GetRawText())),
            Encoding.UTF8.GetBytes("""{"id":"1","event":"clicked","timestamp":"1.5","recipient":"a@example.com","url":"https://x.example/","tags":"a","user-variables":{"a":null,"b":[1,{"c":2}]},"campaigns":[1,{"id":{}}],"client-info":[]}"""),
        ];

        // Each payload goes into the event-data of a correctly signed body (with a fresh token); a payload that is not
        // a JSON value is spliced in as is, so the envelope parser meets it too.
        var (accepted, rejected) = await WebhookFuzzer.RunAsync(receiver, seeds, Wrap, WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    private WebhookRequest Wrap(byte[] eventData)
    {
        string timestamp = Seconds(_clock.GetUtcNow());
        string token = MailgunWebhookSigner.CreateToken();
        byte[] prefix = Encoding.UTF8.GetBytes($$"""{"signature":{"timestamp":"{{timestamp}}","token":"{{token}}","signature":"{{MailgunWebhookSigner.Sign(Key, timestamp, token)}}"},"event-data":""");
        return new WebhookRequest("POST", Url, [], (byte[])[.. prefix, .. eventData, (byte)'}']);
    }

    private static IEnumerable<byte[]> FixtureBodies()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Mailgun", "Webhooks", "events.json")));
        foreach (JsonElement body in document.RootElement.EnumerateArray())
        {
            yield return Encoding.UTF8.GetBytes(body.GetRawText());
        }
    }

    private static string Seconds(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = [.. bytes];
        copy[index] = copy[index] == (byte)'a' ? (byte)'b' : (byte)'a';
        return copy;
    }

    private WebhookRequest Signed(string eventData) => MailgunWebhookSigner.CreateRequest(Url, Key, _clock.GetUtcNow(), Encoding.UTF8.GetBytes(eventData));

    private static WebhookRequest Body(string timestamp, string token, string signature, string eventData) =>
        new("POST", Url, [new("Content-Type", "application/json")], Encoding.UTF8.GetBytes($$"""{"signature":{"timestamp":"{{timestamp}}","token":"{{token}}","signature":"{{signature}}"},"event-data":{{eventData}}}"""));

    private IWebhookReceiver Receiver(string? signingKey, Action<MailgunWebhookOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddMailgun(configure: o =>
        {
            o.ApiKey = "key-api";
            o.Domain = "mg.example.com";
            o.Webhooks.SigningKey = signingKey;
            configure?.Invoke(o.Webhooks);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("Mailgun");
    }
}
