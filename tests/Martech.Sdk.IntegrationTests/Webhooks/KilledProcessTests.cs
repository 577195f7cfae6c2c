using System.Diagnostics;
using System.Net.Http.Headers;

namespace Martech.Sdk.IntegrationTests.Webhooks;

/// <summary>
/// A webhook app on the SQLite store is killed with SIGKILL while its handlers are behind, then started again on the
/// same database: every event it answered 2xx for is handled, none is lost. Requests that got no answer are delivered
/// again, as vendors do.
/// </summary>
public sealed class KilledProcessTests : IDisposable
{
    private const int Events = 40;
    private static readonly string Secret = StandardWebhookSigner.GenerateSecret();
    private readonly string _folder = Directory.CreateTempSubdirectory("martech-kill-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SigkillWithEventsPending_RestartHandlesEveryAcknowledgedEvent()
    {
        string db = Path.Combine(_folder, "events.db"), log = Path.Combine(_folder, "handled.log");
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);

        // First life: handlers take 150 ms each, two at a time, so most acknowledged events are still pending when the
        // process is killed, some of them mid-handler.
        using (Process first = StartHost(db, log, handlerDelayMs: 150, out Uri url))
        {
            for (int i = 0; i < Events; i++)
            {
                if (await PostAsync(url, i))
                {
                    acknowledged.Add($"Hooks:evt-{i}");
                }
            }

            await Task.Delay(400);
            first.Kill();
            await first.WaitForExitAsync();
            Assert.Equal(137, first.ExitCode);
        }

        HashSet<string> handledBeforeKill = ReadLog(log);
        Assert.Equal(Events, acknowledged.Count);
        Assert.True(handledBeforeKill.Count < acknowledged.Count, $"the kill came too late to prove anything: {handledBeforeKill.Count} of {acknowledged.Count} were already handled");

        // Second life on the same database: what was acknowledged gets handled, expired leases included.
        using Process second = StartHost(db, log, handlerDelayMs: 0, out Uri again);
        try
        {
            var deadline = Stopwatch.StartNew();
            HashSet<string> handled;
            do
            {
                await Task.Delay(200);
                handled = ReadLog(log);
            }
            while (!acknowledged.IsSubsetOf(handled) && deadline.Elapsed < TimeSpan.FromSeconds(150));

            Assert.Empty(acknowledged.Except(handled));

            // Redelivered by the vendor after the restart: recognised, not handled again.
            int linesBefore = File.ReadAllLines(log).Length;
            Assert.True(await PostAsync(again, 0));
            await Task.Delay(500);
            Assert.Equal(linesBefore, File.ReadAllLines(log).Length);
        }
        finally
        {
            second.Kill();
            await second.WaitForExitAsync();
        }
    }

    private static HashSet<string> ReadLog(string log) =>
        File.Exists(log) ? new HashSet<string>(File.ReadAllLines(log).Where(l => l.Length > 0), StringComparer.Ordinal) : [];

    private async Task<bool> PostAsync(Uri url, int i)
    {
        string id = $"evt-{i}";
        var e = new RawEvent { Id = id, Provider = "vendor", VendorEventType = "test", RawUtf8 = """{"n":1}"""u8.ToArray() };
        byte[] body = MartechEventSerializer.SerializeToUtf8Bytes([e]);
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "webhooks/hooks")) { Content = content };
        foreach (var (name, value) in StandardWebhookSigner.CreateHeaders(Secret, id, DateTimeOffset.UtcNow, body))
        {
            request.Headers.Add(name, value);
        }

        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private Process StartHost(string db, string log, int handlerDelayMs, out Uri url)
    {
        string urlFile = Path.Combine(_folder, $"url-{Guid.NewGuid():N}.txt");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in (string[])[TestExecutables.PathOf("Martech.Sdk.WebhookTestHost"), db, log, urlFile, Secret, handlerDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(arg);
        }

        Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var waited = Stopwatch.StartNew();
        while (!File.Exists(urlFile))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The webhook host exited with {process.ExitCode}: {process.StandardError.ReadToEnd()}");
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                process.Kill();
                throw new TimeoutException("The webhook host did not report its address within 60 s.");
            }

            Thread.Sleep(50);
        }

        url = new Uri(File.ReadAllText(urlFile).TrimEnd('/') + "/");
        return process;
    }
}
