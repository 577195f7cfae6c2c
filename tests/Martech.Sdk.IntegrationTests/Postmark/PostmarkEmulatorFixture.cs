using Martech.Sdk.Postmark;
using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Postmark;

/// <summary>One Postmark emulator on 127.0.0.1 per test class; each test resets it and builds the provider afresh.</summary>
public sealed class PostmarkEmulatorFixture : IAsyncLifetime
{
    public PostmarkEmulator Emulator { get; } = new();

    public Task InitializeAsync() => Emulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Resets the emulator and builds a container with a Postmark instance pointed at it, as a user would.</summary>
    public ServiceProvider CreateServices(Action<PostmarkOptions>? configure = null, TimeProvider? time = null, Action<MartechBuilder>? also = null)
    {
        Emulator.Reset();
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        MartechBuilder martech = services.AddMartech();
        also?.Invoke(martech);
        martech.AddPostmark(configure: o =>
        {
            o.ServerToken = Emulator.ServerToken;
            o.BaseAddress = Emulator.BaseAddress;
            o.RateLimitPermits = 1000;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(50);
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>What the emulator delivered, as the conformance suite reads it.</summary>
    public IReadOnlyList<DeliveredEmail> Delivered() =>
        [.. Emulator.SentEmails.Select(e => new DeliveredEmail(e.MessageId, e.From, e.Recipients, e.Subject, e.TemplateId))];
}
