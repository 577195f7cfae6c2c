using System.Net;
using System.Text;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.Mailgun;

/// <summary>Builds the Mailgun provider through DI as a user would, with MockHttp as the network, and captures the
/// requests it sends.</summary>
internal static class MailgunWire
{
    public const string Domain = "mg.example.com";
    public const string ApiKey = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";
    public const string Us = "https://api.mailgun.net/";
    public const string MessagesUrl = Us + "v3/" + Domain + "/messages";

    /// <summary><c>Basic base64("api:" + ApiKey)</c>.</summary>
    public static string BasicAuthorization { get; } = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("api:" + ApiKey));

    public static ServiceProvider Services(MockHttpMessageHandler mock, Action<MailgunOptions>? configure = null, string name = "Mailgun", DateTimeOffset? now = null)
    {
        var services = new ServiceCollection();
        if (now is { } fixedNow)
        {
            services.AddSingleton<TimeProvider>(new ManualTimeProvider(fixedNow));
        }

        services.AddMartech().AddMailgun(name, options =>
        {
            options.ApiKey = ApiKey;
            options.Domain = Domain;
            options.Resilience.MaxRetryAttempts = 0; // wire tests see each response as the vendor sent it
            configure?.Invoke(options);
        });
        services.AddHttpClient(name).ConfigurePrimaryHttpMessageHandler(() => mock);
        return services.BuildServiceProvider();
    }

    public static IEmailSender Sender(this ServiceProvider services, string name = "Mailgun") => services.GetRequiredKeyedService<IEmailSender>(name);

    public static IEmailSuppressionList Suppressions(this ServiceProvider services, string name = "Mailgun") => services.GetRequiredKeyedService<IEmailSuppressionList>(name);

    /// <summary>Answers matching requests with a body, recording each request first.</summary>
    public static MockedRequest Capture(this MockedRequest request, List<CapturedRequest> into, HttpStatusCode status, string body, string contentType = "application/json") =>
        request.Respond(async message =>
        {
            CapturedRequest captured = await CapturedRequest.ReadAsync(message);
            lock (into)
            {
                into.Add(captured);
            }

            return new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        });

    public static string Queued(string id = "<20111114174239.25659.5817@mg.example.com>") =>
        $$"""{"id":"{{id}}","message":"Queued. Thank you."}""";
}
