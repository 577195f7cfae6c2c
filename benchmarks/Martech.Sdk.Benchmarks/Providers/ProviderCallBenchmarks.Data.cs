using System.Net;

namespace Martech.Sdk.Benchmarks;

/// <summary>The messages, contacts, credentials and vendor answers every row of <see cref="ProviderCallBenchmarks"/> uses.</summary>
public partial class ProviderCallBenchmarks
{
    private const string RecipientEmail = "ada.lovelace@analytical.example";
    private const string RecipientPhone = "+442079460958";

    private const string SendGridKey = "SG.benchmark-key-0123456789abcdefghijklmnopqrstuvwxyz";
    private const string MailgunKey = "key-benchmark-0123456789abcdef";
    private const string MailgunDomain = "mg.brand.example";
    private const string PostmarkToken = "00000000-benchmark-server-token";
    private const string HubSpotToken = "pat-eu1-benchmark-0000-0000";
    private const string PipedriveToken = "pd-benchmark-token-1234567890";
    private const string SlackToken = "xoxb-benchmark-0000000000-token";
    private const string SlackChannel = "C0123LEADS";
    private const string IntercomToken = "dG9rOmJlbmNobWFyaw==";
    private const string IntercomAdmin = "991267";
    private const string IntercomContact = "6762f0d21bb69f9f2193bb7b";
    private const string TwilioSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string TwilioToken = "benchmark-auth-token-0123456789ab";
    private const string TwilioFrom = "+15005550006";
    private const string SalesforceAccessToken = "00DEMU000000001!AR.access-token-value";
    private const string SalesforceInstance = "https://acme-api.my.salesforce.com";
    private const string SalesforceContactId = "0035E0000000001AAA";

    private static readonly Uri SalesforceDomain = new("https://acme.my.salesforce.com");
    private static readonly Uri TeamsWebhook = new("https://prod-42.westus.logic.azure.com:443/workflows/0a1b2c3d/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=benchmark-signature");

    /// <summary>A welcome email: one recipient with a name, both bodies, one tag, two metadata entries.</summary>
    private static EmailMessage SampleEmail() => new()
    {
        From = new Mailbox(EmailAddress.Parse("hello@brand.example"), "The Brand Team"),
        To = { new Mailbox(EmailAddress.Parse(RecipientEmail), "Ada Lovelace") },
        Subject = "Welcome to the spring launch, Ada!",
        TextBody = "Hi Ada,\n\nThanks for signing up for the spring launch webinar. We will send the recording and the slides after the session. Reply to this email if you have questions.\n\nThe Brand Team",
        HtmlBody = "<p>Hi Ada,</p><p>Thanks for signing up for the <b>spring launch</b> webinar. We will send the recording and the slides after the session.</p><p>The Brand Team</p>",
        Tags = { "welcome" },
        Metadata = { ["campaign"] = "spring-launch", ["lead_id"] = "l_1234" },
        Purpose = SendPurpose.Marketing,
    };

    private static Contact SampleContact() => new()
    {
        Email = EmailAddress.Parse(RecipientEmail),
        FirstName = "Ada",
        LastName = "Lovelace",
    };

    private static VendorAnswer SendGridAnswer(HttpRequestMessage request) =>
        new(HttpStatusCode.Accepted, null, "X-Message-Id", "bench-message-id");

    private static readonly VendorAnswer MailgunQueued = VendorAnswer.Json(HttpStatusCode.OK, """{"id":"<20111114174239.25659.5817@mg.brand.example>","message":"Queued. Thank you."}""");

    private static VendorAnswer MailgunAnswer(HttpRequestMessage request) => MailgunQueued;

    private static readonly VendorAnswer PostmarkOk = VendorAnswer.Json(HttpStatusCode.OK, """{"To":"ada.lovelace@analytical.example","SubmittedAt":"2024-05-01T09:30:00.1234567-04:00","MessageID":"b7bc2f4a-e38e-4336-af7d-e6c392c2f817","ErrorCode":0,"Message":"OK"}""");

    private static VendorAnswer PostmarkAnswer(HttpRequestMessage request) => PostmarkOk;

    private static readonly VendorAnswer HubSpotUpserted = VendorAnswer.Json(HttpStatusCode.OK, """
        {"status":"COMPLETE","results":[{"id":"101","properties":{"email":"ada.lovelace@analytical.example","firstname":"Ada","lastname":"Lovelace","createdate":"2024-05-01T09:30:00.000Z","lastmodifieddate":"2024-05-01T09:30:00.000Z","hs_object_id":"101"},"createdAt":"2024-05-01T09:30:00.000Z","updatedAt":"2024-05-01T09:30:00.000Z","archived":false,"new":false}],"startedAt":"2024-05-01T09:30:00.000Z","completedAt":"2024-05-01T09:30:00.100Z"}
        """);

    private static VendorAnswer HubSpotAnswer(HttpRequestMessage request) => HubSpotUpserted;

    private static readonly VendorAnswer SalesforceToken = VendorAnswer.Json(HttpStatusCode.OK, $$"""
        {"access_token":"{{SalesforceAccessToken}}","signature":"c2lnbmF0dXJl","token_format":"opaque","instance_url":"{{SalesforceInstance}}","id":"https://login.salesforce.com/id/00DEMU000000001AAA/005EMU000000001AAA","token_type":"Bearer","issued_at":"1296509381665"}
        """);

    private static readonly VendorAnswer SalesforceDescribe = VendorAnswer.Json(HttpStatusCode.OK, """
        {"name":"Contact","fields":[{"name":"Id","type":"id","custom":false,"createable":false,"updateable":false},{"name":"Email","type":"email","custom":false,"createable":true,"updateable":true},{"name":"Email__c","type":"email","custom":true,"createable":true,"updateable":true},{"name":"FirstName","type":"string","custom":false,"createable":true,"updateable":true},{"name":"LastName","type":"string","custom":false,"createable":true,"updateable":true}]}
        """);

    private static readonly VendorAnswer SalesforceUpserted = VendorAnswer.Json(HttpStatusCode.OK, $$"""{"id":"{{SalesforceContactId}}","success":true,"errors":[],"created":false}""");

    private static readonly VendorAnswer SalesforceRecord = VendorAnswer.Json(HttpStatusCode.OK, $$"""
        {"totalSize":1,"done":true,"records":[{"attributes":{"type":"Contact","url":"/services/data/v62.0/sobjects/Contact/{{SalesforceContactId}}"},"Id":"{{SalesforceContactId}}","Email":"ada.lovelace@analytical.example","Email__c":"ada.lovelace@analytical.example","LastName":"Lovelace","FirstName":"Ada","Name":"Ada Lovelace","CreatedDate":"2025-03-01T12:30:00.000+0000","LastModifiedDate":"2025-03-02T08:00:00.000+0000","AccountId":null,"Account":null}]}
        """);

    private static VendorAnswer SalesforceAnswer(HttpRequestMessage request)
    {
        string path = request.RequestUri!.AbsolutePath;
        return path.EndsWith("/oauth2/token", StringComparison.Ordinal) ? SalesforceToken
            : path.EndsWith("/describe", StringComparison.Ordinal) ? SalesforceDescribe
            : request.Method == HttpMethod.Patch ? SalesforceUpserted
            : SalesforceRecord;
    }

    private const string PipedrivePerson = """
        {"id":42,"name":"Ada Lovelace","first_name":"Ada","last_name":"Lovelace","owner_id":5,"org_id":null,"add_time":"2024-05-01T09:30:00Z","update_time":"2024-05-02T10:00:00Z","emails":[{"value":"ada.lovelace@analytical.example","primary":true,"label":"work"}],"phones":[],"is_deleted":false,"visible_to":3,"label_ids":[],"picture_id":null,"marketing_status":"subscribed","custom_fields":{}}
        """;

    private static readonly VendorAnswer PipedriveSearch = VendorAnswer.Json(HttpStatusCode.OK, """{"success":true,"data":{"items":[]},"additional_data":{"next_cursor":null}}""");

    private static readonly VendorAnswer PipedrivePersonAnswer = VendorAnswer.Json(HttpStatusCode.OK, $$"""{"success":true,"data":{{PipedrivePerson}},"additional_data":null}""");

    private static readonly VendorAnswer PipedriveFields = VendorAnswer.Json(HttpStatusCode.OK, """{"success":true,"data":[],"additional_data":{"pagination":{"start":0,"limit":500,"more_items_in_collection":false}}}""");

    private static VendorAnswer PipedriveAnswer(HttpRequestMessage request)
    {
        string path = request.RequestUri!.AbsolutePath;
        return path.EndsWith("/persons/search", StringComparison.Ordinal) ? PipedriveSearch
            : path.EndsWith("Fields", StringComparison.Ordinal) ? PipedriveFields
            : PipedrivePersonAnswer;
    }

    private static readonly VendorAnswer SlackOk = VendorAnswer.Json(HttpStatusCode.OK, """{"ok":true,"channel":"C0123LEADS","ts":"1700000000.000100","message":{"type":"message","bot_id":"B0EMULATOR"}}""");

    private static VendorAnswer SlackAnswer(HttpRequestMessage request) => SlackOk;

    private static readonly VendorAnswer TeamsAccepted = new(HttpStatusCode.Accepted, null);

    private static VendorAnswer TeamsAnswer(HttpRequestMessage request) => TeamsAccepted;

    private static readonly VendorAnswer IntercomOk = VendorAnswer.Json(HttpStatusCode.OK, """{"type":"user_message","id":"403918330","created_at":1734537243,"body":"<p>Hi</p>","message_type":"inapp","conversation_id":"604"}""");

    private static VendorAnswer IntercomAnswer(HttpRequestMessage request) => IntercomOk;

    private static readonly VendorAnswer TwilioQueued = VendorAnswer.Json(HttpStatusCode.Created, """{"sid":"SM0123456789abcdef0123456789abcdef","status":"queued","num_segments":"2","error_code":null,"error_message":null}""");

    private static VendorAnswer TwilioAnswer(HttpRequestMessage request) => TwilioQueued;
}
