using Martech.Sdk.Testing;
using Npgsql;

namespace Martech.Sdk.IntegrationTests.PostgreSql;

/// <summary>The PostgreSQL test fixture: a real server on loopback, its own databases, gone after disposal.</summary>
public sealed class PostgresServerTests
{
    [Fact]
    public async Task Server_ListensOnLoopback_WithAPasswordUser_AndStopsOnDispose()
    {
        PostgresServer pg = await PostgresServer.StartAsync();
        string connectionString = pg.ConnectionString;
        try
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand("SELECT current_user, current_database(), inet_server_addr()::text, current_setting('fsync')", connection);
                await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
                Assert.True(await reader.ReadAsync());
                Assert.Equal(("martech", "martech", "127.0.0.1/32", "off"), (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

            var wrongPassword = new NpgsqlConnectionStringBuilder(connectionString) { Password = "wrong" };
            await using (var refused = new NpgsqlConnection(wrongPassword.ConnectionString))
            {
                PostgresException e = await Assert.ThrowsAsync<PostgresException>(() => refused.OpenAsync());
                Assert.Equal("28P01", e.SqlState); // invalid_password
            }

            string other = await pg.CreateDatabaseAsync();
            await using (var connection = new NpgsqlConnection(other))
            {
                await connection.OpenAsync();
                Assert.StartsWith("db_", connection.Database, StringComparison.Ordinal);
            }

            Assert.Equal($"PostgreSQL on 127.0.0.1:{pg.Port}", pg.ToString());
            await Assert.ThrowsAsync<ArgumentException>(() => pg.CreateDatabaseAsync("x; DROP DATABASE martech"));
        }
        finally
        {
            await pg.DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var gone = new NpgsqlConnection(connectionString);
        await Assert.ThrowsAsync<NpgsqlException>(() => gone.OpenAsync());
    }
}
