using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Jobs;

/// <summary>A container as a user registers it: in-memory instances "Crm" and "Esp", the jobs runner over a checkpoint
/// store the test chooses, and the target's contact and lead clients wrapped to count and fail as a test says. A clock
/// given is the runner's and the in-memory vendors'.</summary>
internal sealed class JobHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public JobHost(ICheckpointStore store, Action<MartechJobsBuilder> jobs, int chunkSize = 10, TimeProvider? time = null, Action<MartechJobsOptions>? options = null)
    {
        Store = store;
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory("Crm")
            .Use<IContactClient>((inner, _) => Contacts = new CountingContactClient(inner))
            .Use<ILeadClient>((inner, _) => Leads = new CountingLeadClient(inner));
        martech.AddInMemory("Esp");
        services.AddSingleton(store);
        jobs(services.AddMartechJobs(o =>
        {
            o.ChunkSize = chunkSize;
            options?.Invoke(o);
        }));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _services.GetRequiredKeyedService<IContactClient>("Crm");
        _services.GetRequiredKeyedService<ILeadClient>("Crm");
    }

    public ICheckpointStore Store { get; }

    public IServiceProvider Services => _services;

    public IMartechJobRunner Runner => _services.GetRequiredService<IMartechJobRunner>();

    /// <summary>The "Crm" contacts client the jobs write through, counting.</summary>
    public CountingContactClient Contacts { get; private set; } = null!;

    /// <summary>The "Crm" leads client the jobs write through, counting.</summary>
    public CountingLeadClient Leads { get; private set; } = null!;

    public InMemoryMartechStore Crm => _services.GetRequiredKeyedService<InMemoryMartechStore>("Crm");

    public InMemoryMartechStore Esp => _services.GetRequiredKeyedService<InMemoryMartechStore>("Esp");

    public static Contact Person(int i) => new()
    {
        Email = EmailAddress.Parse($"person{i}@example.org"),
        FirstName = $"First{i}",
        LastName = $"Last{i}",
    };

    public static IReadOnlyList<Contact> People(int count) => [.. Enumerable.Range(0, count).Select(Person)];

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>A contact client that counts the contacts sent to <see cref="IContactClient.UpsertManyAsync"/> by email,
/// and can fail once after a chunk went through (the answer lost).</summary>
internal sealed class CountingContactClient(IContactClient inner) : DelegatingContactClient(inner)
{
    private readonly Dictionary<string, int> _writes = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The chunk (1-based) whose answer is lost once: the write happens, then a transport failure.</summary>
    public int? LoseAnswerOfCall { get; set; }

    public int Calls { get; private set; }

    public IReadOnlyDictionary<string, int> Writes => _writes;

    public int TotalWrites => _writes.Values.Sum();

    private int _started;

    /// <summary>Runs after each call's write (given the call's 1-based number), before its answer returns.</summary>
    public Func<int, Task>? OnCall { get; set; }

    public override async Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        BulkResult<Contact> result = await base.UpsertManyAsync(contacts, options, cancellationToken);
        if (OnCall is { } onCall)
        {
            await onCall(Interlocked.Increment(ref _started));
        }

        lock (_writes)
        {
            Calls++;
            foreach (Contact contact in contacts)
            {
                string key = contact.Email?.Value ?? "(none)";
                _writes[key] = _writes.GetValueOrDefault(key) + 1;
            }

            if (Calls == LoseAnswerOfCall)
            {
                LoseAnswerOfCall = null;
                throw new MartechTransportException("The connection closed before the answer arrived.") { MayHaveBeenProcessed = true };
            }
        }

        return result;
    }
}

/// <summary>A lead client that counts creates and can fail once after the n-th create went through.</summary>
internal sealed class CountingLeadClient(ILeadClient inner) : DelegatingLeadClient(inner)
{
    public int Creates { get; private set; }

    public int Updates { get; private set; }

    public int? LoseAnswerOfCreate { get; set; }

    public override async Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        Lead created = await base.CreateAsync(lead, cancellationToken);
        if (++Creates == LoseAnswerOfCreate)
        {
            LoseAnswerOfCreate = null;
            throw new MartechTransportException("The connection closed before the answer arrived.") { MayHaveBeenProcessed = true };
        }

        return created;
    }

    public override Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        Updates++;
        return base.UpdateAsync(lead, cancellationToken);
    }
}

/// <summary>A checkpoint store that fails a write once, as a process killed at that point would leave it: the writes
/// before it done, none after.</summary>
internal sealed class CrashingCheckpointStore(ICheckpointStore inner) : ICheckpointStore
{
    /// <summary>Fails the first write of a key ending in this text (such as <c>:chunk:1</c>), then never again.</summary>
    public string? CrashOnKeySuffix { get; set; }

    public int Writes { get; private set; }

    public int LongestJson { get; private set; }

    public Task<CheckpointEntry?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

    public Task<bool> TrySetAsync(string key, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        if (CrashOnKeySuffix is { } suffix && key.EndsWith(suffix, StringComparison.Ordinal))
        {
            CrashOnKeySuffix = null;
            throw new IOException("The worker died before this checkpoint write.");
        }

        Writes++;
        if (!key.Contains(":chunk:", StringComparison.Ordinal))
        {
            LongestJson = Math.Max(LongestJson, json.Length);
        }

        return inner.TrySetAsync(key, json, expectedVersion, cancellationToken);
    }

    public Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default) => inner.TryDeleteAsync(key, expectedVersion, cancellationToken);
}

/// <summary>The stores the tests run against.</summary>
public static class JobStores
{
    public static TheoryData<string> Kinds => ["memory", "file"];

    internal static ICheckpointStore Create(string kind) => kind == "file"
        ? new FileCheckpointStore(Path.Combine(Path.GetTempPath(), "martech-jobs-" + Guid.NewGuid().ToString("N")))
        : new InMemoryCheckpointStore();
}
