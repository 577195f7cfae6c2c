using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Martech.Sdk.JobWorker;
using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Hangfire;

/// <summary>
/// A Martech job run through Hangfire in worker processes (tests/Martech.Sdk.JobWorker: Hangfire server on PostgreSQL
/// storage, checkpoints in PostgreSQL) is killed mid-run; a new worker picks the Hangfire job up once the storage's
/// invisibility timeout (5 s in the worker) has passed and resumes from the checkpoint. The outcome equals an
/// uninterrupted run's, and every contact exists once in the HubSpot emulator.
/// </summary>
[Collection(HangfireGlobals.Collection)]
public sealed class HangfireKillAndResumeTests(ITestOutputHelper output)
{
    private const int Contacts = 2000;
    private const int ChunkSize = 100;

    [Fact]
    public async Task KilledWorker_NextWorkerResumes_SameOutcomes_EachContactWrittenOnce()
    {
        await using PostgresServer pg = await PostgresServer.StartAsync();
        string database = await pg.CreateDatabaseAsync();
        await using var hubspot = new HubSpotEmulator();
        await hubspot.StartAsync();
        // About 150 ms per batch upsert: twenty chunks take a few seconds, so the kill lands mid-run.
        hubspot.Faults.When(r => r.Path.EndsWith("/batch/upsert", StringComparison.Ordinal), EmulatorFault.Latency(TimeSpan.FromMilliseconds(150)));
        string run = "kill-" + Guid.NewGuid().ToString("N")[..8];

        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactoryFor(database), JobContacts.StorageOptions());
        string hangfireJob = Assert.Single(MartechHangfireJobs.Enqueue(new BackgroundJobClient(storage), JobContacts.Job, run));
        var clock = Stopwatch.StartNew();

        int chunksAtKill;
        using (Process first = StartWorker(database, hubspot.BaseAddress))
        {
            try
            {
                chunksAtKill = await WaitForChunksAsync(database, run, atLeast: 3);
            }
            finally
            {
                first.Kill(entireProcessTree: true);
                await first.WaitForExitAsync();
            }
        }

        // What the dead worker left: the chunks it checkpointed, and the contacts the vendor holds (those include any
        // chunk the vendor answered after the last checkpoint).
        chunksAtKill = await WaitForChunksAsync(database, run, atLeast: 0);
        var existingAtKill = new HashSet<string>(hubspot.Contacts.Items.Select(c => c["email"]!), StringComparer.OrdinalIgnoreCase);
        int contactsAtKill = existingAtKill.Count;
        output.WriteLine($"killed the first worker after {clock.Elapsed.TotalSeconds:F1} s with {chunksAtKill} of {Contacts / ChunkSize} chunks checkpointed and {contactsAtKill} contacts in the emulator");
        Assert.InRange(chunksAtKill, 3, Contacts / ChunkSize - 1);

        string result;
        using (Process second = StartWorker(database, hubspot.BaseAddress))
        {
            try
            {
                result = await WaitForSucceededAsync(storage, hangfireJob, second);
            }
            finally
            {
                second.Kill(entireProcessTree: true);
                await second.WaitForExitAsync();
            }
        }

        output.WriteLine($"the second worker finished the run {clock.Elapsed.TotalSeconds:F1} s after the enqueue: {result}");
        Assert.Contains($"{Contacts} processed, {Contacts} succeeded, 0 failed, resumed", result, StringComparison.Ordinal);

        // The run's report, read back from its PostgreSQL checkpoint (a finished run writes nothing more).
        int requestsBefore = hubspot.RequestLog.Count;
        MartechJobReport resumed = await ReportAsync(hubspot.BaseAddress, pg.ConnectionStringFor(database), run);
        Assert.Equal(requestsBefore, hubspot.RequestLog.Count);

        // The control: the same job, uninterrupted, on a fresh emulator.
        await using var fresh = new HubSpotEmulator();
        await fresh.StartAsync();
        MartechJobReport control = await ReportAsync(fresh.BaseAddress, checkpoints: null, "control");

        Assert.Equal(Contacts, control.Succeeded);
        // Outcomes equal the uninterrupted run's, item by item: a contact of the chunk in flight at the kill, created by
        // the killed attempt and updated by the resumed one, is still reported Created.
        Assert.Equal(control.Outcomes.Select(o => (o.Position, o.Key, o.Status, o.Error?.Code)), resumed.Outcomes.Select(o => (o.Position, o.Key, o.Status, o.Error?.Code)));
        Assert.All(resumed.Outcomes, o => Assert.Equal(BulkItemStatus.Created, o.Status));
        Assert.Equal(Contacts, hubspot.Contacts.Count);
        Dictionary<string, string> idByEmail = hubspot.Contacts.Items.ToDictionary(c => c["email"]!, c => c.Id);
        Assert.Equal(Contacts, idByEmail.Count);
        Assert.All(resumed.Outcomes, o => Assert.Equal(idByEmail[o.Key!], o.Id));

        // Writes per email: at most the chunks that were in flight when the worker died were sent twice, each an upsert
        // by email of a contact that existed already (an update, never a second record).
        Dictionary<string, List<DateTimeOffset>> writes = WritesPerEmail(hubspot);
        int rewritten = writes.Count(w => w.Value.Count > 1);
        // The killed attempt's request was processed (the emulator's latency delays it, the worker's death does not
        // cancel it), so a contact sent twice existed when it was sent again: HubSpot answered Updated for it, and the
        // resumed run still reported it Created (checked above).
        Dictionary<string, DateTimeOffset> createdAt = hubspot.Contacts.Items.ToDictionary(c => c["email"]!, c => c.CreatedAt, StringComparer.OrdinalIgnoreCase);
        int existedWhenResent = writes.Count(w => w.Value.Count > 1 && createdAt[w.Key] < w.Value[^1]);
        output.WriteLine($"{rewritten} contacts were sent twice (the chunk in flight at the kill), {existedWhenResent} of them created by the killed attempt; {writes.Count} distinct contacts written");
        Assert.Equal(Contacts, writes.Count);
        Assert.All(writes, w => Assert.InRange(w.Value.Count, 1, 2));
        Assert.InRange(rewritten, 0, ChunkSize * 2);
        Assert.Equal(rewritten, existedWhenResent);
        Assert.All(WritesPerEmail(fresh), w => Assert.Single(w.Value));
    }

    // When each contact was sent (the arrival of each batch upsert naming its email), in order.
    private static Dictionary<string, List<DateTimeOffset>> WritesPerEmail(HubSpotEmulator emulator)
    {
        var writes = new Dictionary<string, List<DateTimeOffset>>(StringComparer.OrdinalIgnoreCase);
        foreach (RecordedRequest request in emulator.RequestLog.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith("/contacts/batch/upsert", StringComparison.Ordinal)).OrderBy(r => r.Sequence))
        {
            using var body = JsonDocument.Parse(request.BodyText);
            foreach (JsonElement input in body.RootElement.GetProperty("inputs").EnumerateArray())
            {
                string email = input.GetProperty("id").GetString()!;
                if (!writes.TryGetValue(email, out List<DateTimeOffset>? sent))
                {
                    writes[email] = sent = [];
                }

                sent.Add(request.ArrivedAt);
            }
        }

        return writes;
    }

    // Runs the job in this process: with PostgreSQL checkpoints (to read a finished run's report) or in memory (the
    // uninterrupted control run).
    private static async Task<MartechJobReport> ReportAsync(Uri hubspot, string? checkpoints, string run)
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddHubSpot(configure: o =>
        {
            o.BaseAddress = hubspot;
            o.AccessToken = HubSpotEmulator.DefaultAccessToken;
            o.RateLimitPermits = 100_000;
            o.RateLimitWindow = TimeSpan.FromSeconds(1);
        });
        if (checkpoints is not null)
        {
            martech.AddPostgreSql(o => o.ConnectionString = checkpoints).UseCheckpointStore();
        }

        services.AddMartechJobs(o => o.ChunkSize = ChunkSize)
            .AddContactUpsertJob(JobContacts.Job, "HubSpot", _ => MartechJobSource.FromList(JobContacts.Make(Contacts)));
        await using ServiceProvider provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<IMartechJobRunner>().RunAsync(JobContacts.Job, run);
    }

    private static async Task<int> WaitForChunksAsync(string connectionString, string run, int atLeast)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using NpgsqlCommand command = dataSource.CreateCommand("SELECT count(*) FROM martech.checkpoints WHERE key LIKE @prefix");
                command.Parameters.AddWithValue("prefix", $"job:{JobContacts.Job}:{run}:0:chunk:%");
                int chunks = (int)(long)(await command.ExecuteScalarAsync())!;
                if (chunks >= atLeast)
                {
                    return chunks;
                }
            }
            catch (PostgresException e) when (e.SqlState == "42P01")
            {
                // The worker has not created the checkpoint table yet.
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException($"The worker checkpointed fewer than {atLeast} chunks within 90 s.");
            }

            await Task.Delay(25);
        }
    }

    private static async Task<string> WaitForSucceededAsync(JobStorage storage, string id, Process worker)
    {
        using IStorageConnection connection = storage.GetConnection();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            StateData? state = connection.GetStateData(id);
            if (state?.Name == "Succeeded")
            {
                return state.Data["Result"];
            }

            if (worker.HasExited)
            {
                throw new InvalidOperationException($"The worker exited with {worker.ExitCode}: {await worker.StandardError.ReadToEndAsync()}");
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"Hangfire job {id} is {state?.Name} after 120 s: {string.Join("; ", state?.Data ?? new Dictionary<string, string>())}");
            }

            await Task.Delay(100);
        }
    }

    private Process StartWorker(string postgres, Uri hubspot)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in (string[])[TestExecutables.PathOf("Martech.Sdk.JobWorker"), "--PostgreSql", postgres, "--HubSpot", hubspot.ToString(), "--Contacts", Contacts.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ChunkSize", ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(argument);
        }

        Process process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) =>
        {
            try
            {
                if (e.Data is not null)
                {
                    output.WriteLine($"[worker {process.Id}] {e.Data}");
                }
            }
            catch (InvalidOperationException)
            {
                // The test has finished: nothing to write to.
            }
        };
        process.BeginOutputReadLine();
        return process;
    }

    private sealed class NpgsqlConnectionFactoryFor(string connectionString) : IConnectionFactory
    {
        public NpgsqlConnection GetOrCreateConnection() => new(connectionString);
    }
}
