using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Martech.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk.IntegrationTests.Redaction;

/// <summary>
/// Every provider over sockets, with a secret holding <c>+ / = "</c> and a recipient address, with every log line at
/// every level, every tag of every Martech.Sdk activity and every thrown exception captured: no form of the secret
/// anywhere (as it is, URL-encoded, JSON-escaped, Base64 of Basic credentials), and no address, name or phone number
/// below Trace or in a tag. Success paths, a 5xx whose body echoes the secret and the address, a 401 from a vendor that
/// echoes the credentials it was sent, and a transport failure whose message holds the URL and the credentials.
/// </summary>
public sealed class RedactionEverywhereTests
{
    // Two alphanumeric runs around every character that URL encoding, JSON escaping and Base64 treat specially: each run
    // survives any of those encodings as it is, so finding neither proves no form of the secret leaked.
    private const string Secret = "Zx9Kq7Wv+Sl/ash==\"Qt4Rm8Np";
    private static readonly string[] SecretRuns = ["Zx9Kq7Wv", "Qt4Rm8Np"];

    private const string Recipient = "ada.lovelace+news@example.com";
    private const string Phone = "+15557654321";

    // What must not appear below Trace: the address's local part (also the family name), in any encoding, and the phone.
    private static readonly string[] PersonalRuns = ["lovelace", "5557654321"];

    public static TheoryData<string> Providers => new() { "SendGrid", "Mailgun", "Postmark", "HubSpot", "Pipedrive", "Salesforce", "Intercom", "Twilio" };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Success_NoSecretAnywhere_NoPersonalDataBelowTrace(string provider)
    {
        await using var vendor = await Vendor.StartAsync(provider);
        using var capture = new Capture();
        await using ServiceProvider services = Build(vendor.Register, capture);

        List<Exception> thrown = await RunAsync(services, vendor);

        Assert.Empty(thrown);
        capture.AssertClean(thrown);
        Assert.Contains(capture.Tags, t => t.Key == "url.full");
        Assert.Contains(capture.Logs, l => l.Level == LogLevel.Debug && l.Category == "Martech.Sdk.Http");

        // Trace may carry the address, and here it does: the capture sees what the SDK writes.
        Assert.Contains(capture.Logs, l => l.Level == LogLevel.Trace && PersonalRuns.Any(p => l.Text.Contains(p, StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ServerErrorEchoingSecretAndAddress_NoSecretAnywhere_NoPersonalDataBelowTrace(string provider)
    {
        await using var vendor = await Vendor.StartAsync(provider);
        vendor.Emulator.Faults.When(r => !r.Path.Contains("oauth2", StringComparison.Ordinal), EmulatorFault.ServerError(500, Echo(provider, Secret, Recipient + " " + Phone)));
        using var capture = new Capture();
        await using ServiceProvider services = Build(vendor.Register, capture);

        List<Exception> thrown = await RunAsync(services, vendor);

        Assert.NotEmpty(thrown);
        capture.AssertClean(thrown);
        Assert.Contains(capture.Logs, l => l.Level == LogLevel.Error);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task UnauthorizedFromAVendorEchoingTheCredentials_NoSecretAnywhere_NoPersonalDataBelowTrace(string provider)
    {
        await using var echo = new EchoingVendor();
        await echo.StartAsync();
        await using var vendor = await Vendor.StartAsync(provider);
        using var capture = new Capture();
        await using ServiceProvider services = Build(b => vendor.RegisterAt(b, echo.BaseAddress), capture);

        List<Exception> thrown = await RunAsync(services, vendor);

        Assert.NotEmpty(thrown);
        Assert.True(echo.Answered > 0, "the echoing vendor was not called");
        capture.AssertClean(thrown);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task TransportFailureWhoseMessageHoldsUrlAndCredentials_NoSecretAnywhere_NoPersonalDataBelowTrace(string provider)
    {
        await using var vendor = await Vendor.StartAsync(provider);
        using var capture = new Capture();
        await using ServiceProvider services = Build(vendor.Register, capture, s => s.AddSingleton<IHttpMessageHandlerBuilderFilter, EchoingFailureFilter>());

        List<Exception> thrown = await RunAsync(services, vendor);

        Assert.NotEmpty(thrown);
        capture.AssertClean(thrown);
    }

    // A vendor error body quoting the value in every form: as sent in a header (JSON-escaped by the serializer), URL-encoded
    // both ways, JSON-escaped by hand, and Base64 of Basic credentials; under the field names vendors use.
    // The Base64 forms only for the providers that send Basic credentials (the SDK knows those), with their user.
    private static string Echo(string provider, string secret, string personal)
    {
        string? basicUser = provider switch { "Mailgun" => "api", "Twilio" => TwilioEmulator.DefaultAccountSid, _ => null };
        string forms = string.Join(" | ",
            secret,
            Uri.EscapeDataString(secret),
            LowerHex(Uri.EscapeDataString(secret)),
            System.Net.WebUtility.UrlEncode(secret),
            basicUser is null ? "-" : Convert.ToBase64String(Encoding.UTF8.GetBytes(basicUser + ":" + secret)),
            basicUser is null ? "-" : Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)),
            personal,
            Uri.EscapeDataString(personal));
        return ErrorBody(forms, 500, secret);
    }

    // %2B -> %2b, leaving every other character as it is.
    private static string LowerHex(string escaped)
    {
        var sb = new StringBuilder(escaped);
        for (int i = 0; i + 2 < sb.Length; i++)
        {
            if (sb[i] == '%')
            {
                sb[i + 1] = char.ToLowerInvariant(sb[i + 1]);
                sb[i + 2] = char.ToLowerInvariant(sb[i + 2]);
            }
        }

        return sb.ToString();
    }

    // The text under the field names vendors use, JSON-escaped by System.Text.Json (\u002B, \u0022), and the secret
    // escaped by hand the way other writers do (\/ and \") in a field of its own.
    private static string ErrorBody(string text, int status, string? secret = null)
    {
        string json = JsonSerializer.Serialize(text);
        string byHand = secret is null ? "null" : "\"" + secret.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal) + "\"";
        return $$"""
            {"message":{{json}},"Message":{{json}},"ErrorCode":10,"error":{{json}},"error_description":{{json}},"detail":{{json}},"key":{{byHand}},"status":{{status}},"code":{{status}},"category":"ERROR","type":"error.list","success":false,"errors":[{"message":{{json}},"code":"echo","field":"key"}]}
            """;
    }

    private static ServiceProvider Build(Action<MartechBuilder> register, Capture capture, Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        more?.Invoke(services);
        register(services.AddMartech());
        return services.BuildServiceProvider();
    }

    private static async Task<List<Exception>> RunAsync(IServiceProvider services, Vendor vendor)
    {
        var thrown = new List<Exception>();
        foreach (Func<Task> operation in vendor.Operations(services))
        {
            try
            {
                await operation();
            }
            catch (Exception ex) when (ex is MartechException or HttpRequestException or InvalidOperationException)
            {
                thrown.Add(ex);
            }
        }

        return thrown;
    }

    private static EmailMessage Email(string from) => new()
    {
        From = new Mailbox(EmailAddress.Parse(from), "News"),
        To = { new Mailbox(EmailAddress.Parse(Recipient), "Ada Lovelace") },
        Subject = "Hello",
        TextBody = "Hi Ada",
    };

    private static void Fast(MartechResilienceOptions resilience)
    {
        resilience.BaseDelay = TimeSpan.FromMilliseconds(5);
        resilience.MaxDelay = TimeSpan.FromMilliseconds(20);
        resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
        resilience.TotalTimeout = TimeSpan.FromSeconds(15);
    }

    /// <summary>One provider's emulator, registration and operations.</summary>
    private sealed class Vendor : IAsyncDisposable
    {
        private Vendor(VendorEmulator emulator, Action<MartechBuilder, Uri> register, Func<IServiceProvider, Vendor, IEnumerable<Func<Task>>> operations)
        {
            Emulator = emulator;
            _register = register;
            _operations = operations;
        }

        private readonly Action<MartechBuilder, Uri> _register;
        private readonly Func<IServiceProvider, Vendor, IEnumerable<Func<Task>>> _operations;

        public VendorEmulator Emulator { get; }

        public string? IntercomContactId { get; set; }

        public static async Task<Vendor> StartAsync(string provider)
        {
            Vendor vendor = provider switch
            {
                "SendGrid" => new(new SendGridEmulator { ApiKey = Secret }, (b, at) => b.AddSendGrid(configure: o =>
                {
                    o.ApiKey = Secret;
                    o.BaseAddress = at;
                    Fast(o.Resilience);
                }).UseLogging().UseOpenTelemetry(), (s, _) =>
                [
                    () => s.GetRequiredService<IEmailSender>().SendAsync(Email("news@example.com")),
                    () => s.GetRequiredService<IEmailSuppressionList>().FindAsync(EmailAddress.Parse(Recipient)),
                    () => s.GetRequiredService<IEmailSuppressionList>().RemoveAsync([new EmailSuppression { Email = EmailAddress.Parse(Recipient), Kind = SuppressionKind.Unsubscribe }]),
                ]),
                "Mailgun" => new(new MailgunEmulator("mg.example.com", Secret), (b, at) => b.AddMailgun(configure: o =>
                {
                    o.ApiKey = Secret;
                    o.Domain = "mg.example.com";
                    o.BaseAddress = at;
                    Fast(o.Resilience);
                }).UseLogging().UseOpenTelemetry(), (s, _) =>
                [
                    () => s.GetRequiredService<IEmailSender>().SendAsync(Email("news@mg.example.com")),
                    () => s.GetRequiredService<IEmailSuppressionList>().FindAsync(EmailAddress.Parse(Recipient)),
                ]),
                "Postmark" => new(new PostmarkEmulator { ServerToken = Secret }, (b, at) => b.AddPostmark(configure: o =>
                {
                    o.ServerToken = Secret;
                    o.BaseAddress = at;
                    Fast(o.Resilience);
                }).UseLogging().UseOpenTelemetry(), (s, _) =>
                [
                    () => s.GetRequiredService<IEmailSender>().SendAsync(Email("news@example.com")),
                    () => s.GetRequiredService<IEmailSuppressionList>().FindAsync(EmailAddress.Parse(Recipient)),
                ]),
                "HubSpot" => new(new HubSpotEmulator { AccessToken = Secret }, (b, at) => b.AddHubSpot(configure: o =>
                {
                    o.AccessToken = Secret;
                    o.BaseAddress = at;
                    Fast(o.Resilience);
                }).UseLogging().UseOpenTelemetry(), (s, _) => ContactOperations(s)),
                "Pipedrive" => new(new PipedriveEmulator { ApiToken = Secret }, (b, at) => b.AddPipedrive(configure: o =>
                {
                    o.ApiToken = Secret;
                    o.BaseAddress = new Uri(at, "api/v2/");
                    o.V1BaseAddress = new Uri(at, "v1/");
                    o.ConversionPollInterval = TimeSpan.Zero;
                    Fast(o.Resilience);
                }).UseLogging().UseOpenTelemetry(), (s, _) => ContactOperations(s)),
                "Salesforce" => new(new SalesforceEmulator { ClientSecret = Secret }, (b, at) => b.AddSalesforce(configure: o =>
                {
                    o.MyDomainUrl = at;
                    o.ClientId = SalesforceEmulator.DefaultClientId;
                    o.ClientSecret = Secret;
                    Fast(o.Resilience);
                }).UseLogging().UseOpenTelemetry(), (s, _) => ContactOperations(s)),
                "Intercom" => new(new IntercomEmulator { AccessToken = Secret }, (b, at) => b.AddIntercom(configure: o =>
                {
                    o.AccessToken = Secret;
                    o.AdminId = IntercomEmulator.DefaultAdminId;
                    o.BaseAddress = at;
                    Fast(o.Resilience);
                }).UseLogging().UseOpenTelemetry(), (s, v) =>
                [
                    () => s.GetRequiredService<IMessageSender>().SendAsync(new OutgoingMessage { Destination = MessageDestination.User(v.IntercomContactId!), Text = "Hi Ada Lovelace" }),
                ]),
                "Twilio" => new(new TwilioEmulator { AuthToken = Secret }, (b, at) => b.AddTwilio(configure: o =>
                {
                    o.AccountSid = TwilioEmulator.DefaultAccountSid;
                    o.AuthToken = Secret;
                    o.From = "+15005550006";
                    o.BaseAddress = at;
                    Fast(o.Resilience);
                }).UseLogging().UseOpenTelemetry(), (s, _) =>
                [
                    () => s.GetRequiredService<IMessageSender>().SendAsync(new OutgoingMessage { Destination = MessageDestination.Phone(PhoneNumber.Parse(Phone)), Text = "Hi Ada" }),
                ]),
                _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "No such provider in this test."),
            };

            try
            {
                await vendor.Emulator.StartAsync();
                vendor.Seed();
                return vendor;
            }
            catch
            {
                await vendor.DisposeAsync();
                throw;
            }
        }

        public void Register(MartechBuilder builder) => _register(builder, Emulator.BaseAddress);

        public void RegisterAt(MartechBuilder builder, Uri at) => _register(builder, at);

        public IEnumerable<Func<Task>> Operations(IServiceProvider services) => _operations(services, this);

        public ValueTask DisposeAsync() => Emulator.DisposeAsync();

        private void Seed()
        {
            switch (Emulator)
            {
                case SendGridEmulator sendGrid:
                    sendGrid.AddBounce(Recipient, "550 no such user");
                    sendGrid.AddGlobalUnsubscribe(Recipient);
                    break;
                case MailgunEmulator mailgun:
                    mailgun.AddBounce(Recipient);
                    break;
                case PostmarkEmulator postmark:
                    postmark.AddSuppression("outbound", Recipient);
                    break;
                case IntercomEmulator intercom:
                    IntercomContactId = intercom.AddContact(Recipient, "Ada Lovelace", phone: Phone).Id;
                    break;
            }
        }

        private static IEnumerable<Func<Task>> ContactOperations(IServiceProvider services) =>
        [
            () => services.GetRequiredService<IContactClient>().UpsertAsync(new Contact { Email = EmailAddress.Parse(Recipient), FirstName = "Ada", LastName = "Lovelace", Phone = PhoneNumber.Parse(Phone) }),
            () => services.GetRequiredService<IContactClient>().FindByEmailAsync(EmailAddress.Parse(Recipient)),
        ];
    }

    /// <summary>A vendor that answers every request 401 with a body quoting the credentials, the query and the path it
    /// was sent, as some vendors (and proxies) do.</summary>
    private sealed class EchoingVendor : VendorEmulator
    {
        private int _answered;

        public int Answered => Volatile.Read(ref _answered);

        protected override void MapRoutes(IEndpointRouteBuilder routes) =>
            routes.Map("/{**path}", async (HttpContext context) =>
            {
                Interlocked.Increment(ref _answered);
                HttpRequest request = context.Request;
                // A URL-encoded form (an OAuth2 token request's client secret, an SMS's number) is echoed; other bodies are not.
                using var reader = new StreamReader(request.Body);
                string form = request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal) == true
                    ? await reader.ReadToEndAsync(context.RequestAborted)
                    : string.Empty;
                string text = $"invalid credentials: Authorization={request.Headers.Authorization}; X-Postmark-Server-Token={request.Headers["X-Postmark-Server-Token"]}; query={request.QueryString.Value}; decoded={Uri.UnescapeDataString(request.QueryString.Value ?? string.Empty)}; form={form}; path={request.Path}";
                return Results.Content(ErrorBody(text, 401), "application/json", Encoding.UTF8, StatusCodes.Status401Unauthorized);
            });
    }

    /// <summary>Adds an innermost handler that fails every request with a message quoting its URL (with any key in the
    /// query) and its credential headers, as a proxy or a custom handler might.</summary>
    private sealed class EchoingFailureFilter : IHttpMessageHandlerBuilderFilter
    {
        public Action<HttpMessageHandlerBuilder> Configure(Action<HttpMessageHandlerBuilder> next) => builder =>
        {
            next(builder);
            builder.AdditionalHandlers.Add(new Failing());
        };

        private sealed class Failing : DelegatingHandler
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                string credentials = string.Join("; ", request.Headers.Where(h => h.Key is "Authorization" or "X-Postmark-Server-Token").Select(h => h.Key + ": " + string.Join(",", h.Value)));
                throw new HttpRequestException(
                    HttpRequestError.ProxyTunnelError,
                    $"The proxy refused {request.Method} {request.RequestUri} ({request.RequestUri?.AbsoluteUri}) with {credentials}.");
            }
        }
    }

    /// <summary>Every log line at every level (with its exception) and every tag of every Martech.Sdk activity.</summary>
    private sealed class Capture : ILoggerProvider
    {
        private readonly ActivityListener _listener;

        // The test runs under this activity, so activities of tests running in parallel are told apart by their root.
        private readonly Activity _root;

        public Capture()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name is MartechTelemetry.Name,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    if (a.Source != MartechTelemetry.ActivitySource || a.RootId != _root?.RootId)
                    {
                        return;
                    }

                    foreach (var tag in a.TagObjects)
                    {
                        Tags.Enqueue(new(tag.Key, tag.Value?.ToString()));
                    }

                    foreach (ActivityEvent e in a.Events)
                    {
                        foreach (var tag in e.Tags)
                        {
                            Tags.Enqueue(new(e.Name + "." + tag.Key, tag.Value?.ToString()));
                        }
                    }

                    Tags.Enqueue(new("status.description", a.StatusDescription));
                    Tags.Enqueue(new("display.name", a.DisplayName));
                },
            };
            ActivitySource.AddActivityListener(_listener);
            _root = new Activity("redaction test").Start();
        }

        public ConcurrentQueue<Entry> Logs { get; } = new();

        public ConcurrentQueue<KeyValuePair<string, string?>> Tags { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
            _root.Dispose();
            _listener.Dispose();
        }

        public void AssertClean(IEnumerable<Exception> thrown)
        {
            Assert.NotEmpty(Logs);
            foreach (Entry entry in Logs)
            {
                AssertNoSecret(entry.Text, $"{entry.Level} log line of {entry.Category}");
                if (entry.Level > LogLevel.Trace)
                {
                    AssertNoPersonalData(entry.Text, $"{entry.Level} log line of {entry.Category}");
                }
            }

            // Other tests' activities may be seen too: they carry no secret of this test and, as these, no personal data.
            foreach (var (key, value) in Tags)
            {
                AssertNoSecret(value ?? string.Empty, $"activity tag {key}");
                AssertNoPersonalData(value ?? string.Empty, $"activity tag {key}");
            }

            foreach (Exception ex in thrown)
            {
                AssertNoSecret(ex.ToString(), $"thrown {ex.GetType().Name}");
            }
        }

        private static void AssertNoSecret(string text, string where)
        {
            foreach (string run in SecretRuns)
            {
                Assert.False(text.Contains(run, StringComparison.Ordinal), $"The secret leaked in the {where}: {text}");
            }

            foreach (string base64 in new[] { "api:" + Secret, TwilioEmulator.DefaultAccountSid + ":" + Secret, Secret }.Select(s => Convert.ToBase64String(Encoding.UTF8.GetBytes(s))))
            {
                // The Base64 runs are long and random: any 16 characters of them quoted is a leak.
                Assert.False(text.Contains(base64[^16..], StringComparison.Ordinal) || text.Contains(base64[..16], StringComparison.Ordinal), $"Base64 credentials leaked in the {where}: {text}");
            }
        }

        private static void AssertNoPersonalData(string text, string where)
        {
            foreach (string run in PersonalRuns)
            {
                Assert.False(text.Contains(run, StringComparison.OrdinalIgnoreCase), $"Personal data below Trace in the {where}: {text}");
            }
        }

        public sealed record Entry(string Category, LogLevel Level, string Text);

        private sealed class Logger(Capture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Logs.Enqueue(new Entry(category, logLevel, formatter(state, exception) + (exception is null ? string.Empty : Environment.NewLine + exception)));
        }
    }
}
