// A Hangfire worker process for the kill-and-resume test: a Hangfire server on PostgreSQL storage running the Martech
// job "contacts" (upserting the contacts JobContacts makes into HubSpot), with checkpoints in PostgreSQL. The test
// starts it with `dotnet Martech.Sdk.JobWorker.dll --PostgreSql <connection string> --HubSpot <emulator URL>`, kills it
// mid-job and starts another. It prints "ready" once its Hangfire server has started.
using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Martech.Sdk;
using Martech.Sdk.JobWorker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
string postgres = builder.Configuration["PostgreSql"] ?? throw new ArgumentException("--PostgreSql <connection string> is required.");
var hubspot = new Uri(builder.Configuration["HubSpot"] ?? throw new ArgumentException("--HubSpot <emulator URL> is required."));
int contacts = int.Parse(builder.Configuration["Contacts"] ?? "2000", CultureInfo.InvariantCulture);
int chunkSize = int.Parse(builder.Configuration["ChunkSize"] ?? "100", CultureInfo.InvariantCulture);

MartechBuilder martech = builder.Services.AddMartech();
martech.AddHubSpot(configure: o =>
{
    o.BaseAddress = hubspot;
    o.AccessToken = "pat-emulator-0000-hubspot";
    o.RateLimitPermits = 100_000;
    o.RateLimitWindow = TimeSpan.FromSeconds(1);
    o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
    o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(100);
});
martech.AddPostgreSql(o => o.ConnectionString = postgres).UseCheckpointStore();
builder.Services.AddMartechJobs(o => o.ChunkSize = chunkSize)
    .AddContactUpsertJob(JobContacts.Job, "HubSpot", _ => MartechJobSource.FromList(JobContacts.Make(contacts)));
builder.Services.AddMartechHangfire(o => o.LockTimeout = TimeSpan.FromSeconds(30));
builder.Services.AddHangfire(c => c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres), JobContacts.StorageOptions()));
builder.Services.AddHangfireServer(o =>
{
    o.WorkerCount = 2;
    o.SchedulePollingInterval = TimeSpan.FromMilliseconds(250);
    o.ServerName = "martech-job-worker-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
});

using IHost host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
