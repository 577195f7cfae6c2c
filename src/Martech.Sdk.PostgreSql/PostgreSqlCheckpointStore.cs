using System.Globalization;
using Npgsql;
using NpgsqlTypes;

namespace Martech.Sdk;

/// <summary>
/// An <see cref="ICheckpointStore"/> on PostgreSQL, shared by every process that connects to the database: a job run
/// checkpointed by one worker resumes on any other. Each compare-and-set is one SQL statement (an
/// <c>INSERT … ON CONFLICT DO NOTHING</c> for a new key, an <c>UPDATE … WHERE version = @expected</c> otherwise), so
/// it is atomic across processes without a transaction held open.
/// </summary>
/// <remarks>
/// The table (<c>key text primary key, version bigint, json text, updated_at timestamptz</c>) and its schema are
/// created on first use, or by <see cref="EnsureCreatedAsync"/>, under a transaction-scoped advisory lock so processes
/// starting together do not race. The document is kept as the exact text written (not <c>jsonb</c>, which would
/// reformat it).
/// </remarks>
public sealed class PostgreSqlCheckpointStore : ICheckpointStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _table;
    private readonly string _schema;
    private readonly string _description;
    private readonly Lock _gate = new();
    private Task? _creation;

    /// <summary>Creates a store over a data source the caller owns (and disposes).</summary>
    /// <param name="dataSource">The Npgsql data source.</param>
    /// <param name="schema">The schema of the table.</param>
    /// <param name="table">The table's name.</param>
    /// <exception cref="ArgumentException"><paramref name="schema"/> or <paramref name="table"/> is not a plain
    /// identifier (1 to 63 ASCII letters, digits and underscores, starting with a letter or an underscore).</exception>
    public PostgreSqlCheckpointStore(NpgsqlDataSource dataSource, string schema = "martech", string table = "checkpoints")
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _schema = PostgreSqlIdentifier.Quote(schema, nameof(schema));
        _table = _schema + "." + PostgreSqlIdentifier.Quote(table, nameof(table));
        var parsed = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        _description = string.Create(CultureInfo.InvariantCulture, $"{nameof(PostgreSqlCheckpointStore)} ({schema}.{table} on {parsed.Host}:{parsed.Port}/{parsed.Database})");
    }

    /// <summary>Creates the schema and the table when they are missing. Called by the first read or write; call it
    /// at start-up to fail early on a database the process cannot reach or write.</summary>
    /// <param name="cancellationToken">Cancels the wait (the creation itself goes on for the calls that share it).</param>
    /// <returns>A task that completes when the table exists.</returns>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_creation is null || _creation.IsFaulted || _creation.IsCanceled)
            {
                _creation = CreateAsync();
            }

            return _creation.IsCompletedSuccessfully ? Task.CompletedTask : _creation.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateAsync()
    {
        NpgsqlConnection connection = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            NpgsqlTransaction transaction = await connection.BeginTransactionAsync().ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // CREATE … IF NOT EXISTS is not safe against itself in two sessions at once: serialise on a lock
                // named after the table.
                var command = new NpgsqlCommand(
                    $"""
                    SELECT pg_advisory_xact_lock(hashtext(@name));
                    CREATE SCHEMA IF NOT EXISTS {_schema};
                    CREATE TABLE IF NOT EXISTS {_table} (
                        key text PRIMARY KEY,
                        version bigint NOT NULL,
                        json text NOT NULL,
                        updated_at timestamptz NOT NULL DEFAULT now());
                    """, connection, transaction);
                await using (command.ConfigureAwait(false))
                {
                    command.Parameters.Add(Text("name", "martech-checkpoints:" + _table));
                    await command.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                await transaction.CommitAsync().ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc/>
    public async Task<CheckpointEntry?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckpointArguments.Check(key);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlCommand command = _dataSource.CreateCommand($"SELECT version, json FROM {_table} WHERE key = @key");
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(Text("key", key));
            NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? new CheckpointEntry(key, reader.GetInt64(0), reader.GetString(1))
                    : null;
            }
        }
    }

    /// <inheritdoc/>
    public async Task<bool> TrySetAsync(string key, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        CheckpointArguments.Check(key, json, expectedVersion);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync(expectedVersion == 0
            ? $"INSERT INTO {_table} (key, version, json) VALUES (@key, 1, @json) ON CONFLICT (key) DO NOTHING"
            : $"UPDATE {_table} SET version = version + 1, json = @json, updated_at = now() WHERE key = @key AND version = @expected",
            key, json, expectedVersion, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public async Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default)
    {
        CheckpointArguments.Check(key, expectedVersion: expectedVersion, minimumVersion: 1);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await ExecuteAsync($"DELETE FROM {_table} WHERE key = @key AND version = @expected", key, null, expectedVersion, cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Names the table and the server, never the password.</summary>
    /// <returns>A description such as <c>PostgreSqlCheckpointStore (martech.checkpoints on db:5432/app)</c>.</returns>
    public override string ToString() => _description;

    private async Task<int> ExecuteAsync(string sql, string key, string? json, long expectedVersion, CancellationToken cancellationToken)
    {
        NpgsqlCommand command = _dataSource.CreateCommand(sql);
        await using (command.ConfigureAwait(false))
        {
            command.Parameters.Add(Text("key", key));
            if (json is not null)
            {
                command.Parameters.Add(Text("json", json));
            }

            if (expectedVersion > 0)
            {
                command.Parameters.Add(new NpgsqlParameter<long>("expected", NpgsqlDbType.Bigint) { TypedValue = expectedVersion });
            }

            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static NpgsqlParameter<string> Text(string name, string value) => new(name, NpgsqlDbType.Text) { TypedValue = value };
}
