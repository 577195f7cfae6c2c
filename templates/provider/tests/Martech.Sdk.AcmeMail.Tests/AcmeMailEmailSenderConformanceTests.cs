using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.AcmeMail.Tests;

/// <summary>The email conformance suite against the AcmeMail provider, registered as a user would, over real sockets
/// to <see cref="AcmeMailEmulator"/>. A provider is done when this passes.</summary>
public sealed class AcmeMailEmailSenderConformanceTests(ITestOutputHelper output) : EmailSenderConformanceTests(output)
{
    private readonly AcmeMailEmulator _emulator = new();
    private ServiceProvider? _services;

    protected override async Task<IEmailSender> CreateSenderAsync()
    {
        await _emulator.StartAsync();
        var services = new ServiceCollection();
        services.AddMartech().AddAcmeMail(configure: o =>
        {
            o.ApiKey = AcmeMailEmulator.DefaultApiKey;
            o.BaseAddress = _emulator.BaseAddress;
            o.RateLimitPermits = 1_000;
        });
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<IEmailSender>();
    }

    protected override Task<IReadOnlyList<DeliveredEmail>> GetDeliveredAsync() =>
        Task.FromResult<IReadOnlyList<DeliveredEmail>>(
            [.. _emulator.Messages.Select(m => new DeliveredEmail(m.Id, EmailAddress.Parse(m.From), [.. m.Recipients.Select(r => EmailAddress.Parse(r))], m.Subject, m.TemplateId))]);

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _emulator.DisposeAsync();
        await base.DisposeAsync();
    }
}
