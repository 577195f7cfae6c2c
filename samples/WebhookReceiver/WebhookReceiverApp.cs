using Martech.Sdk;
using Martech.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WebhookReceiver;

/// <summary>The sample's whole run, callable from a test: start the app, send, receive, summarise.</summary>
internal static class WebhookReceiverApp
{
    private static readonly string[] Recipients = ["ada@example.com", "tim@icloud.example", "grace@example.com", "nobody@example.com", "linus@example.com"];
    private static readonly string[] Phones = ["+14155550100", "+14155550199"];

    public static async Task<int> RunAsync(string[] args, TextWriter output, string contentRoot, CancellationToken cancellationToken)
    {
        string vendor = Value(args, "--vendor") ?? "inmemory";
        if (vendor is not ("inmemory" or "sendgrid"))
        {
            await output.WriteLineAsync($"Unknown --vendor '{vendor}': use inmemory (the default) or sendgrid.");
            return 2;
        }

        await using SendGridEmulator? sendGrid = vendor == "sendgrid" ? new SendGridEmulator { ApiKey = "SG.sample" } : null;
        if (sendGrid is not null)
        {
            await sendGrid.StartAsync(cancellationToken);
        }

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = contentRoot });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddJsonFile(Path.Combine(contentRoot, "appsettings.json"), optional: false).AddEnvironmentVariables();
        builder.WebHost.UseUrls(Value(args, "--urls") ?? "http://127.0.0.1:0");
        var printer = new EventPrinter(output);

        // The embedded default sends (and calls back); Martech:InMemory:Webhooks holds its secret and what it simulates.
        MartechBuilder martech = builder.Services.AddMartech(builder.Configuration.GetSection("Martech"));
        martech.AddInMemory();
        if (sendGrid is not null)
        {
            martech.AddSendGrid(configure: o =>
            {
                o.ApiKey = "SG.sample";
                o.BaseAddress = sendGrid.BaseAddress;
                o.Webhooks.PublicKey = sendGrid.WebhookPublicKey;
            });
            builder.Configuration["Martech:Defaults:Email"] = "SendGrid";
        }

        martech.AddWebhooks().AddHandler<MartechEvent>((e, context, _, ct) => printer.HandleAsync(e, context, ct));

        await using WebApplication app = builder.Build();
        app.MapMartechWebhooks();
        await app.StartAsync(cancellationToken);
        var baseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        MartechWebhookInbox inbox = app.Services.GetRequiredService<MartechWebhookInbox>();
        InMemoryWebhookCallbacks callbacks = app.Services.GetRequiredKeyedService<InMemoryWebhookCallbacks>("InMemory");
        callbacks.Options.Url = new Uri(baseAddress, "webhooks/inmemory");
        if (sendGrid is not null)
        {
            Configure(sendGrid.Webhooks, callbacks.Options, new Uri(baseAddress, "webhooks/sendgrid"));
        }

        await output.WriteLineAsync($"Listening on {baseAddress} — webhook endpoints: {string.Join(", ", inbox.Providers.Where(p => inbox.GetOptions(p)?.IsConfigured == true).Select(p => $"/webhooks/{p.ToLowerInvariant()}"))}");
        await output.WriteLineAsync($"Sending the 'spring-sale' campaign to {Recipients.Length} recipients through {(sendGrid is null ? "the in-memory provider" : "the SendGrid emulator")}, and {Phones.Length} SMS; every webhook is delivered twice, out of order.");
        await output.WriteLineAsync();

        await SendAsync(app.Services, cancellationToken);
        await callbacks.WhenIdleAsync(TimeSpan.FromSeconds(60), cancellationToken);
        if (sendGrid is not null)
        {
            await sendGrid.WhenWebhooksIdleAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }

        await WaitUntilHandledAsync(inbox, cancellationToken);

        IReadOnlyList<WebhookCallbackDelivery> posts = [.. callbacks.Deliveries, .. sendGrid?.WebhookDeliveries ?? []];
        IReadOnlyList<MartechEvent> events = printer.Events;
        var email = events.OfType<EmailEvent>().ToList();
        int humanOpens = email.Count(e => e.Type == EmailEventType.Opened && e.Source is { } s && !EngagementClassifier.IsMachine(s));
        int machineOpens = email.Count(e => e.Type == EmailEventType.Opened && e.Source is { } s && EngagementClassifier.IsMachine(s));
        await output.WriteLineAsync();
        await output.WriteLineAsync($"{posts.Count} signed webhook requests posted, {posts.Count(p => p.StatusCode is >= 200 and < 300)} answered 2xx, {posts.Count(p => p.StatusCode is < 200 or >= 300)} refused or failed.");
        await output.WriteLineAsync($"{events.Count} distinct events handled; {posts.Count - events.Count} redeliveries recognised and acknowledged without handling them again.");
        await output.WriteLineAsync($"Email: {string.Join(", ", email.GroupBy(e => e.Type.Value).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))}; opens by people {humanOpens}, by machines {machineOpens}.");
        await output.WriteLineAsync($"SMS: {string.Join(", ", events.OfType<MessageStatusEvent>().GroupBy(e => e.Status.Value).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))}.");

        if (args.Contains("--serve"))
        {
            await output.WriteLineAsync("Serving; press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        await app.StopAsync(CancellationToken.None);
        return posts.All(p => p.StatusCode is >= 200 and < 300) ? 0 : 1;
    }

    private static async Task SendAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var campaign = new EmailMessage
        {
            From = EmailAddress.Parse("news@brand.example"),
            Subject = "The spring sale starts today",
            HtmlBody = "<p>Hello!</p><p><a href=\"https://brand.example/spring?utm_source=email&utm_campaign=spring-sale\">Shop the sale</a></p>",
            TextBody = "Hello! Shop the sale: https://brand.example/spring?utm_source=email&utm_campaign=spring-sale",
            CampaignId = "spring-sale",
            Purpose = SendPurpose.Transactional,
        };
        campaign.Tags.Add("spring");
        var messages = Recipients.Select(to =>
        {
            EmailMessage message = campaign.Clone();
            message.To.Add(EmailAddress.Parse(to));
            return message;
        }).ToList();

        await services.GetRequiredService<IEmailSender>().SendManyAsync(messages, cancellationToken: cancellationToken);
        IMessageSender sms = services.GetRequiredService<IMessageSender>();
        foreach (string phone in Phones)
        {
            await sms.SendAsync(new OutgoingMessage { Destination = MessageDestination.Phone(PhoneNumber.Parse(phone)), Text = "Spring sale: 20% off today." }, cancellationToken);
        }
    }

    private static void Configure(WebhookCallbackOptions target, WebhookCallbackOptions from, Uri url)
    {
        target.Url = url;
        target.Redeliveries = from.Redeliveries;
        target.OutOfOrder = from.OutOfOrder;
        foreach (string address in from.BounceAddresses)
        {
            target.BounceAddresses.Add(address);
        }

        foreach (string address in from.MachineOpenAddresses)
        {
            target.MachineOpenAddresses.Add(address);
        }

        foreach (string address in from.UnsubscribeAddresses)
        {
            target.UnsubscribeAddresses.Add(address);
        }
    }

    private static async Task WaitUntilHandledAsync(MartechWebhookInbox inbox, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            WebhookStoreCounts counts = await inbox.Store.CountAsync(timeout.Token);
            if (counts.Pending + counts.Leased == 0)
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    private static string? Value(string[] args, string name)
    {
        int index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
