using Npgsql;

namespace Martech.Sdk;

/// <summary>Settings of Martech.Sdk's PostgreSQL stores, bound from <c>Martech:PostgreSql</c>.</summary>
public sealed class PostgreSqlOptions
{
    /// <summary>The Npgsql connection string, such as
    /// <c>Host=db.internal;Database=app;Username=app;Password=…</c>. Keep the password out of source: bind it from
    /// configuration or a secret store. It is never written to logs, messages or <see cref="ToString"/>.</summary>
    /// <value>The default value is <see langword="null"/>: required.</value>
    public string? ConnectionString { get; set; }

    /// <summary>The schema the tables live in; created on first use when missing.</summary>
    /// <value>The default value is <c>martech</c>.</value>
    public string Schema { get; set; } = "martech";

    /// <summary>The table of checkpoints (<see cref="PostgreSqlCheckpointStore"/>); created on first use when
    /// missing.</summary>
    /// <value>The default value is <c>checkpoints</c>.</value>
    public string CheckpointTable { get; set; } = "checkpoints";

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:PostgreSql</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{configurationPath}:{nameof(ConnectionString)} is required: an Npgsql connection string such as 'Host=localhost;Database=app;Username=app;Password=…'.";
        }
        else if (ParseProblem(ConnectionString) is { } problem)
        {
            yield return $"{configurationPath}:{nameof(ConnectionString)} is not a valid Npgsql connection string: {problem}";
        }

        if (PostgreSqlIdentifier.Problem(Schema) is { } schemaProblem)
        {
            yield return $"{configurationPath}:{nameof(Schema)} {schemaProblem}";
        }

        if (PostgreSqlIdentifier.Problem(CheckpointTable) is { } tableProblem)
        {
            yield return $"{configurationPath}:{nameof(CheckpointTable)} {tableProblem}";
        }
    }

    /// <summary>Names the type only: the connection string can hold a password.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(PostgreSqlOptions);

    // The parser's messages name the faulty keyword, never a value, so they are safe to show.
    private static string? ParseProblem(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }
}
