using System.Globalization;
using Hangfire.PostgreSql;

namespace Martech.Sdk.JobWorker;

/// <summary>What the worker and the test agree on: the job's name, its input, and Hangfire's storage settings.</summary>
public static class JobContacts
{
    /// <summary>The job's name.</summary>
    public const string Job = "contacts";

    /// <summary>The job's input: the same contacts, in the same order, on every call.</summary>
    public static IReadOnlyList<Contact> Make(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new Contact
        {
            Email = EmailAddress.Parse(string.Create(CultureInfo.InvariantCulture, $"contact{i:D5}@example.com")),
            FirstName = "Contact",
            LastName = i.ToString("D5", CultureInfo.InvariantCulture),
            Company = "Example " + (i % 7).ToString(CultureInfo.InvariantCulture),
        })];

    /// <summary>
    /// Hangfire's PostgreSQL storage as the worker uses it. A job fetched by a worker that dies is handed to another
    /// after <see cref="PostgreSqlStorageOptions.InvisibilityTimeout"/>: 5 s here so the test is quick (the default is
    /// 30 minutes). The sliding invisibility timeout keeps a live worker's job invisible however long it runs (the
    /// worker refreshes it), so a short timeout never hands a running job to a second worker. A killed worker's
    /// per-shard lock expires after <see cref="PostgreSqlStorageOptions.DistributedLockTimeout"/>.
    /// </summary>
    public static PostgreSqlStorageOptions StorageOptions() => new()
    {
        InvisibilityTimeout = TimeSpan.FromSeconds(5),
        UseSlidingInvisibilityTimeout = true,
        DistributedLockTimeout = TimeSpan.FromSeconds(10),
        QueuePollInterval = TimeSpan.FromMilliseconds(200),
        PrepareSchemaIfNecessary = true,
    };
}
