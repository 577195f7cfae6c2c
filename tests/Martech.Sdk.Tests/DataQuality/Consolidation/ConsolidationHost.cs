using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.DataQuality.Consolidation;

/// <summary>Two in-memory instances, "Old" (the source) and "New" (the target), registered as a user would, with
/// helpers to seed them and to collect a run's outcomes.</summary>
internal sealed class ConsolidationHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ConsolidationHost()
    {
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech();
        martech.AddInMemory("Old");
        martech.AddInMemory("New");
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public IContactClient OldContacts => _services.GetRequiredKeyedService<IContactClient>("Old");

    public IContactClient NewContacts => _services.GetRequiredKeyedService<IContactClient>("New");

    public ILeadClient OldLeads => _services.GetRequiredKeyedService<ILeadClient>("Old");

    public ILeadClient NewLeads => _services.GetRequiredKeyedService<ILeadClient>("New");

    public InMemoryMartechStore OldStore => _services.GetRequiredKeyedService<InMemoryMartechStore>("Old");

    public InMemoryMartechStore NewStore => _services.GetRequiredKeyedService<InMemoryMartechStore>("New");

    public static Contact Person(int i) => new()
    {
        Email = EmailAddress.Parse($"person{i}@example.org"),
        FirstName = $"First{i}",
        LastName = $"Last{i}",
        Company = "Acme",
    };

    public async Task<IReadOnlyList<Contact>> SeedContactsAsync(int count)
    {
        var stored = new List<Contact>();
        for (int i = 1; i <= count; i++)
        {
            stored.Add((await OldContacts.UpsertAsync(Person(i))).Value);
        }

        return stored;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Collects the outcomes a run streams.</summary>
internal sealed class OutcomeLog
{
    public List<ConsolidationOutcome> Outcomes { get; } = [];

    public ValueTask Add(ConsolidationOutcome outcome, CancellationToken cancellationToken)
    {
        Outcomes.Add(outcome);
        return ValueTask.CompletedTask;
    }
}

/// <summary>A target that fails as told: after the write went through (a crash before the answer came back), or
/// refusing a record as a vendor would (a 4xx).</summary>
internal sealed class FailingContactClient(IContactClient inner) : DelegatingContactClient(inner)
{
    private int _upserts;

    /// <summary>The upsert (1-based) after which a transport failure is thrown, the write having gone through.</summary>
    public int? CrashAfterUpsert { get; set; }

    /// <summary>Addresses the target refuses with a 400.</summary>
    public HashSet<string> Refuse { get; } = new(StringComparer.OrdinalIgnoreCase);

    public int Upserts => _upserts;

    public override async Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (contact.Email is { } email && Refuse.Contains(email.Value))
        {
            throw new MartechRequestException($"Property values were not valid for {email}.") { StatusCode = HttpStatusCode.BadRequest, ErrorCode = "VALIDATION_ERROR" };
        }

        UpsertResult<Contact> result = await base.UpsertAsync(contact, options, cancellationToken);
        if (Interlocked.Increment(ref _upserts) == CrashAfterUpsert)
        {
            throw new MartechTransportException("The connection closed before the answer arrived.") { MayHaveBeenProcessed = true };
        }

        return result;
    }
}

/// <summary>A source that crashes after the n-th delete went through.</summary>
internal sealed class CrashingSourceClient(IContactClient inner) : DelegatingContactClient(inner)
{
    private int _deletes;

    public int? CrashAfterDelete { get; set; }

    public override async Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        bool deleted = await base.DeleteAsync(id, options, cancellationToken);
        if (Interlocked.Increment(ref _deletes) == CrashAfterDelete)
        {
            throw new MartechTransportException("The connection closed before the answer arrived.") { MayHaveBeenProcessed = true };
        }

        return deleted;
    }
}

/// <summary>A source whose listing drops the id of the contacts <c>strip</c> picks, as a provider returning a record
/// without one would.</summary>
internal sealed class IdlessSourceClient(IContactClient inner, Func<Contact, bool> strip) : DelegatingContactClient(inner)
{
    public override AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default)
    {
        AsyncPageable<Contact> listing = base.ListAsync(options, cancellationToken);
        return AsyncPageable.Create<Contact>(async (token, size, ct) =>
        {
            await foreach (Page<Contact> page in listing.AsPages(token, size).WithCancellation(ct))
            {
                return new Page<Contact>([.. page.Items.Select(c => strip(c) ? c with { Id = null } : c)], page.ContinuationToken);
            }

            return new Page<Contact>([], null);
        }, cancellationToken: cancellationToken);
    }
}

/// <summary>A checkpoint store that looks at every document saved: the most outcomes and the longest text.</summary>
internal sealed class RecordingCheckpointStore : ICheckpointStore
{
    private readonly InMemoryCheckpointStore _inner = new();

    public int Saves { get; private set; }

    public int MostOutcomes { get; private set; }

    public int LongestJson { get; private set; }

    public Task<CheckpointEntry?> GetAsync(string key, CancellationToken cancellationToken = default) => _inner.GetAsync(key, cancellationToken);

    public Task<bool> TrySetAsync(string key, string json, long expectedVersion, CancellationToken cancellationToken = default)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        Saves++;
        MostOutcomes = Math.Max(MostOutcomes, document.RootElement.GetProperty("outcomes").GetArrayLength());
        LongestJson = Math.Max(LongestJson, json.Length);
        return _inner.TrySetAsync(key, json, expectedVersion, cancellationToken);
    }

    public Task<bool> TryDeleteAsync(string key, long expectedVersion, CancellationToken cancellationToken = default) => _inner.TryDeleteAsync(key, expectedVersion, cancellationToken);
}

/// <summary>A lead target that crashes after the n-th create went through.</summary>
internal sealed class FailingLeadClient(ILeadClient inner) : DelegatingLeadClient(inner)
{
    private int _creates;

    public int? CrashAfterCreate { get; set; }

    public override async Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        Lead created = await base.CreateAsync(lead, cancellationToken);
        if (Interlocked.Increment(ref _creates) == CrashAfterCreate)
        {
            throw new MartechTransportException("The connection closed before the answer arrived.") { MayHaveBeenProcessed = true };
        }

        return created;
    }
}
