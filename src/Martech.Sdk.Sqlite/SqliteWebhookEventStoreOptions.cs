namespace Martech.Sdk;

/// <summary>Settings of the SQLite webhook event store, bound from <c>Martech:Webhooks:Sqlite</c>.</summary>
public sealed class SqliteWebhookEventStoreOptions
{
    /// <summary>The connection string, such as <c>Data Source=/var/lib/myapp/webhooks.db</c>. The file is created
    /// when missing; its folder must exist. Several processes on one machine may share the file.</summary>
    /// <value>The default value is <see langword="null"/>: required.</value>
    public string? ConnectionString { get; set; }

    /// <summary>Whether a commit waits until the write-ahead log reaches the disk (<c>synchronous=FULL</c>), so an
    /// acknowledged event survives a power loss, not only a killed process. With <see langword="false"/>
    /// (<c>synchronous=NORMAL</c>), commits are faster and survive a process crash but not an operating-system crash.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool DurableCommits { get; set; } = true;

    /// <summary>How long a write waits for another process's write to finish before failing (the inbox then answers
    /// 503 and the vendor retries).</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:Webhooks:Sqlite</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return $"{configurationPath}:{nameof(ConnectionString)} is required: a SQLite connection string such as 'Data Source=webhooks.db'.";
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout > TimeSpan.FromMinutes(5))
        {
            yield return $"{configurationPath}:{nameof(BusyTimeout)} must be between 0 and 5 minutes (was {BusyTimeout}).";
        }
    }

    /// <summary>Names the type only: a connection string can hold a password.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(SqliteWebhookEventStoreOptions);
}
