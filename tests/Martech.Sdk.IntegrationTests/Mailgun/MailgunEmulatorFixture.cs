using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.Mailgun;

/// <summary>One Mailgun emulator per test class (started once, reset per test), and providers built through DI as a
/// user would, pointed at it.</summary>
public sealed class MailgunEmulatorFixture : IAsyncLifetime
{
    public const string Domain = "mg.example.com";
    public const string ApiKey = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

    public MailgunEmulator Emulator { get; } = new(Domain, ApiKey);

    public Task InitializeAsync() => Emulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>A fresh container with a Mailgun instance against the emulator: a generous rate budget and short
    /// retry delays so tests measure behaviour, not waiting.</summary>
    public ServiceProvider CreateServices(Action<MailgunOptions>? configure = null, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddMartech().AddMailgun(configure: options =>
        {
            options.ApiKey = ApiKey;
            options.Domain = Domain;
            options.BaseAddress = Emulator.BaseAddress;
            options.RateLimitPermits = 10_000;
            options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(5);
            options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(20);
            options.Resilience.AttemptTimeout = TimeSpan.FromSeconds(5);
            options.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
            configure?.Invoke(options);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>What the emulator received, as the conformance suite sees deliveries.</summary>
    public IReadOnlyList<DeliveredEmail> Delivered() =>
        [.. Emulator.Messages.Select(m => new DeliveredEmail(
            m.MessageId,
            EmailAddress.Parse(m.FromAddress),
            [.. m.RecipientAddresses.Select(a => EmailAddress.Parse(a))],
            m.Subject,
            m.Template))];
}
