using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.InMemory;

public class InMemoryMartechBuilderExtensionsTests
{
    [Fact]
    public void AddInMemory_EveryCapability_ResolvesKeyedAndUnkeyedToTheSameClient()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory();
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredKeyedService<IContactClient>("InMemory"), provider.GetRequiredService<IContactClient>());
        Assert.Same(provider.GetRequiredKeyedService<ILeadClient>("InMemory"), provider.GetRequiredService<ILeadClient>());
        Assert.Same(provider.GetRequiredKeyedService<ICampaignClient>("InMemory"), provider.GetRequiredService<ICampaignClient>());
        Assert.Same(provider.GetRequiredKeyedService<IEmailSender>("InMemory"), provider.GetRequiredService<IEmailSender>());
        Assert.Same(provider.GetRequiredKeyedService<IMessageSender>("InMemory"), provider.GetRequiredService<IMessageSender>());
    }

    [Fact]
    public void AddInMemory_Store_IsAKeyedSingletonSharedByEveryCapability()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory();
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredKeyedService<InMemoryMartechStore>("InMemory");

        Assert.Same(store, provider.GetRequiredKeyedService<InMemoryMartechStore>("InMemory"));
        Assert.Same(store, provider.GetRequiredService<IContactClient>().GetService<InMemoryMartechStore>());
        Assert.Same(store, provider.GetRequiredService<ILeadClient>().GetService<InMemoryMartechStore>());
        Assert.Same(store, provider.GetRequiredService<ICampaignClient>().GetService<InMemoryMartechStore>());
        Assert.Same(store, provider.GetRequiredService<IEmailSender>().GetService<InMemoryMartechStore>());
        Assert.Same(store, provider.GetRequiredService<IMessageSender>().GetService<InMemoryMartechStore>());
    }

    [Fact]
    public async Task AddInMemory_TwoInstances_AreIndependentStores()
    {
        var services = new ServiceCollection();
        var martech = services.AddMartech();
        martech.AddInMemory("A");
        martech.AddInMemory("B");
        using var provider = services.BuildServiceProvider();
        var a = provider.GetRequiredKeyedService<IContactClient>("A");
        var b = provider.GetRequiredKeyedService<IContactClient>("B");

        await a.UpsertAsync(InMemoryHarness.ContactWith("ada@example.com"));

        Assert.NotNull(await a.FindByEmailAsync("ada@example.com"));
        Assert.Null(await b.FindByEmailAsync("ada@example.com"));
        Assert.NotSame(provider.GetRequiredKeyedService<InMemoryMartechStore>("A"), provider.GetRequiredKeyedService<InMemoryMartechStore>("B"));
        Assert.Single(provider.GetRequiredKeyedService<InMemoryMartechStore>("A").Contacts);
        Assert.Empty(provider.GetRequiredKeyedService<InMemoryMartechStore>("B").Contacts);
        Assert.Same(a, provider.GetRequiredService<IContactClient>());
    }

    [Fact]
    public void AddInMemory_SameNameTwice_Throws()
    {
        var martech = new ServiceCollection().AddMartech();
        martech.AddInMemory();

        Assert.Throws<InvalidOperationException>(() => martech.AddInMemory());
    }

    [Fact]
    public void AddInMemory_NullBuilder_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => InMemoryMartechBuilderExtensions.AddInMemory(null!));
    }

    [Fact]
    public void AddInMemory_ReturnsTheInstanceBuilderWithEveryCapability()
    {
        var builder = new ServiceCollection().AddMartech().AddInMemory("Demo");

        Assert.Equal("Demo", builder.Name);
        Assert.Equal("InMemory", builder.ProviderType);
        Assert.Equal(
            new[] { typeof(IContactClient), typeof(ILeadClient), typeof(ICampaignClient), typeof(ICampaignStatsClient), typeof(IEmailSender), typeof(IMessageSender), typeof(IEmailSuppressionList), typeof(IWebhookReceiver) }.OrderBy(t => t.Name),
            builder.Capabilities.OrderBy(t => t.Name));
    }

    [Fact]
    public void AddInMemory_Configure_ReachesTheClientsOptions()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory(configure: o => o.MaxBatchSize = 7);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IContactClient>().GetService<InMemoryProviderOptions>();

        Assert.NotNull(options);
        Assert.Equal(7, options.MaxBatchSize);
        Assert.Same(options, provider.GetRequiredService<IContactClient>().GetService<MartechProviderOptions>());
    }

    [Fact]
    public async Task AddInMemory_TimeProviderInContainer_StampsTheStore()
    {
        var clock = new ManualTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddMartech().AddInMemory();
        using var provider = services.BuildServiceProvider();

        var created = await provider.GetRequiredService<IContactClient>().UpsertAsync(InMemoryHarness.ContactWith("ada@example.com"));

        Assert.Equal(ManualTimeProvider.DefaultStart, created.Value.CreatedAt);
        Assert.Same(clock, provider.GetRequiredKeyedService<InMemoryMartechStore>("InMemory").TimeProvider);
    }

    [Fact]
    public void AddInMemory_NoTimeProviderInContainer_UsesTheSystemClock()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory();
        using var provider = services.BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredKeyedService<InMemoryMartechStore>("InMemory").TimeProvider);
    }

    [Fact]
    public async Task AddInMemory_WithMiddleware_GetServiceStillReachesTheStore()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory().Use<IContactClient>((inner, _) => new PassThroughContactClient(inner));
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IContactClient>();

        await client.UpsertAsync(InMemoryHarness.ContactWith("ada@example.com"));

        Assert.IsType<PassThroughContactClient>(client);
        Assert.Single(client.GetService<InMemoryMartechStore>()!.Contacts);
    }

    [Fact]
    public void GetService_UnknownTypeOrKey_ReturnsNull()
    {
        var harness = new InMemoryHarness();

        Assert.Null(harness.Contacts.GetService(typeof(string)));
        Assert.Null(harness.Contacts.GetService(typeof(InMemoryMartechStore), "someKey"));
        Assert.Same(harness.Contacts, harness.Contacts.GetService(typeof(IContactClient)));
        Assert.Same(harness.Email, harness.Email.GetService(typeof(IEmailSender)));
        Assert.Throws<ArgumentNullException>(() => harness.Messages.GetService(null!));
    }

    private sealed class PassThroughContactClient(IContactClient inner) : DelegatingContactClient(inner);
}
