using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Martech.Sdk.Providers.Tests.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// Each provider's main operation end to end against its own hand-written call that puts the same bytes on the wire:
/// the provider resolved from a real container (<c>AddMartech().AddX(...)</c>), with a stub handler answering as the
/// vendor does, once plain, once with <c>UseLogging()</c> (a logger enabled at Information that formats every
/// message) and, for senders, once with <c>UseConsent()</c> (consent and suppressions read from an in-memory
/// instance, so the wire is unchanged). One category per provider, each with its hand-written baseline, so every
/// SDK row has its own ratio. The budget: ≤ 1.3× the time and ≤ 1.5× the allocated bytes of the baseline.
/// </summary>
/// <remarks>The set-up sends one request through every row and fails unless each SDK row sends exactly what its
/// baseline sends (method, URI, content type and body; a multipart boundary is random, so it is compared as a
/// placeholder).</remarks>
[Config(typeof(BenchmarkConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public partial class ProviderCallBenchmarks : IDisposable
{
    private const string ConsentStore = "ConsentStore";

    /// <summary>
    /// Salesforce connected apps each SDK row takes turns on. A Salesforce instance's rate budget is
    /// <c>RequestsPerSecond</c> per credential, at most 10,000 (a sanity bound: Salesforce publishes no per-second limit,
    /// and 10,000 a second would spend the largest org's daily API allocation within hours), and one upsert is two
    /// requests, so a single instance called faster than every 200 µs waits for permits and the row would measure the
    /// pacing. Each app has its own client id, so its own budget: the full pipeline, rate budget included, runs on every
    /// call, and sixteen budgets allow 160,000 requests a second, far above what one thread reaches.
    /// </summary>
    private const int SalesforceApps = 16;

    private static bool s_wireChecked;

    private readonly Dictionary<string, VendorStub> _stubs = [];
    private ServiceProvider _services = null!;

    private IEmailSender _sendGrid = null!, _sendGridLogging = null!, _sendGridConsent = null!;
    private IEmailSender _mailgun = null!, _mailgunLogging = null!, _mailgunConsent = null!;
    private IEmailSender _postmark = null!, _postmarkLogging = null!, _postmarkConsent = null!;
    private IContactClient _hubSpot = null!, _hubSpotLogging = null!;
    private IContactClient[] _salesforce = null!, _salesforceLogging = null!;
    private int _salesforceTurn;
    private IContactClient _pipedrive = null!, _pipedriveLogging = null!;
    private IMessageSender _slack = null!, _slackLogging = null!, _slackConsent = null!;
    private IMessageSender _teams = null!, _teamsLogging = null!, _teamsConsent = null!;
    private IMessageSender _intercom = null!, _intercomLogging = null!, _intercomConsent = null!;
    private IMessageSender _twilio = null!, _twilioLogging = null!, _twilioConsent = null!;

    private EmailMessage _email = null!;
    private Contact _contact = null!;
    private OutgoingMessage _toSlack = null!, _toTeams = null!, _toIntercom = null!, _toPhone = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.ClearProviders().SetMinimumLevel(LogLevel.Information).AddProvider(new FormattingLoggerProvider()));
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory(ConsentStore);

        foreach (var (suffix, wrap) in Variants())
        {
            Register(services, "SendGrid" + suffix, martech.AddSendGrid("SendGrid" + suffix, o =>
            {
                o.ApiKey = SendGridKey;
                o.RateLimit = new MartechRateLimitOptions { PermitLimit = 10_000_000, Window = TimeSpan.FromSeconds(1) };
            }), wrap, SendGridAnswer);
            Register(services, "Mailgun" + suffix, martech.AddMailgun("Mailgun" + suffix, o =>
            {
                o.ApiKey = MailgunKey;
                o.Domain = MailgunDomain;
                o.RateLimitPermits = 10_000_000;
            }), wrap, MailgunAnswer);
            Register(services, "Postmark" + suffix, martech.AddPostmark("Postmark" + suffix, o =>
            {
                o.ServerToken = PostmarkToken;
                o.RateLimitPermits = 10_000_000;
            }), wrap, PostmarkAnswer);
            Register(services, "Slack" + suffix, martech.AddSlack("Slack" + suffix, o =>
            {
                o.BotToken = SlackToken;
                o.RateLimitPermits = 10_000_000;
                o.PostMessagePerSecond = 10_000_000;
            }), wrap, SlackAnswer);
            Register(services, "Teams" + suffix, martech.AddTeams("Teams" + suffix, o =>
            {
                o.AddChannel("new-leads", TeamsWebhook);
                o.RateLimitPermits = 10_000_000;
            }), wrap, TeamsAnswer);
            Register(services, "Intercom" + suffix, martech.AddIntercom("Intercom" + suffix, o =>
            {
                o.AccessToken = IntercomToken;
                o.AdminId = IntercomAdmin;
                o.RateLimitPermits = 10_000_000;
            }), wrap, IntercomAnswer);
            Register(services, "Twilio" + suffix, martech.AddTwilio("Twilio" + suffix, o =>
            {
                o.AccountSid = TwilioSid;
                o.AuthToken = TwilioToken;
                o.From = TwilioFrom;
                o.RateLimitPermits = 10_000_000;
            }), wrap, TwilioAnswer);
            if (suffix == "Consent")
            {
                continue;
            }

            // Contact clients have no consent middleware.
            Register(services, "HubSpot" + suffix, martech.AddHubSpot("HubSpot" + suffix, o =>
            {
                o.AccessToken = HubSpotToken;
                o.RateLimitPermits = 10_000_000;
            }), wrap, HubSpotAnswer);
            var salesforceStub = new VendorStub(SalesforceAnswer);
            for (int app = 0; app < SalesforceApps; app++)
            {
                string clientId = app == 0 ? "consumer-key" : $"consumer-key-{app}";
                Register(services, SalesforceName(suffix, app), martech.AddSalesforce(SalesforceName(suffix, app), o =>
                {
                    o.MyDomainUrl = SalesforceDomain;
                    o.ClientId = clientId;
                    o.ClientSecret = "consumer-secret";
                    o.ContactEmailExternalIdField = "Email__c";
                    o.RequestsPerSecond = 10_000;
                }), wrap, SalesforceAnswer, oauth: true, stub: salesforceStub);
            }
            Register(services, "Pipedrive" + suffix, martech.AddPipedrive("Pipedrive" + suffix, o =>
            {
                o.ApiToken = PipedriveToken;
                o.RateLimitPermitLimit = 10_000_000;
            }), wrap, PipedriveAnswer);
        }

        _services = services.BuildServiceProvider();
        (_sendGrid, _sendGridLogging, _sendGridConsent) = Senders<IEmailSender>("SendGrid");
        (_mailgun, _mailgunLogging, _mailgunConsent) = Senders<IEmailSender>("Mailgun");
        (_postmark, _postmarkLogging, _postmarkConsent) = Senders<IEmailSender>("Postmark");
        (_slack, _slackLogging, _slackConsent) = Senders<IMessageSender>("Slack");
        (_teams, _teamsLogging, _teamsConsent) = Senders<IMessageSender>("Teams");
        (_intercom, _intercomLogging, _intercomConsent) = Senders<IMessageSender>("Intercom");
        (_twilio, _twilioLogging, _twilioConsent) = Senders<IMessageSender>("Twilio");
        (_hubSpot, _hubSpotLogging) = (Get<IContactClient>("HubSpot"), Get<IContactClient>("HubSpotLogging"));
        _salesforce = [.. Enumerable.Range(0, SalesforceApps).Select(app => Get<IContactClient>(SalesforceName(string.Empty, app)))];
        _salesforceLogging = [.. Enumerable.Range(0, SalesforceApps).Select(app => Get<IContactClient>(SalesforceName("Logging", app)))];
        (_pipedrive, _pipedriveLogging) = (Get<IContactClient>("Pipedrive"), Get<IContactClient>("PipedriveLogging"));

        // Consent is granted in the store consent is read from, so a consent row sends what the others send.
        IContactClient consent = Get<IContactClient>(ConsentStore);
        consent.UpsertAsync(new Contact { Email = EmailAddress.Parse(RecipientEmail), EmailConsent = Consent.Granted() }).GetAwaiter().GetResult();
        string phoneContact = consent.UpsertAsync(new Contact { Email = EmailAddress.Parse("sms@example.com"), Phone = PhoneNumber.Parse(RecipientPhone), SmsConsent = Consent.Granted() })
            .GetAwaiter().GetResult().Value.Id!;

        _email = SampleEmail();
        _contact = SampleContact();
        _toSlack = SampleCard.Message(MessageDestination.Channel(SlackChannel));
        _toTeams = SampleCard.Message(MessageDestination.Channel("new-leads"));
        _toIntercom = SampleCard.Message(MessageDestination.User(IntercomContact));
        OutgoingMessage card = SampleCard.Message(MessageDestination.Phone(PhoneNumber.Parse(RecipientPhone)));
        _toPhone = new OutgoingMessage { Destination = card.Destination, Text = card.Text, Card = card.Card, Purpose = SendPurpose.Marketing, ContactId = phoneContact };

        SetupHandWritten();

        // Every Salesforce app fetches its token once here, so no measured call (nor the wire check) pays for it.
        foreach (IContactClient app in _salesforce.Concat(_salesforceLogging))
        {
            app.UpsertAsync(_contact).GetAwaiter().GetResult();
        }

        // Once per process: every case of a measured run is its own process; the smoke run has them all in one.
        if (!s_wireChecked)
        {
            CheckSameBytesOnTheWire();
            s_wireChecked = true;
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services?.Dispose();
        DisposeHandWritten();
        GC.SuppressFinalize(this);
    }

    // --- SendGrid ---------------------------------------------------------------------------------------------------

    [Benchmark(Description = "SDK"), BenchmarkCategory("SendGrid")]
    public async Task<string?> SendGridSdk() => (await _sendGrid.SendAsync(_email)).MessageId;

    [Benchmark(Description = "SDK + UseLogging"), BenchmarkCategory("SendGrid")]
    public async Task<string?> SendGridSdkLogging() => (await _sendGridLogging.SendAsync(_email)).MessageId;

    [Benchmark(Description = "SDK + UseConsent"), BenchmarkCategory("SendGrid")]
    public async Task<string?> SendGridSdkConsent() => (await _sendGridConsent.SendAsync(_email)).MessageId;

    // --- Mailgun ----------------------------------------------------------------------------------------------------

    [Benchmark(Description = "SDK"), BenchmarkCategory("Mailgun")]
    public async Task<string?> MailgunSdk() => (await _mailgun.SendAsync(_email)).MessageId;

    [Benchmark(Description = "SDK + UseLogging"), BenchmarkCategory("Mailgun")]
    public async Task<string?> MailgunSdkLogging() => (await _mailgunLogging.SendAsync(_email)).MessageId;

    [Benchmark(Description = "SDK + UseConsent"), BenchmarkCategory("Mailgun")]
    public async Task<string?> MailgunSdkConsent() => (await _mailgunConsent.SendAsync(_email)).MessageId;

    // --- Postmark ---------------------------------------------------------------------------------------------------

    [Benchmark(Description = "SDK"), BenchmarkCategory("Postmark")]
    public async Task<string?> PostmarkSdk() => (await _postmark.SendAsync(_email)).MessageId;

    [Benchmark(Description = "SDK + UseLogging"), BenchmarkCategory("Postmark")]
    public async Task<string?> PostmarkSdkLogging() => (await _postmarkLogging.SendAsync(_email)).MessageId;

    [Benchmark(Description = "SDK + UseConsent"), BenchmarkCategory("Postmark")]
    public async Task<string?> PostmarkSdkConsent() => (await _postmarkConsent.SendAsync(_email)).MessageId;

    // --- HubSpot ----------------------------------------------------------------------------------------------------

    [Benchmark(Description = "SDK"), BenchmarkCategory("HubSpot")]
    public async Task<string?> HubSpotSdk() => (await _hubSpot.UpsertAsync(_contact)).Value.Id;

    [Benchmark(Description = "SDK + UseLogging"), BenchmarkCategory("HubSpot")]
    public async Task<string?> HubSpotSdkLogging() => (await _hubSpotLogging.UpsertAsync(_contact)).Value.Id;

    // --- Salesforce -------------------------------------------------------------------------------------------------

    [Benchmark(Description = "SDK"), BenchmarkCategory("Salesforce")]
    public async Task<string?> SalesforceSdk() => (await NextApp(_salesforce).UpsertAsync(_contact)).Value.Id;

    [Benchmark(Description = "SDK + UseLogging"), BenchmarkCategory("Salesforce")]
    public async Task<string?> SalesforceSdkLogging() => (await NextApp(_salesforceLogging).UpsertAsync(_contact)).Value.Id;

    // --- Pipedrive --------------------------------------------------------------------------------------------------

    [Benchmark(Description = "SDK"), BenchmarkCategory("Pipedrive")]
    public async Task<string?> PipedriveSdk() => (await _pipedrive.UpsertAsync(_contact)).Value.Id;

    [Benchmark(Description = "SDK + UseLogging"), BenchmarkCategory("Pipedrive")]
    public async Task<string?> PipedriveSdkLogging() => (await _pipedriveLogging.UpsertAsync(_contact)).Value.Id;

    // --- Slack ------------------------------------------------------------------------------------------------------

    [Benchmark(Description = "SDK"), BenchmarkCategory("Slack")]
    public async Task<string?> SlackSdk() => (await _slack.SendAsync(_toSlack)).MessageId;

    [Benchmark(Description = "SDK + UseLogging"), BenchmarkCategory("Slack")]
    public async Task<string?> SlackSdkLogging() => (await _slackLogging.SendAsync(_toSlack)).MessageId;

    [Benchmark(Description = "SDK + UseConsent"), BenchmarkCategory("Slack")]
    public async Task<string?> SlackSdkConsent() => (await _slackConsent.SendAsync(_toSlack)).MessageId;

    // --- Teams ------------------------------------------------------------------------------------------------------

    [Benchmark(Description = "SDK"), BenchmarkCategory("Teams")]
    public async Task<SendStatus> TeamsSdk() => (await _teams.SendAsync(_toTeams)).Status;

    [Benchmark(Description = "SDK + UseLogging"), BenchmarkCategory("Teams")]
    public async Task<SendStatus> TeamsSdkLogging() => (await _teamsLogging.SendAsync(_toTeams)).Status;

    [Benchmark(Description = "SDK + UseConsent"), BenchmarkCategory("Teams")]
    public async Task<SendStatus> TeamsSdkConsent() => (await _teamsConsent.SendAsync(_toTeams)).Status;

    // --- Intercom ---------------------------------------------------------------------------------------------------

    [Benchmark(Description = "SDK"), BenchmarkCategory("Intercom")]
    public async Task<string?> IntercomSdk() => (await _intercom.SendAsync(_toIntercom)).MessageId;

    [Benchmark(Description = "SDK + UseLogging"), BenchmarkCategory("Intercom")]
    public async Task<string?> IntercomSdkLogging() => (await _intercomLogging.SendAsync(_toIntercom)).MessageId;

    [Benchmark(Description = "SDK + UseConsent"), BenchmarkCategory("Intercom")]
    public async Task<string?> IntercomSdkConsent() => (await _intercomConsent.SendAsync(_toIntercom)).MessageId;

    // --- Twilio -----------------------------------------------------------------------------------------------------

    [Benchmark(Description = "SDK"), BenchmarkCategory("Twilio")]
    public async Task<string?> TwilioSdk() => (await _twilio.SendAsync(_toPhone)).MessageId;

    [Benchmark(Description = "SDK + UseLogging"), BenchmarkCategory("Twilio")]
    public async Task<string?> TwilioSdkLogging() => (await _twilioLogging.SendAsync(_toPhone)).MessageId;

    [Benchmark(Description = "SDK + UseConsent (marketing SMS, consent read)"), BenchmarkCategory("Twilio")]
    public async Task<string?> TwilioSdkConsent() => (await _twilioConsent.SendAsync(_toPhone)).MessageId;

    private static IEnumerable<(string Suffix, Action<MartechProviderBuilder> Wrap)> Variants() =>
    [
        (string.Empty, _ => { }),
        ("Logging", p => p.UseLogging()),
        ("Consent", p => p.UseConsent(o =>
        {
            o.ContactsProvider = ConsentStore;
            o.SuppressionsProvider = ConsentStore;
        })),
    ];

    private static string SalesforceName(string suffix, int app) => "Salesforce" + suffix + (app == 0 ? string.Empty : app.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private IContactClient NextApp(IContactClient[] apps) => apps[_salesforceTurn++ & (SalesforceApps - 1)];

    private void Register(IServiceCollection services, string name, MartechProviderBuilder provider, Action<MartechProviderBuilder> wrap, Func<HttpRequestMessage, VendorAnswer> answer, bool oauth = false, VendorStub? stub = null)
    {
        wrap(provider);
        stub ??= new VendorStub(answer);
        _stubs[name] = stub;
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => stub);
        if (oauth)
        {
            services.AddHttpClient(name + ".oauth").ConfigurePrimaryHttpMessageHandler(() => stub);
        }
    }

    private T Get<T>(string name)
        where T : notnull => _services.GetRequiredKeyedService<T>(name);

    private (T Plain, T Logging, T Consent) Senders<T>(string name)
        where T : notnull => (Get<T>(name), Get<T>(name + "Logging"), Get<T>(name + "Consent"));

    /// <summary>A logger enabled at Information that formats each message it is given, as a console or file sink
    /// would, and drops the text.</summary>
    private sealed class FormattingLoggerProvider : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                GC.KeepAlive(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }
}
