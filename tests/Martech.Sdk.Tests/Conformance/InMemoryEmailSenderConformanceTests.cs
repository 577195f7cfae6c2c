using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.Tests.Conformance;

/// <summary>The email conformance suite against the in-memory provider, registered as a user would; what was delivered
/// is read from the instance's <see cref="InMemoryMartechStore.SentEmails"/>.</summary>
public sealed class InMemoryEmailSenderConformanceTests(ITestOutputHelper output) : EmailSenderConformanceTests(output)
{
    private ServiceProvider? _services;

    protected override Task<IEmailSender> CreateSenderAsync()
    {
        _services = InMemoryConformance.BuildServices();
        return Task.FromResult(_services.GetRequiredService<IEmailSender>());
    }

    protected override Task<IReadOnlyList<DeliveredEmail>> GetDeliveredAsync()
    {
        IReadOnlyList<DeliveredEmail> delivered = InMemoryConformance.Store(Services).SentEmails
            .Select(static e => new DeliveredEmail(
                e.MessageId,
                e.Message.From!.Address,
                e.Message.AllRecipients.Select(static m => m.Address).ToList(),
                e.Message.Subject,
                e.Message.TemplateId))
            .ToList();
        return Task.FromResult(delivered);
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("CreateSenderAsync has not run.");
}
