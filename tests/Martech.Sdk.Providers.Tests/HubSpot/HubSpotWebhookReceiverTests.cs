using System.Globalization;
using System.Text;
using Martech.Sdk.HubSpot;
using Martech.Sdk.Providers.Tests.Webhooks;
using Martech.Sdk.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>HubSpot webhooks: the vectors from HubSpot's own SDK tests (v3, v1, v2), the tamper cases the rules imply,
/// HubSpot's URI decoding, the legacy-signature switch, the event mapping of a recorded batch, and a fuzz run.</summary>
public sealed class HubSpotWebhookReceiverTests : IDisposable
{
    // HubSpot/hubspot-api-python tests/spec/utils/test_signature.py
    private const string VectorSecret = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
    private const string VectorUri = "https://www.example.com/webhook_uri";
    private const string VectorBody = "{'example_field':'example_value'}";
    private const string VectorTimestamp = "15000000";
    private const string VectorV3 = "HPW73RUtKmcYoEDADG0s6MmGFWUzWJKAW07r8RDgcQw=";
    private const string VectorV1 = "69fc6631a867edd4f9e9e627fc5c1148e3fbdd8b21837b6d2b8901c1fa57f750";
    private const string VectorV2 = "4fe4e3a7d3cf09db53be39d0a58130e2aaba074ec123a9e355b876a689a1c383";
    private const string VectorV2Get = "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e";

    private const string Secret = "0b9d2c1e-7f3a-4d5e-9c8b-a1b2c3d4e5f6";
    private const string OneEvent = """[{"eventId":1,"subscriptionId":2,"portalId":3,"occurredAt":1716800000000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":5101}]""";
    private static readonly Uri Url = new("https://hooks.example.com/webhooks/hubspot");

    private readonly ManualTimeProvider _clock = new(DateTimeOffset.FromUnixTimeMilliseconds(1716800020000));
    private readonly List<ServiceProvider> _providers = [];

    public void Dispose()
    {
        foreach (ServiceProvider provider in _providers)
        {
            provider.Dispose();
        }
    }

    [Fact]
    public void Signer_VendorVectors_MatchHubSpotsSdk()
    {
        byte[] body = Encoding.UTF8.GetBytes(VectorBody);

        Assert.Equal(33, body.Length);
        Assert.Equal(VectorV3, HubSpotWebhookSigner.SignV3(VectorSecret, "POST", VectorUri, body, VectorTimestamp));
        Assert.Equal(VectorV1, HubSpotWebhookSigner.SignV1(VectorSecret, body));
        Assert.Equal(VectorV2, HubSpotWebhookSigner.SignV2(VectorSecret, "POST", VectorUri, body));
        Assert.Equal(VectorV2Get, HubSpotWebhookSigner.SignV2(VectorSecret, "GET", VectorUri, []));
    }

    [Fact]
    public async Task Receive_VendorVectorV3_SignatureVerifiesBeforeParsing()
    {
        // The vector's body is not JSON (single quotes): it verifies, then is rejected as malformed, not as forged.
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(15000000).AddSeconds(30));
        IWebhookReceiver receiver = Receiver(VectorSecret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(VectorRequest([new(HubSpotWebhookSigner.SignatureV3Header, VectorV3), new(HubSpotWebhookSigner.TimestampHeader, VectorTimestamp)])));

        Assert.Equal((WebhookRejectionReason.Malformed, 400), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_VendorVectorV3WithOtherSecret_IsInvalidSignatureWithoutTheSecret()
    {
        _clock.SetUtcNow(DateTimeOffset.FromUnixTimeMilliseconds(15000000));
        IWebhookReceiver receiver = Receiver(Secret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(VectorRequest([new(HubSpotWebhookSigner.SignatureV3Header, VectorV3), new(HubSpotWebhookSigner.TimestampHeader, VectorTimestamp)])));

        Assert.Equal((WebhookRejectionReason.InvalidSignature, 401), (ex.Reason, ex.StatusCode));
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
        Assert.Null(ex.Diagnostic);
    }

    [Theory]
    [InlineData("v1", VectorV1)]
    [InlineData("v2", VectorV2)]
    public async Task Receive_VendorVectorLegacyWithLegacyAllowed_VerifiesBeforeParsing(string version, string signature)
    {
        IWebhookReceiver receiver = Receiver(VectorSecret, o => o.AllowLegacySignatures = true);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(VectorRequest([new(HubSpotWebhookSigner.SignatureHeader, signature), new(HubSpotWebhookSigner.SignatureVersionHeader, version)])));

        Assert.Equal(WebhookRejectionReason.Malformed, ex.Reason);
    }

    [Theory]
    [InlineData("v1", VectorV1)]
    [InlineData("v2", VectorV2)]
    public async Task Receive_VendorVectorLegacyByDefault_IsRefusedNamingTheSwitch(string version, string signature)
    {
        IWebhookReceiver receiver = Receiver(VectorSecret);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(VectorRequest([new(HubSpotWebhookSigner.SignatureHeader, signature), new(HubSpotWebhookSigner.SignatureVersionHeader, version)])));

        Assert.Equal((WebhookRejectionReason.MissingHeader, 401), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:HubSpot:Webhooks:AllowLegacySignatures", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_LegacySignatureOfAnotherBody_IsInvalid()
    {
        IWebhookReceiver receiver = Receiver(Secret, o => o.AllowLegacySignatures = true);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);
        string v1 = HubSpotWebhookSigner.SignV1(Secret, body);
        string v2 = HubSpotWebhookSigner.SignV2(Secret, "POST", "https://hooks.example.com/other", body);

        var wrongBody = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(HubSpotWebhookSigner.SignatureHeader, v1), new(HubSpotWebhookSigner.SignatureVersionHeader, "v1")], Flip(body, 5))));
        var wrongUri = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(HubSpotWebhookSigner.SignatureHeader, v2), new(HubSpotWebhookSigner.SignatureVersionHeader, "v2")], body)));
        var unknown = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(HubSpotWebhookSigner.SignatureHeader, v1), new(HubSpotWebhookSigner.SignatureVersionHeader, "v9")], body)));
        var noVersion = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(HubSpotWebhookSigner.SignatureHeader, v1)], body)));
        WebhookReceiveResult ok = await receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(HubSpotWebhookSigner.SignatureHeader, v1), new(HubSpotWebhookSigner.SignatureVersionHeader, "v1")], body));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, wrongBody.Reason);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, wrongUri.Reason);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, unknown.Reason);
        Assert.Equal(WebhookRejectionReason.MissingHeader, noVersion.Reason);
        Assert.Contains(HubSpotWebhookSigner.SignatureVersionHeader, noVersion.Message, StringComparison.Ordinal);
        Assert.Single(ok.Events);
    }

    [Fact]
    public async Task Receive_BadV3WithValidLegacy_IsInvalidNeverDowngraded()
    {
        IWebhookReceiver receiver = Receiver(Secret, o => o.AllowLegacySignatures = true);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);
        string timestamp = _clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        KeyValuePair<string, string>[] headers =
        [
            new(HubSpotWebhookSigner.SignatureV3Header, HubSpotWebhookSigner.SignV3("another-secret", "POST", Url.AbsoluteUri, body, timestamp)),
            new(HubSpotWebhookSigner.TimestampHeader, timestamp),
            new(HubSpotWebhookSigner.SignatureHeader, HubSpotWebhookSigner.SignV1(Secret, body)),
            new(HubSpotWebhookSigner.SignatureVersionHeader, "v1"),
        ];

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, body)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_SignedBatch_MapsEveryEventType()
    {
        IWebhookReceiver receiver = Receiver(Secret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(Fixture()));

        Assert.Equal(200, result.Response.StatusCode);
        Assert.Equal(13, result.Events.Count);
        var byEvent = result.Events.ToDictionary(e => e.Id.Split(':')[2]);
        Assert.All(result.Events, e => Assert.Equal("HubSpot", e.Provider));

        var created = Assert.IsType<ContactEvent>(byEvent["1001"]);
        Assert.Equal((ContactEventType.Created, "contact", "5101"), (created.Type, created.ObjectType, created.ContactId));
        Assert.Equal("62515:210001:1001:5101:1716800000000", created.Id);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1716800000000), created.OccurredAt);
        Assert.Empty(created.ChangedProperties);

        var email = Assert.IsType<ContactEvent>(byEvent["1002"]);
        Assert.Equal(ContactEventType.Changed, email.Type);
        Assert.Equal("ada@example.com", email.ChangedProperties["email"]);
        Assert.Equal("ada@example.com", email.Email?.Value);

        var stage = Assert.IsType<ContactEvent>(byEvent["1003"]);
        Assert.Equal(new Dictionary<string, string?> { ["lifecyclestage"] = "marketingqualifiedlead" }, stage.ChangedProperties);
        Assert.Null(stage.Email);

        var cleared = Assert.IsType<ContactEvent>(byEvent["1004"]);
        Assert.True(cleared.ChangedProperties.ContainsKey("jobtitle"));
        Assert.Null(cleared.ChangedProperties["jobtitle"]);

        var merged = Assert.IsType<ContactEvent>(byEvent["1005"]);
        Assert.Equal((ContactEventType.Merged, "5101"), (merged.Type, merged.ContactId));
        Assert.Equal(["5102", "5103"], merged.MergedContactIds);

        Assert.Equal((ContactEventType.Deleted, "5104"), (((ContactEvent)byEvent["1006"]).Type, byEvent["1006"].ContactId));
        Assert.Equal((ContactEventType.Deleted, "5105"), (((ContactEvent)byEvent["1007"]).Type, byEvent["1007"].ContactId));
        Assert.Equal((ContactEventType.Created, "5104"), (((ContactEvent)byEvent["1008"]).Type, byEvent["1008"].ContactId));

        var association = Assert.IsType<RawEvent>(byEvent["1009"]);
        Assert.Equal("contact.associationChange", association.VendorEventType);
        Assert.Equal("CONTACT_TO_COMPANY", association.Raw.GetProperty("associationType").GetString());
        Assert.Equal(("deal.creation", (string?)null), (Assert.IsType<RawEvent>(byEvent["1010"]).VendorEventType, byEvent["1010"].ContactId));
        Assert.Equal("company.propertyChange", Assert.IsType<RawEvent>(byEvent["1011"]).VendorEventType);

        var generic = Assert.IsType<ContactEvent>(byEvent["1012"]);
        Assert.Equal((ContactEventType.Changed, "5101", "+14155550100"), (generic.Type, generic.ContactId, generic.Phone));

        var unknown = Assert.IsType<RawEvent>(byEvent["1013"]);
        Assert.Equal(("contact.somethingNew", "5101"), (unknown.VendorEventType, unknown.ContactId));

        // Each event's raw payload is its own object from the batch.
        Assert.Equal(1003, byEvent["1003"].Raw.GetProperty("eventId").GetInt32());
        Assert.All(result.Events, e => Assert.False(e.RawUtf8.IsEmpty));
    }

    [Fact]
    public async Task Receive_ContactEvents_CarryChangedAtAndContactIdForTheOrderingGuard()
    {
        // HubSpot delivers in no particular order: the later change arrives first. ChangedAt (occurredAt) is what lets
        // the ordering guard drop the earlier one for the same contact and property.
        IWebhookReceiver receiver = Receiver(Secret);
        const string Body = """
            [{"eventId":7,"subscriptionId":2,"portalId":3,"occurredAt":1716800005000,"subscriptionType":"contact.propertyChange","objectId":42,"propertyName":"firstname","propertyValue":"Ada"},
             {"eventId":6,"subscriptionId":2,"portalId":3,"occurredAt":1716800001000,"subscriptionType":"contact.propertyChange","objectId":42,"propertyName":"firstname","propertyValue":"Augusta"}]
            """;

        var events = (await receiver.ReceiveAsync(Signed(Body))).Events.Cast<ContactEvent>().ToList();

        Assert.All(events, e => Assert.Equal(("42", "contact"), (e.ContactId, e.ObjectType)));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1716800005000), events[0].ChangedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1716800001000), events[1].ChangedAt);
        Assert.True(events[1].ChangedAt < events[0].ChangedAt);
    }

    [Fact]
    public async Task Receive_RetryOfAnEvent_KeepsTheDedupeKey()
    {
        IWebhookReceiver receiver = Receiver(Secret);

        MartechEvent first = Assert.Single((await receiver.ReceiveAsync(Signed(OneEvent))).Events);
        MartechEvent retry = Assert.Single((await receiver.ReceiveAsync(Signed(OneEvent.Replace("\"attemptNumber\":0", "\"attemptNumber\":3", StringComparison.Ordinal)))).Events);
        MartechEvent otherSubscription = Assert.Single((await receiver.ReceiveAsync(Signed(OneEvent.Replace("\"subscriptionId\":2", "\"subscriptionId\":9", StringComparison.Ordinal)))).Events);
        MartechEvent noEventId = Assert.Single((await receiver.ReceiveAsync(Signed("""[{"subscriptionType":"contact.creation","objectId":1,"occurredAt":1}]"""))).Events);

        Assert.Equal("3:2:1:5101:1716800000000", first.Id);
        Assert.Equal(first.Id, retry.Id);
        Assert.NotEqual(first.Id, otherSubscription.Id);
        Assert.StartsWith("sha256:", noEventId.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_ContactEventWithoutObjectIdOrTime_IsRawNotDropped()
    {
        IWebhookReceiver receiver = Receiver(Secret);

        var events = (await receiver.ReceiveAsync(Signed("""[{"eventId":1,"subscriptionType":"contact.creation","occurredAt":1},{"eventId":2,"subscriptionType":"contact.deletion","objectId":5},{"eventId":3,"subscriptionType":"contact.propertyChange","objectId":5,"occurredAt":1}]"""))).Events;

        Assert.All(events, e => Assert.IsType<RawEvent>(e));
        Assert.Equal(["contact.creation", "contact.deletion", "contact.propertyChange"], events.Cast<RawEvent>().Select(e => e.VendorEventType));
    }

    [Theory]
    [InlineData("byte")]
    [InlineData("appended-crlf")]
    [InlineData("removed-last-byte")]
    public async Task Receive_BodyChangedAfterSigning_IsInvalidSignature(string change)
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);
        var headers = HubSpotWebhookSigner.CreateHeaders(Secret, "POST", Url.AbsoluteUri, body, _clock.GetUtcNow());
        byte[] changed = change switch
        {
            "byte" => Flip(body, 12),
            "appended-crlf" => [.. body, (byte)'\r', (byte)'\n'],
            _ => body[..^1],
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, changed)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_BodyEndingInCrlfWhenSigned_VerifiesAsIs()
    {
        IWebhookReceiver receiver = Receiver(Secret);

        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(OneEvent + "\r\n"));

        Assert.Single(result.Events);
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("not-base64")]
    [InlineData("hex-instead")]
    [InlineData("other-timestamp")]
    [InlineData("other-method")]
    public async Task Receive_BadSignature_IsInvalidNeverAnException(string kind)
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);
        string timestamp = _clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        string good = HubSpotWebhookSigner.SignV3(Secret, "POST", Url.AbsoluteUri, body, timestamp);
        string signature = kind switch
        {
            "flip" => Convert.ToBase64String(Flip(Convert.FromBase64String(good), 7)),
            "not-base64" => "%%%not base64%%%",
            "hex-instead" => Convert.ToHexStringLower(Convert.FromBase64String(good)),
            "other-timestamp" => HubSpotWebhookSigner.SignV3(Secret, "POST", Url.AbsoluteUri, body, (long.Parse(timestamp, CultureInfo.InvariantCulture) - 1).ToString(CultureInfo.InvariantCulture)),
            _ => HubSpotWebhookSigner.SignV3(Secret, "PUT", Url.AbsoluteUri, body, timestamp),
        };

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(HubSpotWebhookSigner.SignatureV3Header, signature), new(HubSpotWebhookSigner.TimestampHeader, timestamp)], body)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_WrongSecret_IsInvalidSignature()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, HubSpotWebhookSigner.CreateHeaders("another-app-secret", "POST", Url.AbsoluteUri, body, _clock.GetUtcNow()), body)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Theory]
    [InlineData(HubSpotWebhookSigner.SignatureV3Header)]
    [InlineData(HubSpotWebhookSigner.TimestampHeader)]
    public async Task Receive_MissingHeader_NamesIt(string missing)
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);
        var headers = HubSpotWebhookSigner.CreateHeaders(Secret, "POST", Url.AbsoluteUri, body, _clock.GetUtcNow()).Where(h => h.Key != missing);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, body)));

        Assert.Equal(WebhookRejectionReason.MissingHeader, ex.Reason);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_StaleAndFutureTimestamps_AreRefusedBySeparateTolerances()
    {
        IWebhookReceiver receiver = Receiver(Secret, o => { o.PastTolerance = TimeSpan.FromMinutes(5); o.FutureTolerance = TimeSpan.FromSeconds(30); });

        var stale = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(OneEvent, _clock.GetUtcNow().AddMinutes(-5).AddMilliseconds(-1))));
        var future = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(OneEvent, _clock.GetUtcNow().AddSeconds(31))));
        await receiver.ReceiveAsync(Signed(OneEvent, _clock.GetUtcNow().AddMinutes(-4)));
        await receiver.ReceiveAsync(Signed(OneEvent, _clock.GetUtcNow().AddSeconds(29)));

        Assert.Equal(WebhookRejectionReason.TimestampTooOld, stale.Reason);
        Assert.Contains("Martech:HubSpot:Webhooks:PastTolerance", stale.Message, StringComparison.Ordinal);
        Assert.Equal(WebhookRejectionReason.TimestampInFuture, future.Reason);
        Assert.Contains("Martech:HubSpot:Webhooks:FutureTolerance", future.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_TimestampInSecondsInsteadOfMilliseconds_IsTooOld()
    {
        // The unit mistake some verifiers make the other way round: a seconds value read as milliseconds is 1970.
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);
        string seconds = _clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        string signature = HubSpotWebhookSigner.SignV3(Secret, "POST", Url.AbsoluteUri, body, seconds);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(HubSpotWebhookSigner.SignatureV3Header, signature), new(HubSpotWebhookSigner.TimestampHeader, seconds)], body)));

        Assert.Equal(WebhookRejectionReason.TimestampTooOld, ex.Reason);
    }

    [Fact]
    public async Task Receive_StaleButMarkedReplay_IsVerifiedWithoutTheClock()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);
        var headers = HubSpotWebhookSigner.CreateHeaders(Secret, "POST", Url.AbsoluteUri, body, _clock.GetUtcNow().AddDays(-30));

        await receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, body) { IsReplay = true });
        var tampered = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, Flip(body, 3)) { IsReplay = true }));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, tampered.Reason);
    }

    [Fact]
    public async Task Receive_TimestampNotANumber_IsMalformedAfterTheSignature()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);
        string signature = HubSpotWebhookSigner.SignV3(Secret, "POST", Url.AbsoluteUri, body, "yesterday");

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, [new(HubSpotWebhookSigner.SignatureV3Header, signature), new(HubSpotWebhookSigner.TimestampHeader, "yesterday")], body)));

        Assert.Equal(WebhookRejectionReason.Malformed, ex.Reason);
    }

    [Fact]
    public async Task Receive_PercentEncodedUri_IsSignedWithHubSpotsEscapesDecoded()
    {
        // HubSpot decodes %3A %2F %3F %40 %21 %24 %27 %28 %29 %2A %2C %3B before signing, and nothing else: %20 stays,
        // and the '?' that starts the query is a plain '?'.
        IWebhookReceiver receiver = Receiver(Secret);
        const string Called = "https://hooks.example.com/webhooks/hubspot?portal=62515&next=https%3A%2F%2Fapp.example.com%2Fa%3Fb%3Dc&name=Ada%20L%40example%21";
        const string AsSigned = "https://hooks.example.com/webhooks/hubspot?portal=62515&next=https://app.example.com/a?b%3Dc&name=Ada%20L@example!";
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);
        string timestamp = _clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

        string bySigner = HubSpotWebhookSigner.SignV3(Secret, "POST", Called, body, timestamp);
        string byRule = HubSpotWebhookSigner.SignV3(Secret, "POST", AsSigned, body, timestamp);
        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Called), [new(HubSpotWebhookSigner.SignatureV3Header, bySigner), new(HubSpotWebhookSigner.TimestampHeader, timestamp)], body));
        string fullyDecoded = HubSpotWebhookSigner.SignV3(Secret, "POST", Uri.UnescapeDataString(Called), body, timestamp);
        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Called), [new(HubSpotWebhookSigner.SignatureV3Header, fullyDecoded), new(HubSpotWebhookSigner.TimestampHeader, timestamp)], body)));

        Assert.Equal(byRule, bySigner);
        Assert.Single(result.Events);
        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Theory]
    [InlineData("https://hooks.example.com:8443/webhooks/hubspot")]
    [InlineData("http://hooks.example.com/webhooks/hubspot")]
    [InlineData("https://hooks.example.com/webhooks/hubspot?x=1")]
    [InlineData("https://hooks.example.com/webhooks/HubSpot")]
    public async Task Receive_SignedForAnotherUrl_IsInvalidSignature(string signedFor)
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, HubSpotWebhookSigner.CreateHeaders(Secret, "POST", signedFor, body, _clock.GetUtcNow()), body)));

        Assert.Equal(WebhookRejectionReason.InvalidSignature, ex.Reason);
    }

    [Fact]
    public async Task Receive_UrlWithDefaultPortAsCalled_VerifiesAgainstTheTextAsGiven()
    {
        // HubSpot signs the URL as it called it; the request keeps that text even where Uri would normalise it.
        IWebhookReceiver receiver = Receiver(Secret);
        const string Called = "https://hooks.example.com:443/webhooks/hubspot";
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);

        WebhookReceiveResult result = await receiver.ReceiveAsync(new WebhookRequest("POST", new Uri(Called), HubSpotWebhookSigner.CreateHeaders(Secret, "POST", Called, body, _clock.GetUtcNow()), body));

        Assert.Single(result.Events);
    }

    [Fact]
    public async Task Receive_WithoutSecret_FailsClosedNamingTheSetting()
    {
        IWebhookReceiver receiver = Receiver(clientSecret: null);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(OneEvent)));

        Assert.Equal((WebhookRejectionReason.NotConfigured, 503), (ex.Reason, ex.StatusCode));
        Assert.Contains("Martech:HubSpot:Webhooks:ClientSecret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receive_EmptyAndOversizedBodies_AreRejected()
    {
        IWebhookReceiver receiver = Receiver(Secret, o => o.MaxBodyBytes = 1024);

        var empty = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed(string.Empty)));
        var large = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(Signed("[" + new string(' ', 1100) + "]")));

        Assert.Equal(WebhookRejectionReason.Malformed, empty.Reason);
        Assert.Equal((WebhookRejectionReason.BodyTooLarge, 413), (large.Reason, large.StatusCode));
    }

    [Fact]
    public async Task Receive_WrongMethod_Is405()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("PUT", Url, HubSpotWebhookSigner.CreateHeaders(Secret, "PUT", Url.AbsoluteUri, body, _clock.GetUtcNow()), body)));

        Assert.Equal((WebhookRejectionReason.MethodNotAllowed, 405), (ex.Reason, ex.StatusCode));
    }

    [Fact]
    public async Task Receive_DiagnosticsOn_ShowsWhatWasSignedButNoSecret()
    {
        IWebhookReceiver receiver = Receiver(Secret, o => o.IncludeDiagnostics = true);
        byte[] body = Encoding.UTF8.GetBytes(OneEvent);
        var headers = HubSpotWebhookSigner.CreateHeaders(Secret, "POST", "https://internal.example/webhooks/hubspot", body, _clock.GetUtcNow());

        var ex = await Assert.ThrowsAsync<WebhookVerificationException>(() => receiver.ReceiveAsync(new WebhookRequest("POST", Url, headers, body)));

        Assert.NotNull(ex.Diagnostic);
        Assert.Contains(Url.AbsoluteUri, ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains(headers.Single(h => h.Key == HubSpotWebhookSigner.TimestampHeader).Value, ex.Diagnostic, StringComparison.Ordinal);
        Assert.Contains($"{body.Length} bytes", ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Diagnostic, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_ZeroToleranceAndPaddedSecret_FailValidationNamingThePath()
    {
        var options = new HubSpotOptions { AccessToken = "pat-test", Webhooks = { ClientSecret = " secret\n", PastTolerance = TimeSpan.Zero, FutureTolerance = TimeSpan.Zero } };

        var problems = options.Validate("Martech:HubSpot").ToList();

        Assert.Contains(problems, p => p.StartsWith("Martech:HubSpot:Webhooks:ClientSecret", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:HubSpot:Webhooks:PastTolerance", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Martech:HubSpot:Webhooks:FutureTolerance", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("secret\n", StringComparison.Ordinal));
        Assert.Empty(new HubSpotOptions { AccessToken = "pat-test" }.Validate("Martech:HubSpot"));
    }

    [Fact]
    public async Task AddHubSpot_WebhooksSection_BindsFromConfiguration()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:HubSpot:AccessToken"] = "pat-test",
            ["Martech:HubSpot:Webhooks:ClientSecret"] = Secret,
            ["Martech:HubSpot:Webhooks:AllowLegacySignatures"] = "true",
            ["Martech:HubSpot:Webhooks:PastTolerance"] = "00:02:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech(configuration.GetSection("Martech")).AddHubSpot();
        await using ServiceProvider provider = services.BuildServiceProvider();
        IWebhookReceiver receiver = provider.GetRequiredKeyedService<IWebhookReceiver>("HubSpot");

        var options = Assert.IsType<HubSpotWebhookOptions>(receiver.GetService(typeof(MartechWebhookOptions)));
        WebhookReceiveResult result = await receiver.ReceiveAsync(Signed(OneEvent));

        Assert.Equal((Secret, true, TimeSpan.FromMinutes(2)), (options.ClientSecret, options.AllowLegacySignatures, options.PastTolerance));
        Assert.Single(result.Events);
    }

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Fuzz_ParserSeesOnlyResultsOrVerificationErrors()
    {
        IWebhookReceiver receiver = Receiver(Secret);
        byte[][] seeds =
        [
            Encoding.UTF8.GetBytes(Fixture()),
            Encoding.UTF8.GetBytes("""[{"eventId":"1","portalId":1,"subscriptionId":1,"occurredAt":"12","subscriptionType":"contact.merge","objectId":1,"mergedObjectIds":[2,"3",{"a":1}],"primaryObjectId":null,"n":1.5e3}]"""),
        ];

        var (accepted, rejected) = await WebhookFuzzer.RunAsync(receiver, seeds, payload => new WebhookRequest("POST", Url, HubSpotWebhookSigner.CreateHeaders(Secret, "POST", Url.AbsoluteUri, payload, _clock.GetUtcNow()), payload), WebhookFuzzer.Iterations);

        Assert.True(accepted > 0 && rejected > 0, $"accepted {accepted}, rejected {rejected}");
    }

    private static string Fixture() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "HubSpot", "Webhooks", "events.json"));

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = [.. bytes];
        copy[index % copy.Length] ^= 0x01;
        return copy;
    }

    private static WebhookRequest VectorRequest(IEnumerable<KeyValuePair<string, string>> headers) =>
        new("POST", new Uri(VectorUri), headers, Encoding.UTF8.GetBytes(VectorBody));

    private WebhookRequest Signed(string body, DateTimeOffset? at = null)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(body);
        return new WebhookRequest("POST", Url, HubSpotWebhookSigner.CreateHeaders(Secret, "POST", Url.AbsoluteUri, bytes, at ?? _clock.GetUtcNow()), bytes);
    }

    private IWebhookReceiver Receiver(string? clientSecret, Action<HubSpotWebhookOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddMartech().AddHubSpot(configure: o =>
        {
            o.AccessToken = "pat-test";
            o.Webhooks.ClientSecret = clientSecret;
            configure?.Invoke(o.Webhooks);
        });
        ServiceProvider provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredKeyedService<IWebhookReceiver>("HubSpot");
    }
}
