using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// Upserting <see cref="ContactCount"/> (10,000 and 100,000) new contacts into an empty in-memory provider with one
/// <see cref="IContactClient.UpsertManyAsync"/> call, against as many sequential <see cref="IContactClient.UpsertAsync"/>
/// calls (the baseline). The smoke run uses the smallest size only.
/// </summary>
/// <remarks>
/// Every invocation builds a fresh provider (<c>new ServiceCollection().AddMartech().AddInMemory()</c>), so every run
/// starts empty and every item is a create. Building it per invocation rather than in an [IterationSetup] lets
/// BenchmarkDotNet run many invocations per iteration; the third benchmark measures that setup alone, which is
/// included in the other two.
/// </remarks>
[Config(typeof(BenchmarkConfig))]
public class InMemoryBulkUpsertBenchmarks
{
    private Contact[] _contacts = [];

    /// <summary>The number of contacts.</summary>
    [ParamsSource(nameof(ContactCounts))]
    public int ContactCount { get; set; }

    /// <summary>The sizes: 10,000 and 100,000 (only 10,000 in the smoke run).</summary>
    public static IEnumerable<int> ContactCounts => Smoke.Sizes(10_000, 100_000);

    [GlobalSetup]
    public void CreateContacts()
    {
        _contacts = new Contact[ContactCount];
        for (int i = 0; i < ContactCount; i++)
        {
            _contacts[i] = new Contact
            {
                Email = EmailAddress.Parse($"contact{i:D6}@example.com"),
                FirstName = "Contact",
                LastName = $"Number {i}",
                Company = $"Company {i % 250}",
                LifecycleStage = LifecycleStage.Lead,
            };
        }
    }

    [Benchmark(Baseline = true, Description = "N x UpsertAsync")]
    public async Task<int> SequentialUpserts()
    {
        using ServiceProvider services = CreateEmptyProvider();
        var client = services.GetRequiredService<IContactClient>();
        int created = 0;
        foreach (Contact contact in _contacts)
        {
            var result = await client.UpsertAsync(contact).ConfigureAwait(false);
            if (result.Created)
            {
                created++;
            }
        }

        return created == ContactCount ? created : throw new InvalidOperationException($"Only {created} of {ContactCount} contacts were created.");
    }

    [Benchmark(Description = "UpsertManyAsync(N)")]
    public async Task<int> BulkUpsert()
    {
        using ServiceProvider services = CreateEmptyProvider();
        var client = services.GetRequiredService<IContactClient>();
        var result = await client.UpsertManyAsync(_contacts).ConfigureAwait(false);
        return result.CreatedCount == ContactCount
            ? result.CreatedCount
            : throw new InvalidOperationException($"Only {result.CreatedCount} of {ContactCount} contacts were created; {result.FailedCount} failed.");
    }

    [Benchmark(Description = "Empty provider only (setup in both)")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "BenchmarkDotNet runs instance methods.")]
    public object ProviderSetupOnly()
    {
        using ServiceProvider services = CreateEmptyProvider();
        return services.GetRequiredService<IContactClient>();
    }

    private static ServiceProvider CreateEmptyProvider() =>
        new ServiceCollection().AddMartech().AddInMemory().Services.BuildServiceProvider();
}
