using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Http.RateLimiting;

public class MartechRateBudgetRegistryTests
{
    private static MartechRateBudget NewBudget(string key, int permits = 1) =>
        new(key, new MartechRateLimitOptions { PermitLimit = permits, Window = TimeSpan.FromSeconds(1) }, new ManualTimeProvider());

    [Fact]
    public void GetOrCreate_SameKey_ReturnsOneBudgetCreatedOnce()
    {
        using var registry = new MartechRateBudgetRegistry();
        int created = 0;

        MartechRateBudget a = registry.GetOrCreate("HubSpot:abc", key => { created++; return NewBudget(key); });
        MartechRateBudget b = registry.GetOrCreate("HubSpot:abc", key => { created++; return NewBudget(key); });

        Assert.Same(a, b);
        Assert.Equal(1, created);
        Assert.Equal("HubSpot:abc", a.Key);
    }

    [Fact]
    public void GetOrCreate_DifferentKeys_GivesIndependentBudgets()
    {
        using var registry = new MartechRateBudgetRegistry();
        MartechRateBudget a = registry.GetOrCreate("HubSpot:abc", key => NewBudget(key));
        MartechRateBudget b = registry.GetOrCreate("HubSpot:def", key => NewBudget(key));

        Assert.NotSame(a, b);
        BudgetAssert.TakeImmediately(a, 1);
        Assert.False(a.AcquireAsync(CancellationToken.None).AsTask().IsCompleted);
        BudgetAssert.TakeImmediately(b, 1);
    }

    [Fact]
    public async Task GetOrCreate_ManyThreadsAtOnce_CreateTheBudgetOnce()
    {
        using var registry = new MartechRateBudgetRegistry();
        int created = 0;
        using var start = new Barrier(16);

        // Dedicated threads: sixteen blocked pool threads would starve the pool on a small machine.
        MartechRateBudget[] budgets = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return registry.GetOrCreate("Pipedrive:k1", key => { Interlocked.Increment(ref created); return NewBudget(key); });
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.Equal(1, created);
        Assert.All(budgets, b => Assert.Same(budgets[0], b));
    }

    [Fact]
    public void GetOrCreate_BadArguments_Throw()
    {
        using var registry = new MartechRateBudgetRegistry();

        Assert.Throws<ArgumentException>(() => registry.GetOrCreate("", key => NewBudget("x")));
        Assert.Throws<ArgumentNullException>(() => registry.GetOrCreate<MartechRateBudget>("k", null!));
        Assert.Throws<InvalidOperationException>(() => registry.GetOrCreate<MartechRateBudget>("k", _ => null!));
    }

    [Fact]
    public void GetOrCreate_KeyHoldsAnotherKindOfBudget_Throws()
    {
        using var registry = new MartechRateBudgetRegistry();
        registry.GetOrCreate("Slack:abc", key => NewBudget(key));

        var ex = Assert.Throws<InvalidOperationException>(() => registry.GetOrCreate(
            "Slack:abc",
            key => new MartechOperationBudget(key, new MartechOperationRateLimit(), TimeSpan.FromSeconds(1), new ManualTimeProvider())));

        Assert.Contains("MartechOperationBudget", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_DisposesEveryBudget()
    {
        var registry = new MartechRateBudgetRegistry();
        MartechRateBudget budget = registry.GetOrCreate("HubSpot:abc", key => NewBudget(key));

        registry.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => budget.AcquireAsync(CancellationToken.None).AsTask());
        Assert.Throws<ObjectDisposedException>(() => registry.GetOrCreate("HubSpot:new", key => NewBudget(key)));
    }

    [Fact]
    public void AddHttpTransport_InstancesWithTheSameCredential_ShareOneBudget()
    {
        var services = new ServiceCollection();
        var martech = services.AddMartech();
        AddInstance(martech, "PortalA", "HubSpot", "pat-na1-shared-0000000000");
        AddInstance(martech, "PortalB", "HubSpot", "pat-na1-shared-0000000000");
        AddInstance(martech, "PortalC", "HubSpot", "pat-na1-other-11111111111");
        AddInstance(martech, "Mail", "SendGrid", "pat-na1-shared-0000000000");
        using var provider = services.BuildServiceProvider();

        MartechRateBudget Budget(string name) => provider.GetRequiredKeyedService<MartechTransportContext>(name).Budget;

        Assert.Same(Budget("PortalA"), Budget("PortalB"));
        Assert.NotSame(Budget("PortalA"), Budget("PortalC"));
        Assert.NotSame(Budget("PortalA"), Budget("Mail"));
        Assert.DoesNotContain("pat-na1", Budget("PortalA").Key, StringComparison.Ordinal);
    }

    private static void AddInstance(MartechBuilder martech, string name, string providerType, string token) =>
        martech.AddProvider(name, providerType).AddHttpTransport(_ => new MartechHttpOptions
        {
            BaseAddress = new Uri("https://api.example.test/"),
            Authentication = MartechAuthentications.Bearer(token),
        });
}
