using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Postmark;

/// <summary>The email-sender conformance suite: the real Postmark provider against the emulator over real sockets.</summary>
public sealed class PostmarkEmailSenderConformanceTests(PostmarkEmulatorFixture fixture, ITestOutputHelper output)
    : EmailSenderConformanceTests(output), IClassFixture<PostmarkEmulatorFixture>
{
    private ServiceProvider? _services;

    /// <summary>Postmark cannot schedule sends; the provider throws <see cref="NotSupportedException"/> before sending.</summary>
    protected override bool SupportsScheduling => false;

    protected override Task<IEmailSender> CreateSenderAsync()
    {
        _services = fixture.CreateServices();
        fixture.Emulator.AddTemplate(null, TemplateId);
        return Task.FromResult(_services.GetRequiredKeyedService<IEmailSender>("Postmark"));
    }

    protected override Task<IReadOnlyList<DeliveredEmail>> GetDeliveredAsync() => Task.FromResult(fixture.Delivered());

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_ScheduledForLater_ThrowsNotSupportedAndSendsNothing()
    {
        EmailMessage message = ValidMessage("See you tomorrow");
        message.SendAt = DateTimeOffset.UtcNow.AddDays(1);

        await Assert.ThrowsAsync<NotSupportedException>(() => Sender.SendAsync(message));

        Assert.Empty(fixture.Emulator.SentEmails);
        Assert.Equal(0, fixture.Emulator.RequestLog.Count);
    }
}
