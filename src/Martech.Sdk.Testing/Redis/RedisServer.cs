using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Martech.Sdk.Testing;

/// <summary>
/// A real <c>redis-server</c> for tests: started on 127.0.0.1 at a free port the OS chose, without persistence, in a
/// temporary folder of its own, and ready (it answered <c>PING</c>) when <see cref="StartAsync(CancellationToken)"/> returns.
/// </summary>
/// <remarks>
/// <code>
/// await using var redis = await RedisServer.StartAsync();
/// services.AddMartechRedis(redis.ConnectionString).UseRateBudgets();
/// </code>
/// <para>The executable is <c>MARTECH_REDIS_SERVER</c> when set, else <c>redis-server</c> on the <c>PATH</c>. When it
/// is missing, <see cref="StartAsync(CancellationToken)"/> throws and names the install command (<c>apt-get install -y redis-server</c>):
/// tests that need Redis fail, never skip. <see cref="KillAsync"/> and <see cref="RestartAsync"/> play "Redis down,
/// then back" (on the same port, empty).</para>
/// </remarks>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly string _executable;
    private readonly string _directory;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private readonly string? _password;

    private RedisServer(string executable, string directory, int port, string? password)
    {
        _executable = executable;
        _directory = directory;
        Port = port;
        _password = password;
    }

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; private set; }

    /// <summary>The StackExchange.Redis configuration string of the server, such as <c>127.0.0.1:41234</c> (with
    /// <c>,password=…</c> when the server requires one).</summary>
    public string ConnectionString => _password is null
        ? string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}")
        : string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port},password={_password}");

    /// <summary>Whether the server process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a server and waits until it answers <c>PING</c>.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it and remove its folder.</returns>
    /// <exception cref="InvalidOperationException"><c>redis-server</c> is not installed (the message names the install
    /// command), or it did not start (the message holds its output).</exception>
    public static Task<RedisServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>Starts a server that requires a password (<c>requirepass</c>), and waits until it answers.</summary>
    /// <param name="password">The password clients must give; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop it and remove its folder.</returns>
    /// <exception cref="InvalidOperationException"><c>redis-server</c> is not installed (the message names the install
    /// command), or it did not start (the message holds its output).</exception>
    public static async Task<RedisServer> StartAsync(string? password, CancellationToken cancellationToken = default)
    {
        string executable = FindExecutable();
        string directory = Path.Combine(Path.GetTempPath(), "martech-redis-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var server = new RedisServer(executable, directory, 0, password);
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                server.Port = FreePort();
                try
                {
                    await server.LaunchAsync(cancellationToken).ConfigureAwait(false);
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 5 && server._output.ToString().Contains("Address already in use", StringComparison.Ordinal))
                {
                    // Another process took the port between our probe and the server's bind: try another.
                }
            }
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Kills the server at once (SIGKILL), as a crash or a network cut would look to its clients.</summary>
    /// <param name="cancellationToken">Stops waiting for the process to exit (it is killed regardless).</param>
    /// <returns>A task that completes when the process has exited.</returns>
    public async Task KillAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { } process && !process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server (kills it; it keeps nothing to save).</summary>
    /// <param name="cancellationToken">Stops waiting for the process to exit (it is killed regardless).</param>
    /// <returns>A task that completes when the process has exited.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default) => KillAsync(cancellationToken);

    /// <summary>Starts the server again on the same port, empty, after <see cref="KillAsync"/> or
    /// <see cref="StopAsync"/>, and waits until it answers <c>PING</c>.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the server is ready.</returns>
    /// <exception cref="InvalidOperationException">The server is still running, or did not start.</exception>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"The Redis server on port {Port} is still running; stop or kill it before restarting it.");
        }

        DateTime deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            try
            {
                await LaunchAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline && _output.ToString().Contains("Address already in use", StringComparison.Ordinal))
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false); // the old socket is still closing
            }
        }
    }

    /// <summary>Stops the server and removes its folder.</summary>
    /// <returns>A task that completes when done.</returns>
    public async ValueTask DisposeAsync()
    {
        await KillAsync().ConfigureAwait(false);
        _process?.Dispose();
        _process = null;
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    /// <summary>Describes the server.</summary>
    /// <returns>Its address.</returns>
    public override string ToString() => _password is null
        ? $"RedisServer({ConnectionString})"
        : string.Create(CultureInfo.InvariantCulture, $"RedisServer(127.0.0.1:{Port},password=***)");

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        _process?.Dispose();
        lock (_output)
        {
            _output.Clear();
        }

        var start = new ProcessStartInfo(_executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (string argument in (string[])["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _directory, "--daemonize", "no", "--protected-mode", "yes", "--logfile", ""])
        {
            start.ArgumentList.Add(argument);
        }

        if (_password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(_password);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        DateTime deadline = DateTime.UtcNow + ReadyTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                throw new InvalidOperationException($"redis-server exited with code {process.ExitCode} before answering PING on port {Port}: {Output()}");
            }

            if (await PingAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"redis-server did not answer PING on port {Port} within {ReadyTimeout.TotalSeconds} s: {Output()}");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
            NetworkStream stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            var buffer = new byte[64];
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(1));
            int read = await stream.ReadAsync(buffer, timeout.Token).ConfigureAwait(false);
            string reply = Encoding.ASCII.GetString(buffer, 0, read);
            return reply.StartsWith("+PONG", StringComparison.Ordinal) || reply.StartsWith("-NOAUTH", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false; // loading: it accepted but did not answer yet
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 16_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return _output.ToString().Trim();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindExecutable()
    {
        if (Environment.GetEnvironmentVariable("MARTECH_REDIS_SERVER") is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"MARTECH_REDIS_SERVER names '{configured}', which does not exist; point it at redis-server or unset it.");
        }

        string[] folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string folder in folders.Append("/usr/bin").Append("/usr/local/bin").Append("/usr/sbin"))
        {
            string candidate = Path.Combine(folder, "redis-server");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("redis-server is not installed, and the Redis tests need a real one: install it with 'apt-get install -y redis-server' (Debian or Ubuntu; ./test.sh does this when it is missing), or set MARTECH_REDIS_SERVER to its path.");
    }
}
