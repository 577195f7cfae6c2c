using Martech.Sdk.Testing;
using Npgsql;

namespace Martech.Sdk.IntegrationTests.PostgreSql;

/// <summary>One PostgreSQL server per test class (a class fixture); each test takes its own database or table.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;
    private NpgsqlDataSource? _dataSource;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>A data source over the server's default database.</summary>
    public NpgsqlDataSource DataSource => _dataSource ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        _dataSource = NpgsqlDataSource.Create(_server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
