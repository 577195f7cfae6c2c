using WebhookReceiver;

// WebhookReceiver: an ASP.NET Core app that receives webhooks through MapMartechWebhooks() and prints the typed events.
// It sends a small campaign and two SMS through the embedded in-memory provider (or, with "--vendor sendgrid", through
// the SendGrid emulator), which call back with signed webhooks — redelivered and out of order — and exits when every
// event is handled. "--serve" keeps it running for real vendors; "--urls" sets where it listens.
using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};

return await WebhookReceiverApp.RunAsync(args, Console.Out, AppContext.BaseDirectory, cts.Token);
