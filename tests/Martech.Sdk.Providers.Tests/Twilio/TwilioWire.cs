using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Martech.Sdk.Twilio;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Twilio;

/// <summary>
/// A Twilio instance built through DI as a user would, with MockHttp as the primary handler: every request is
/// captured (method, full URI, headers, form body) for exact assertions; unexpected requests fail the test.
/// </summary>
internal sealed class TwilioWire : IAsyncDisposable
{
    public const string AccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string AuthToken = "tw-auth-token-SECRET-0123";
    public const string From = "+15005550006";
    public const string MessagesUrl = "https://api.twilio.com/2010-04-01/Accounts/" + AccountSid + "/Messages.json";

    private readonly ServiceProvider _services;

    private TwilioWire(ServiceProvider services, MockHttpMessageHandler mock, string name)
    {
        _services = services;
        Mock = mock;
        Name = name;
    }

    public MockHttpMessageHandler Mock { get; }

    public string Name { get; }

    public ConcurrentQueue<TwilioCapturedRequest> Requests { get; } = new();

    public IServiceProvider Services => _services;

    public IMessageSender Sender => _services.GetRequiredKeyedService<IMessageSender>(Name);

    public static TwilioWire Create(Action<TwilioOptions>? configure = null, string name = "Twilio")
    {
        var mock = new MockHttpMessageHandler();
        mock.Fallback.Throw(new InvalidOperationException("The provider sent a request no test expected."));
        var services = new ServiceCollection();
        services.AddMartech().AddTwilio(name, o =>
        {
            o.AccountSid = AccountSid;
            o.AuthToken = AuthToken;
            o.From = From;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(2);
            o.RateLimitPermits = 10_000;
            configure?.Invoke(o);
        });
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => mock);
        return new TwilioWire(services.BuildServiceProvider(), mock, name);
    }

    /// <summary>Answers every send with the next of <paramref name="answers"/> (the last repeats), capturing each request.</summary>
    public void OnSend(params Func<HttpResponseMessage>[] answers)
    {
        int calls = 0;
        Mock.When(HttpMethod.Post, MessagesUrl).Respond(async request =>
        {
            Requests.Enqueue(await TwilioCapturedRequest.FromAsync(request));
            int call = Interlocked.Increment(ref calls) - 1;
            return answers[Math.Min(call, answers.Length - 1)]();
        });
    }

    public void OnSend(HttpStatusCode status, string json, params (string Name, string Value)[] headers) => OnSend(() => Json(status, json, headers));

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        return response;
    }

    public TwilioCapturedRequest Single()
    {
        Assert.Single(Requests);
        Requests.TryPeek(out TwilioCapturedRequest? request);
        return request!;
    }

    /// <summary>A file in this folder's Fixtures, found from the source path (the test project copies no content).</summary>
    public static string Fixture(string name, [CallerFilePath] string source = "") =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(source)!, "Fixtures", name));

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A request as the provider sent it, with its form body decoded in order.</summary>
internal sealed record TwilioCapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body)
{
    public static async Task<TwilioCapturedRequest> FromAsync(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values);
        }

        string body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync();
        return new TwilioCapturedRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body);
    }

    /// <summary>The form fields, in the order sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Form =>
        [.. Body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(pair =>
        {
            string[] parts = pair.Split('=', 2);
            return new KeyValuePair<string, string>(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : string.Empty);
        })];

    /// <summary>Checks the form is exactly these fields in this order, and that it is a valid CreateMessage request
    /// by Twilio's OpenAPI file: every name one the operation defines, every required one present.</summary>
    public void AssertForm(params (string Name, string Value)[] expected)
    {
        Assert.Equal(expected.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)), Form);
        AssertMatchesCreateMessageSpec(Form);
    }

    public static void AssertMatchesCreateMessageSpec(IReadOnlyList<KeyValuePair<string, string>> form)
    {
        JsonNode spec = JsonNode.Parse(TwilioWire.Fixture("twilio-create-message-request.json"))!;
        Assert.Equal("CreateMessage", spec["operationId"]!.GetValue<string>());
        var properties = spec["properties"]!.AsObject();
        foreach (var (name, _) in form)
        {
            Assert.True(properties.ContainsKey(name), $"'{name}' is not a CreateMessage parameter in Twilio's OpenAPI file.");
        }

        foreach (JsonNode? required in spec["required"]!.AsArray())
        {
            Assert.Contains(form, f => f.Key == required!.GetValue<string>());
        }

        // x-twilio.conditional: one of From/MessagingServiceSid and one of Body/MediaUrl/ContentSid.
        Assert.Contains(form, f => f.Key is "From" or "MessagingServiceSid");
        Assert.Contains(form, f => f.Key is "Body" or "MediaUrl" or "ContentSid");
        foreach (var (name, value) in form)
        {
            if (properties[name]!["format"]?.GetValue<string>() == "uri")
            {
                Assert.True(Uri.TryCreate(value, UriKind.Absolute, out _), $"'{name}' must be an absolute URI.");
            }
        }
    }

    /// <summary>Checks the request is a Twilio API call: Basic auth, Accept JSON, form content type.</summary>
    public void AssertTwilioHeaders(string accountSid = TwilioWire.AccountSid, string authToken = TwilioWire.AuthToken)
    {
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(accountSid + ":" + authToken)), Headers["Authorization"]);
        Assert.Equal("application/json", Headers["Accept"]);
        Assert.Equal("application/x-www-form-urlencoded", ContentType);
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
