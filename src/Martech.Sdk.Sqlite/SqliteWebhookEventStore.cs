using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Martech.Sdk;

/// <summary>
/// A durable <see cref="IWebhookEventStore"/> on SQLite: an event is committed (write-ahead log, <c>synchronous=FULL</c>
/// by default) before the vendor gets its 2xx, so a killed process loses nothing it acknowledged; a dispatcher that dies
/// mid-handler leaves a lease that runs out, and the event is handed out again. Keys are remembered for the dedupe window
/// across restarts. Several processes on one machine can share the file (writes take the database lock in turn).
/// </summary>
/// <remarks>Tables <c>martech_webhook_events</c> and <c>martech_webhook_versions</c> are created on first use. Events
/// are stored as <see cref="MartechEventSerializer"/> JSON. Handled events older than the dedupe window are deleted as
/// new ones arrive.</remarks>
public sealed class SqliteWebhookEventStore : IWebhookEventStore, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeSpan _dedupeWindow;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writes = new(1, 1);
    private readonly SemaphoreSlim _schema = new(1, 1);
    private readonly bool _durable;
    private readonly int _busyTimeoutMs;
    private volatile bool _ready;
    private long _lastPurge;

    /// <summary>Creates a store.</summary>
    /// <param name="options">The connection string and durability settings.</param>
    /// <param name="dedupeWindow">How long keys are remembered.</param>
    /// <param name="timeProvider">The clock; the system clock when <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public SqliteWebhookEventStore(SqliteWebhookEventStoreOptions options, TimeSpan dedupeWindow, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        string? problem = options.Validate(nameof(SqliteWebhookEventStoreOptions)).FirstOrDefault();
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(dedupeWindow, TimeSpan.Zero);
        _connectionString = new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = true }.ToString();
        _dedupeWindow = dedupeWindow;
        _time = timeProvider ?? TimeProvider.System;
        _durable = options.DurableCommits;
        _busyTimeoutMs = (int)options.BusyTimeout.TotalMilliseconds;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<bool>> AddAsync(IReadOnlyList<MartechEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var added = new bool[events.Count];
        if (events.Count == 0)
        {
            return added;
        }

        var rows = new (string Key, MartechEvent Event, byte[] Json)[events.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            MartechEvent e = events[i] ?? throw new ArgumentException($"The event at index {i} is null.", nameof(events));
            rows[i] = (WebhookEventRecord.KeyOf(e), e, MartechEventSerializer.SerializeToUtf8Bytes(e));
        }

        long now = Now();
        await WriteAsync(
            async (connection, transaction) =>
            {
                using SqliteCommand insert = Command(connection, transaction, """
                    INSERT INTO martech_webhook_events (key, provider, kind, event, state, attempts, received_at, not_before)
                    VALUES ($key, $provider, $kind, $event, 0, 0, $now, $now)
                    ON CONFLICT(key) DO NOTHING
                    """);
                SqliteParameter key = insert.Parameters.Add("$key", SqliteType.Text);
                SqliteParameter provider = insert.Parameters.Add("$provider", SqliteType.Text);
                SqliteParameter kind = insert.Parameters.Add("$kind", SqliteType.Text);
                SqliteParameter json = insert.Parameters.Add("$event", SqliteType.Blob);
                insert.Parameters.AddWithValue("$now", now);
                for (int i = 0; i < rows.Length; i++)
                {
                    key.Value = rows[i].Key;
                    provider.Value = rows[i].Event.Provider;
                    kind.Value = KindOf(rows[i].Event);
                    json.Value = rows[i].Json;
                    added[i] = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
                }

                if (now - Interlocked.Read(ref _lastPurge) > 60_000)
                {
                    Interlocked.Exchange(ref _lastPurge, now);
                    long cutoff = now - (long)_dedupeWindow.TotalMilliseconds;
                    using SqliteCommand purge = Command(connection, transaction, "DELETE FROM martech_webhook_events WHERE state IN (2, 3) AND received_at < $cutoff; DELETE FROM martech_webhook_versions WHERE touched < $cutoff;");
                    purge.Parameters.AddWithValue("$cutoff", cutoff);
                    await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return added;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookEventRecord>> LeaseAsync(int maxCount, TimeSpan leaseDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        long now = Now();
        string leaseId = Guid.NewGuid().ToString("N");
        var leased = new List<(long Sequence, WebhookEventRecord Record)>();
        await WriteAsync(
            async (connection, transaction) =>
            {
                using SqliteCommand command = Command(connection, transaction, """
                    UPDATE martech_webhook_events
                    SET state = 1, attempts = attempts + 1, not_before = $until, lease_id = $lease
                    WHERE rowid IN (
                        SELECT rowid FROM martech_webhook_events
                        WHERE state IN (0, 1) AND not_before <= $now
                        ORDER BY rowid LIMIT $max)
                    RETURNING rowid, key, event, attempts, received_at, last_error, not_before
                    """);
                command.Parameters.AddWithValue("$until", now + (long)leaseDuration.TotalMilliseconds);
                command.Parameters.AddWithValue("$lease", leaseId);
                command.Parameters.AddWithValue("$now", now);
                command.Parameters.AddWithValue("$max", maxCount);
                var unreadable = new List<(string Key, string Error)>();
                using (SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        string key = reader.GetString(1);
                        MartechEvent? stored = TryRead((byte[])reader.GetValue(2), out string? error);
                        if (stored is null)
                        {
                            unreadable.Add((key, error!));
                            continue;
                        }

                        leased.Add((reader.GetInt64(0), new WebhookEventRecord
                        {
                            Key = key,
                            Event = stored,
                            State = WebhookEventState.Leased,
                            Attempts = reader.GetInt32(3),
                            ReceivedAt = FromMilliseconds(reader.GetInt64(4)),
                            LastError = reader.IsDBNull(5) ? null : reader.GetString(5),
                            NotBefore = FromMilliseconds(reader.GetInt64(6)),
                            LeaseId = leaseId,
                        }));
                    }
                }

                // A row no handler could be given (written by another version, or damaged) is parked with the reason,
                // so it never blocks the rows behind it.
                foreach (var (key, error) in unreadable)
                {
                    using SqliteCommand park = Command(connection, transaction, "UPDATE martech_webhook_events SET state = 4, not_before = NULL, lease_id = NULL, last_error = $error WHERE key = $key");
                    park.Parameters.AddWithValue("$key", key);
                    park.Parameters.AddWithValue("$error", error);
                    await park.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            },
            cancellationToken).ConfigureAwait(false);
        leased.Sort(static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return [.. leased.Select(static l => l.Record)];
    }

    /// <inheritdoc />
    public Task<bool> CompleteAsync(WebhookEventRecord record, WebhookEventState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (state is not (WebhookEventState.Handled or WebhookEventState.Superseded))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "An event completes as Handled or Superseded.");
        }

        return UpdateLeasedAsync(record, "state = $state, not_before = NULL, lease_id = NULL", c => c.Parameters.AddWithValue("$state", (int)state), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RetryAsync(WebhookEventRecord record, DateTimeOffset notBefore, string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpdateLeasedAsync(
            record,
            "state = 0, not_before = $due, lease_id = NULL, last_error = COALESCE($error, last_error)",
            c =>
            {
                c.Parameters.AddWithValue("$due", notBefore.ToUnixTimeMilliseconds());
                c.Parameters.AddWithValue("$error", (object?)error ?? DBNull.Value);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ParkAsync(WebhookEventRecord record, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpdateLeasedAsync(record, "state = 4, not_before = NULL, lease_id = NULL, last_error = $error", c => c.Parameters.AddWithValue("$error", error ?? string.Empty), cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WebhookEventRecord> ListAsync(WebhookEventState state, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = Command(connection, null, "SELECT key, event, attempts, received_at, not_before, last_error, lease_id FROM martech_webhook_events WHERE state = $state ORDER BY rowid");
        command.Parameters.AddWithValue("$state", (int)state);
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            string key = reader.GetString(0);
            byte[] json = (byte[])reader.GetValue(1);
            yield return new WebhookEventRecord
            {
                Key = key,
                Event = TryRead(json, out _) ?? Unreadable(key, json),
                State = state,
                Attempts = reader.GetInt32(2),
                ReceivedAt = FromMilliseconds(reader.GetInt64(3)),
                NotBefore = reader.IsDBNull(4) ? null : FromMilliseconds(reader.GetInt64(4)),
                LastError = reader.IsDBNull(5) ? null : reader.GetString(5),
                LeaseId = reader.IsDBNull(6) ? null : reader.GetString(6),
            };
        }
    }

    /// <inheritdoc />
    public async Task<bool> RequeueAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        bool requeued = false;
        long now = Now();
        await WriteAsync(
            async (connection, transaction) =>
            {
                using SqliteCommand command = Command(connection, transaction, "UPDATE martech_webhook_events SET state = 0, attempts = 0, not_before = $now, lease_id = NULL WHERE key = $key AND state IN (2, 3, 4)");
                command.Parameters.AddWithValue("$now", now);
                command.Parameters.AddWithValue("$key", key);
                requeued = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken).ConfigureAwait(false);
        return requeued;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetVersionAsync(string resourceKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceKey);
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = Command(connection, null, "SELECT version FROM martech_webhook_versions WHERE key = $key");
        command.Parameters.AddWithValue("$key", resourceKey);
        object? value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long ticks ? FromMilliseconds(ticks) : null;
    }

    /// <inheritdoc />
    public async Task<bool> TryAdvanceVersionAsync(string resourceKey, DateTimeOffset version, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceKey);
        bool advanced = false;
        long now = Now();
        await WriteAsync(
            async (connection, transaction) =>
            {
                using SqliteCommand command = Command(connection, transaction, """
                    INSERT INTO martech_webhook_versions (key, version, touched) VALUES ($key, $version, $now)
                    ON CONFLICT(key) DO UPDATE SET version = excluded.version, touched = excluded.touched
                    WHERE excluded.version >= martech_webhook_versions.version
                    """);
                command.Parameters.AddWithValue("$key", resourceKey);
                command.Parameters.AddWithValue("$version", version.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$now", now);
                advanced = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken).ConfigureAwait(false);
        return advanced;
    }

    /// <inheritdoc />
    public async Task<WebhookStoreCounts> CountAsync(CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        using SqliteCommand command = Command(connection, null, "SELECT state, COUNT(*) FROM martech_webhook_events GROUP BY state");
        using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        long pending = 0, leased = 0, parked = 0, done = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            long count = reader.GetInt64(1);
            switch ((WebhookEventState)reader.GetInt32(0))
            {
                case WebhookEventState.Pending: pending += count; break;
                case WebhookEventState.Leased: leased += count; break;
                case WebhookEventState.Parked: parked += count; break;
                default: done += count; break;
            }
        }

        return new WebhookStoreCounts(pending, leased, parked, done);
    }

    /// <summary>Releases the write lock and clears this store's pooled connections.</summary>
    public void Dispose()
    {
        _writes.Dispose();
        _schema.Dispose();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static string KindOf(MartechEvent e) => e switch
    {
        EmailEvent => "email",
        ContactEvent => "contact",
        MessageReceivedEvent => "message.received",
        MessageStatusEvent => "message.status",
        FormSubmissionEvent => "form.submitted",
        _ => "raw",
    };

    private static MartechEvent? TryRead(byte[] json, out string? error)
    {
        try
        {
            error = null;
            return MartechEventSerializer.Deserialize(json);
        }
        catch (JsonException ex)
        {
            error = $"The stored event cannot be read as a Martech event ({ex.Message}); it was parked instead of handed to handlers.";
            return null;
        }
    }

    // Listing shows an unreadable row as a raw event holding what is stored, so it can be inspected.
    private static RawEvent Unreadable(string key, byte[] json)
    {
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        return new RawEvent
        {
            Id = colon < 0 ? key : key[(colon + 1)..],
            Provider = colon < 0 ? string.Empty : key[..colon],
            VendorEventType = "martech.unreadable",
            RawUtf8 = System.Text.Unicode.Utf8.IsValid(json) && IsJson(json) ? json : default,
        };
    }

    private static bool IsJson(byte[] json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 1024 });
            reader.Read();
            reader.Skip();
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static DateTimeOffset FromMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private async Task<bool> UpdateLeasedAsync(WebhookEventRecord record, string set, Action<SqliteCommand> parameters, CancellationToken cancellationToken)
    {
        bool updated = false;
        await WriteAsync(
            async (connection, transaction) =>
            {
                using SqliteCommand command = Command(connection, transaction, $"UPDATE martech_webhook_events SET {set} WHERE key = $key AND state = 1 AND lease_id = $lease");
                command.Parameters.AddWithValue("$key", record.Key);
                command.Parameters.AddWithValue("$lease", (object?)record.LeaseId ?? DBNull.Value);
                parameters(command);
                updated = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken).ConfigureAwait(false);
        return updated;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString) { DefaultTimeout = Math.Max(1, _busyTimeoutMs / 1000) };
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using SqliteCommand pragmas = Command(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyTimeoutMs}; PRAGMA synchronous = {(_durable ? "FULL" : "NORMAL")};"));
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    // One writer at a time in this process (SQLite has one anyway); BEGIN IMMEDIATE takes the database lock up front, so
    // writers in other processes wait on busy_timeout instead of failing mid-transaction.
    private async Task WriteAsync(Func<SqliteConnection, SqliteTransaction, Task> work, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken).ConfigureAwait(false);
        await _writes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken).ConfigureAwait(false);
            await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writes.Release();
        }
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_ready)
        {
            return;
        }

        await _schema.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            using SqliteConnection connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            using SqliteCommand command = Command(connection, null, """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS martech_webhook_events (
                    key TEXT NOT NULL PRIMARY KEY,
                    provider TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    event BLOB NOT NULL,
                    state INTEGER NOT NULL,
                    attempts INTEGER NOT NULL,
                    received_at INTEGER NOT NULL,
                    not_before INTEGER,
                    lease_id TEXT,
                    last_error TEXT);
                CREATE INDEX IF NOT EXISTS ix_martech_webhook_events_due ON martech_webhook_events (state, not_before);
                CREATE TABLE IF NOT EXISTS martech_webhook_versions (
                    key TEXT NOT NULL PRIMARY KEY,
                    version INTEGER NOT NULL,
                    touched INTEGER NOT NULL);
                """);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _schema.Release();
        }
    }
}
