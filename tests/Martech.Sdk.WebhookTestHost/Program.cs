using System.Globalization;
using System.Text;
using Martech.Sdk;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Usage: Martech.Sdk.WebhookTestHost <db file> <handled log> <url file> <webhook secret> <handler delay ms>
// Receives in-memory-format webhooks (Standard Webhooks signed) at /webhooks/hooks on 127.0.0.1 (OS port), records them in
// SQLite before answering, and appends "<key>\n" to the handled log (flushed to disk) after each handler, which waits
// <handler delay ms> first so events are still pending when the test kills the process. Leases last 5 s, so the events a
// killed process was handling are handed out again soon after the restart.
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: <db> <handled log> <url file> <secret> <handler delay ms>");
    return 2;
}

string db = args[0], log = args[1], urlFile = args[2], secret = args[3];
int delay = int.Parse(args[4], CultureInfo.InvariantCulture);

WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var writeLock = new Lock();
builder.Services.AddMartech()
    .AddInMemory("Hooks", o => o.Webhooks.Secret = secret)
    .Martech.AddWebhooks(o => { o.PollInterval = TimeSpan.FromMilliseconds(100); o.MaxConcurrency = 2; o.HandlerTimeout = TimeSpan.FromSeconds(3); o.LeaseDuration = TimeSpan.FromSeconds(5); })
    .UseSqliteStore(o => o.ConnectionString = $"Data Source={db}")
    .AddHandler<MartechEvent>(async (e, context, _, ct) =>
    {
        await Task.Delay(delay, ct);
        lock (writeLock)
        {
            using var stream = new FileStream(log, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            stream.Write(Encoding.UTF8.GetBytes(context.Key + "\n"));
            stream.Flush(flushToDisk: true);
        }
    });

WebApplication app = builder.Build();
app.MapMartechWebhooks();
await app.StartAsync();
string address = app.Urls.First();
File.WriteAllText(urlFile + ".tmp", address);
File.Move(urlFile + ".tmp", urlFile, overwrite: true);
await app.WaitForShutdownAsync();
return 0;
