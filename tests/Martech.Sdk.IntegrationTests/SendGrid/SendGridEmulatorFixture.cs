using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.SendGrid;

/// <summary>One SendGrid emulator per test class, reset before each test, and the real provider built against it the
/// way a user registers it.</summary>
public sealed class SendGridEmulatorFixture : IAsyncLifetime
{
    public const string ApiKey = "SG.integration-test-key-0123456789";

    public SendGridEmulator Emulator { get; } = new() { ApiKey = ApiKey };

    public Task InitializeAsync() => Emulator.StartAsync();

    public Task DisposeAsync() => Emulator.DisposeAsync().AsTask();

    /// <summary>Resets the emulator and builds a provider instance over it; the caller disposes the container.</summary>
    public ServiceProvider BuildServices(Action<SendGridOptions>? configure = null, TimeProvider? time = null)
    {
        Emulator.Reset();
        Emulator.RateLimit = null;
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddMartech().AddSendGrid(configure: o =>
        {
            o.ApiKey = ApiKey;
            o.BaseAddress = Emulator.BaseAddress;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(10);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(50);
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(20);
            configure?.Invoke(o);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>What the emulator accepted, as the conformance suite reads it.</summary>
    public IReadOnlyList<DeliveredEmail> Delivered() =>
        Emulator.Messages
            .Select(m => new DeliveredEmail(
                m.MessageId,
                EmailAddress.Parse(m.From),
                m.Recipients.Select(r => EmailAddress.Parse(r)).ToList(),
                m.Subject,
                m.TemplateId))
            .ToList();
}
