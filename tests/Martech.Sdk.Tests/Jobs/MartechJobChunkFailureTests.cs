using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Jobs;

/// <summary>A vendor call that fails as a whole inside a bulk method (which reports it per item rather than throwing)
/// stops the run with the chunk in flight; it is never recorded as the items' final outcome.</summary>
public sealed class MartechJobChunkFailureTests
{
    public static TheoryData<string> Failures => ["transport", "unknown", "503", "rate-limited", "no-answer"];

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task RunAsync_WholeCallFailureReportedPerItem_StopsWithTheChunkInFlightAndTheResumeWritesIt(string failure)
    {
        var services = new ServiceCollection();
        FailingChunkContactClient? contacts = null;
        services.AddMartech().AddInMemory("Crm").Use<IContactClient>((inner, _) => contacts = new FailingChunkContactClient(inner, failure));
        services.AddSingleton<ICheckpointStore>(new InMemoryCheckpointStore());
        services.AddMartechJobs(o => o.ChunkSize = 10)
            .AddContactUpsertJob("contacts", "Crm", _ => MartechJobSource.FromList(JobHost.People(30)));
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredKeyedService<IContactClient>("Crm");
        contacts!.FailCall = 2;
        IMartechJobRunner runner = provider.GetRequiredService<IMartechJobRunner>();

        MartechException stopped = await Assert.ThrowsAsync<MartechException>(() => runner.RunAsync("contacts", "run-1"));
        Assert.Contains("failed as a whole", stopped.Message, StringComparison.Ordinal);
        Assert.Contains("positions 10 to 19", stopped.Message, StringComparison.Ordinal);

        MartechJobReport report = await runner.RunAsync("contacts", "run-1");

        Assert.Equal(30L, report.Succeeded);
        Assert.Equal(0L, report.Failed);
        Assert.All(report.Outcomes, o => Assert.Equal(BulkItemStatus.Created, o.Status));
        Assert.Equal(30, provider.GetRequiredKeyedService<InMemoryMartechStore>("Crm").Contacts.Count);
    }

    [Fact]
    public async Task RunAsync_VendorRefusesItemsWithA4xx_TheyAreReportedFailedAndTheRunCompletes()
    {
        var services = new ServiceCollection();
        FailingChunkContactClient? contacts = null;
        services.AddMartech().AddInMemory("Crm").Use<IContactClient>((inner, _) => contacts = new FailingChunkContactClient(inner, "400"));
        services.AddMartechJobs(o => o.ChunkSize = 10)
            .AddContactUpsertJob("contacts", "Crm", _ => MartechJobSource.FromList(JobHost.People(30)));
        await using ServiceProvider provider = services.BuildServiceProvider();
        provider.GetRequiredKeyedService<IContactClient>("Crm");
        contacts!.FailCall = 2;

        MartechJobReport report = await provider.GetRequiredService<IMartechJobRunner>().RunAsync("contacts", "run-1");

        Assert.Equal(20L, report.Succeeded);
        Assert.Equal(10L, report.Failed);
        Assert.All(report.Outcomes.Skip(10).Take(10), o => Assert.Equal("INVALID_EMAIL", o.Error?.Code));
    }

    /// <summary>Answers the n-th call the way a provider's bulk method reports a failed vendor call: every item of it
    /// failed (or unknown) with the call's exception, nothing written.</summary>
    private sealed class FailingChunkContactClient(IContactClient inner, string failure) : DelegatingContactClient(inner)
    {
        private int _calls;

        public int? FailCall { get; set; }

        public override Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _calls) != FailCall)
            {
                return base.UpsertManyAsync(contacts, options, cancellationToken);
            }

            (BulkItemStatus status, BulkItemError error) = failure switch
            {
                "transport" => (BulkItemStatus.Failed, new BulkItemError("The connection was refused.", "BATCH_FAILED", Exception: new MartechTransportException("The connection was refused."))),
                "unknown" => (BulkItemStatus.Unknown, new BulkItemError("The vendor may have applied it.", "UNKNOWN_OUTCOME", Exception: new MartechTransportException("Lost.") { MayHaveBeenProcessed = true })),
                "503" => (BulkItemStatus.Failed, new BulkItemError("Service unavailable.", "HTTP_503", Exception: new MartechRequestException("Service unavailable.") { StatusCode = System.Net.HttpStatusCode.ServiceUnavailable })),
                "rate-limited" => (BulkItemStatus.Failed, new BulkItemError("Waited too long.", "RATE_LIMITED", Exception: new MartechRateLimitedException("Waited too long."))),
                "no-answer" => (BulkItemStatus.Failed, new BulkItemError("No outcome.", BulkItemCodes.NoOutcome)),
                _ => (BulkItemStatus.Failed, new BulkItemError("Invalid email.", "INVALID_EMAIL", "email", new MartechRequestException("Invalid email.") { StatusCode = System.Net.HttpStatusCode.BadRequest })),
            };
            BulkItemResult<Contact>[] items = [.. contacts.Select((_, i) => new BulkItemResult<Contact>(i, status, null, error))];
            return Task.FromResult(new BulkResult<Contact>(items));
        }
    }
}
