using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk.Testing;

/// <summary>
/// A real PostgreSQL server for tests: a fresh cluster (<c>initdb</c>) in a temporary folder, started on
/// <c>127.0.0.1</c> with a port the operating system chose, with a database and a user that has a password. Disposing
/// it stops the server and deletes its folder. Nothing listens beyond loopback.
/// </summary>
/// <remarks>
/// <para>The server binaries are taken from the folder named by the <c>MARTECH_PG_BIN</c> environment variable, else
/// from <c>/usr/lib/postgresql/15/bin</c>, <c>pg_config --bindir</c>, the <c>PATH</c>, or the newest
/// <c>/usr/lib/postgresql/*/bin</c>. On Debian and Ubuntu, <c>apt-get install -y postgresql</c> installs them.</para>
/// <para>PostgreSQL refuses to run as root: when the test runs as root, <c>initdb</c>, <c>postgres</c> and
/// <c>pg_ctl</c> run as the <c>postgres</c> operating-system user (which the package creates), through
/// <c>setpriv</c>.</para>
/// <para>The cluster is tuned for tests, not for keeping data: <c>fsync</c>, <c>synchronous_commit</c> and
/// <c>full_page_writes</c> are off. Starting one takes about a second; start one per test class and give each test
/// its own database (<see cref="CreateDatabaseAsync"/>) or schema.</para>
/// </remarks>
/// <example>
/// <code>
/// await using var pg = await PostgresServer.StartAsync();
/// await using var connection = new NpgsqlConnection(pg.ConnectionString);
/// </code>
/// </example>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>The environment variable that names the folder holding <c>initdb</c> and <c>postgres</c>.</summary>
    public const string BinDirectoryVariable = "MARTECH_PG_BIN";

    private const string ServiceUser = "postgres";
    private readonly string _root;
    private readonly string _dataDirectory;
    private readonly string _binDirectory;
    private readonly bool _asServiceUser;
    private readonly Process _server;
    private readonly StringBuilder _serverLog;
    private int _disposed;

    private PostgresServer(string root, string binDirectory, bool asServiceUser, Process server, StringBuilder serverLog, int port, string password)
    {
        _root = root;
        _dataDirectory = Path.Combine(root, "data");
        _binDirectory = binDirectory;
        _asServiceUser = asServiceUser;
        _server = server;
        _serverLog = serverLog;
        Port = port;
        Password = password;
        ConnectionString = ConnectionStringFor(Database);
    }

    /// <summary>The port the server listens on, on <c>127.0.0.1</c>.</summary>
    public int Port { get; }

    /// <summary>The user the connection strings log in as (a superuser of this cluster).</summary>
    public string Username { get; } = "martech";

    /// <summary>The user's password, random per server.</summary>
    public string Password { get; }

    /// <summary>The database <see cref="ConnectionString"/> opens.</summary>
    public string Database { get; } = "martech";

    /// <summary>An Npgsql connection string for <see cref="Database"/>, such as
    /// <c>Host=127.0.0.1;Port=41234;Database=martech;Username=martech;Password=…</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>The folder holding the PostgreSQL binaries in use.</summary>
    public string BinDirectory => _binDirectory;

    /// <summary>Starts a fresh server and waits until it accepts connections.</summary>
    /// <param name="cancellationToken">Cancels the start; the half-started server is stopped and removed.</param>
    /// <returns>The running server.</returns>
    /// <exception cref="InvalidOperationException">The PostgreSQL binaries are not installed (the message names the
    /// install command), or the server did not start (the message holds its log).</exception>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        string bin = FindBinDirectory();
        bool asServiceUser = Environment.IsPrivilegedProcess;
        string root = Path.Combine(Path.GetTempPath(), "martech-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            if (asServiceUser && !OperatingSystem.IsWindows())
            {
                // initdb creates the data folder as the service user; the folder around it holds the socket and the
                // password file, so that user must be able to write and read it.
                File.SetUnixFileMode(root, (UnixFileMode)0b111_111_111);
            }

            string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
            string passwordFile = Path.Combine(root, "pwfile");
            await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken).ConfigureAwait(false);
            await RunAsync(bin, "initdb", asServiceUser, root,
                ["-D", Path.Combine(root, "data"), "-U", "martech", "--pwfile=" + passwordFile, "--auth-host=scram-sha-256",
                 "--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                null, cancellationToken).ConfigureAwait(false);
            File.Delete(passwordFile);

            for (int attempt = 1; ; attempt++)
            {
                int port = FreePort();
                var log = new StringBuilder();
                Process server = StartServer(bin, asServiceUser, root, port, log);
                var started = new PostgresServer(root, bin, asServiceUser, server, log, port, password);
                try
                {
                    await started.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
                    await started.RunClientAsync("createdb", [started.Database], cancellationToken).ConfigureAwait(false);
                    return started;
                }
                catch (InvalidOperationException) when (attempt < 3 && server.HasExited && LogOf(log).Contains("could not bind", StringComparison.Ordinal))
                {
                    // Another process took the port between our probe and the server's bind: try another one.
                    await started.StopAsync(deleteFolder: false).ConfigureAwait(false);
                }
                catch
                {
                    await started.StopAsync(deleteFolder: false).ConfigureAwait(false);
                    throw;
                }
            }
        }
        catch
        {
            DeleteFolder(root);
            throw;
        }
    }

    /// <summary>Creates another database on this server, owned by <see cref="Username"/>, and returns its connection
    /// string: give each test its own.</summary>
    /// <param name="name">The database's name (letters, digits and underscores, starting with a letter), or
    /// <see langword="null"/> for a unique one.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The connection string of the new database.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a plain identifier.</exception>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= "db_" + Guid.NewGuid().ToString("N")[..16];
        if (name.Length is 0 or > 63 || !char.IsAsciiLetter(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"The database name '{name}' is not a plain identifier: use 1 to 63 letters, digits and underscores, starting with a letter.", nameof(name));
        }

        await RunClientAsync("createdb", [name], cancellationToken).ConfigureAwait(false);
        return ConnectionStringFor(name);
    }

    /// <summary>The connection string of another database of this server.</summary>
    /// <param name="database">The database's name.</param>
    /// <returns>The connection string.</returns>
    public string ConnectionStringFor(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={Port};Database={database};Username={Username};Password={Password}");

    /// <summary>Stops the server (immediate shutdown) and deletes its folder.</summary>
    /// <returns>A task that completes when the server has stopped and its folder is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopAsync(deleteFolder: true).ConfigureAwait(false);
        }
    }

    /// <summary>Names the server by its port, never its password.</summary>
    /// <returns>A description such as <c>PostgreSQL on 127.0.0.1:41234</c>.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"PostgreSQL on 127.0.0.1:{Port}");

    private async Task StopAsync(bool deleteFolder)
    {
        if (!_server.HasExited)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await RunAsync(_binDirectory, "pg_ctl", _asServiceUser, _root, ["stop", "-D", _dataDirectory, "-m", "immediate", "-w"], null, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                // pg_ctl could not stop it: end the postmaster and its backends ourselves.
            }

            if (!_server.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _server.Kill(entireProcessTree: true);
                await _server.WaitForExitAsync().ConfigureAwait(false);
            }
        }

        _server.Dispose();
        if (deleteFolder)
        {
            DeleteFolder(_root);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"PostgreSQL exited with code {_server.ExitCode} while starting on 127.0.0.1:{Port}: {LogOf(_serverLog)}");
            }

            if (await TryRunAsync(_binDirectory, "pg_isready", ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-q"], cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new InvalidOperationException($"PostgreSQL did not accept connections on 127.0.0.1:{Port} within 60 s: {LogOf(_serverLog)}");
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task RunClientAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(_binDirectory, tool, asServiceUser: false, _root,
            ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", Username, .. arguments],
            new Dictionary<string, string> { ["PGPASSWORD"] = Password }, cancellationToken);

    private static Process StartServer(string bin, bool asServiceUser, string root, int port, StringBuilder log)
    {
        ProcessStartInfo info = StartInfo(bin, "postgres", asServiceUser, root,
            ["-D", Path.Combine(root, "data"), "-p", port.ToString(CultureInfo.InvariantCulture), "-k", root,
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
             "-c", "full_page_writes=off", "-c", "max_connections=200", "-c", "shared_buffers=32MB"]);
        var server = new Process { StartInfo = info };
        server.OutputDataReceived += (_, e) => Append(log, e.Data);
        server.ErrorDataReceived += (_, e) => Append(log, e.Data);
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    private static async Task RunAsync(string bin, string tool, bool asServiceUser, string root, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        ProcessStartInfo info = StartInfo(bin, tool, asServiceUser, root, arguments);
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        Task<string> error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {process.ExitCode}: {(await error.ConfigureAwait(false)).Trim()} {(await output.ConfigureAwait(false)).Trim()}".Trim());
        }
    }

    private static async Task<bool> TryRunAsync(string bin, string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var process = Process.Start(StartInfo(bin, tool, asServiceUser: false, Path.GetTempPath(), arguments))!;
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return process.ExitCode == 0;
    }

    private static ProcessStartInfo StartInfo(string bin, string tool, bool asServiceUser, string workingDirectory, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (asServiceUser)
        {
            // setpriv replaces itself with the tool (no extra parent process), as the service user and its groups.
            info.FileName = "setpriv";
            foreach (string argument in (string[])[$"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups", "--"])
            {
                info.ArgumentList.Add(argument);
            }

            info.ArgumentList.Add(Path.Combine(bin, tool));
        }
        else
        {
            info.FileName = Path.Combine(bin, tool);
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C";
        return info;
    }

    /// <summary>Finds the folder with <c>initdb</c> and <c>postgres</c>, or fails naming the install command.</summary>
    private static string FindBinDirectory()
    {
        string? overridden = Environment.GetEnvironmentVariable(BinDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return HasServer(overridden)
                ? overridden
                : throw new InvalidOperationException($"{BinDirectoryVariable} names '{overridden}', which holds no initdb and postgres: point it at PostgreSQL's bin folder (such as /usr/lib/postgresql/15/bin), or unset it.");
        }

        var candidates = new List<string> { "/usr/lib/postgresql/15/bin" };
        if (PgConfigBinDirectory() is { } fromPgConfig)
        {
            candidates.Add(fromPgConfig);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        foreach (string candidate in candidates)
        {
            if (HasServer(candidate))
            {
                // initdb and postgres on the PATH are often links into the real folder, where pg_ctl sits too.
                string resolved = Path.GetDirectoryName(new FileInfo(Path.Combine(candidate, "initdb")).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.Combine(candidate, "initdb"))!;
                return HasServer(resolved) ? resolved : candidate;
            }
        }

        throw new InvalidOperationException(
            $"PostgreSQL's server binaries (initdb, postgres) were not found in /usr/lib/postgresql/*/bin, pg_config --bindir or the PATH. Install them with 'apt-get install -y postgresql' (PostgreSQL 15 on Debian 12), or set {BinDirectoryVariable} to their folder.");
    }

    private static bool HasServer(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "postgres")) && File.Exists(Path.Combine(directory, "pg_ctl"));

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false });
            if (process is null)
            {
                return null;
            }

            string output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no pg_config on the PATH
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string LogOf(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString().Trim();
        }
    }

    private static void DeleteFolder(string root)
    {
        for (int attempt = 0; attempt < 5 && Directory.Exists(root); attempt++)
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException) when (attempt < 4)
            {
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException) when (attempt < 4)
            {
                Thread.Sleep(100);
            }
        }
    }
}
