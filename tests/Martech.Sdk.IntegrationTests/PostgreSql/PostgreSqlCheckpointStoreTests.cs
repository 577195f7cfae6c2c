using Martech.Sdk.Tests.DataQuality.Consolidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Martech.Sdk.IntegrationTests.PostgreSql;

/// <summary>The checkpoint store contract against a real PostgreSQL server, plus what only a shared database shows:
/// several processes' connection pools racing for the same versions.</summary>
public sealed class PostgreSqlCheckpointStoreTests(PostgresFixture pg) : CheckpointStoreContract, IClassFixture<PostgresFixture>
{
    // Each test its own table in the shared database.
    private readonly string _table = "cp_" + Guid.NewGuid().ToString("N")[..12];

    protected override ICheckpointStore CreateStore() => new PostgreSqlCheckpointStore(pg.DataSource, "martech_tests", _table);

    [Fact]
    public async Task TrySet_EightPoolsRacingVersionAfterVersion_ExactlyOneWinsEach()
    {
        // Eight data sources stand for eight processes: separate pools, separate connections, one table.
        NpgsqlDataSource[] pools = [.. Enumerable.Range(0, 8).Select(_ => NpgsqlDataSource.Create(pg.Server.ConnectionString))];
        try
        {
            PostgreSqlCheckpointStore[] stores = [.. pools.Select(p => new PostgreSqlCheckpointStore(p, "martech_tests", _table))];
            var winners = new List<int>();
            for (long version = 0; version < 10; version++)
            {
                long expected = version;
                bool[] won = await Task.WhenAll(stores.Select((s, i) => Task.Run(() => s.TrySetAsync("race", $$"""{"writer":{{i}},"v":{{expected + 1}}}""", expected))));

                Assert.Equal(1, won.Count(w => w));
                winners.Add(Array.IndexOf(won, true));
            }

            CheckpointEntry entry = (await stores[3].GetAsync("race"))!;
            Assert.Equal(10, entry.Version);
            Assert.Equal($$"""{"writer":{{winners[^1]}},"v":10}""", entry.Json);
        }
        finally
        {
            foreach (NpgsqlDataSource pool in pools)
            {
                await pool.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Document_IsKeptAsTheExactTextWritten()
    {
        ICheckpointStore store = CreateStore();
        const string json = """{ "b" : 2,"a":[1, 2 ], "é": "ü\u0000x" }""";

        Assert.True(await store.TrySetAsync("exact", json, 0));

        Assert.Equal(json, (await store.GetAsync("exact"))!.Json);
    }

    [Fact]
    public async Task Table_IsCreatedOnFirstUse_ByManyStoresAtOnce()
    {
        string table = "cp_" + Guid.NewGuid().ToString("N")[..12];
        string schema = "s_" + Guid.NewGuid().ToString("N")[..12];

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => new PostgreSqlCheckpointStore(pg.DataSource, schema, table).EnsureCreatedAsync())));

        await using NpgsqlCommand command = pg.DataSource.CreateCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = @s AND table_name = @t");
        command.Parameters.AddWithValue("s", schema);
        command.Parameters.AddWithValue("t", table);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData("bad;name", "schema")]
    [InlineData("", "schema")]
    [InlineData("1abc", "table")]
    [InlineData("a\"b", "table")]
    public void Names_ThatAreNotPlainIdentifiers_AreRefused(string name, string which)
    {
        var e = Assert.Throws<ArgumentException>(() => which == "schema"
            ? new PostgreSqlCheckpointStore(pg.DataSource, schema: name)
            : new PostgreSqlCheckpointStore(pg.DataSource, table: name));

        Assert.Equal(which, e.ParamName);
        Assert.Contains(name.Length == 0 ? "is empty" : "is not a plain identifier", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registration_ReplacesTheDefaultStore_AndNamesTheTableNeverThePassword()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:PostgreSql:ConnectionString"] = pg.Server.ConnectionString,
            ["Martech:PostgreSql:Schema"] = "martech_di",
            ["Martech:PostgreSql:CheckpointTable"] = _table,
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        MartechBuilder martech = builder.Services.AddMartech(configuration.GetSection("Martech"));
        martech.AddConsolidation(); // registers the in-memory default first
        martech.AddPostgreSql().UseCheckpointStore();
        using IHost host = builder.Build();
        await host.StartAsync();

        ICheckpointStore store = host.Services.GetRequiredService<ICheckpointStore>();
        Assert.True(await store.TrySetAsync("di", "{}", 0));

        var direct = new PostgreSqlCheckpointStore(pg.DataSource, "martech_di", _table);
        Assert.Equal(1, (await direct.GetAsync("di"))!.Version);
        Assert.IsType<PostgreSqlCheckpointStore>(store);
        Assert.Equal($"PostgreSqlCheckpointStore (martech_di.{_table} on 127.0.0.1:{pg.Server.Port}/martech)", store.ToString());
        Assert.DoesNotContain(pg.Server.Password, store.ToString(), StringComparison.Ordinal);
        Assert.Equal("PostgreSqlOptions", host.Services.GetRequiredService<IOptions<PostgreSqlOptions>>().Value.ToString());
        await host.StopAsync();
    }

    [Fact]
    public async Task MissingConnectionStringAndBadNames_FailTheHostStart_NamingTheSettings()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:PostgreSql:Schema"] = "my-schema",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMartech(configuration.GetSection("Martech")).AddPostgreSql().UseCheckpointStore();
        using IHost host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Martech:PostgreSql:ConnectionString is required", e.Message, StringComparison.Ordinal);
        Assert.Contains("Martech:PostgreSql:Schema 'my-schema' is not a plain identifier", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedConnectionString_FailsTheHostStart_WithoutShowingThePassword()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddMartech().AddPostgreSql(o => o.ConnectionString = "Host=127.0.0.1;Password=s3cret-pw;Port=notaport").UseCheckpointStore();
        using IHost host = builder.Build();

        var e = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Martech:PostgreSql:ConnectionString is not a valid Npgsql connection string", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", e.Message, StringComparison.Ordinal);
    }
}
