using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.Tests.Conformance;

/// <summary>The campaign stats conformance suite against the in-memory provider: campaigns are seeded in its store and
/// reach people through its email sender (messages carrying the campaign id).</summary>
public sealed class InMemoryCampaignStatsClientConformanceTests(ITestOutputHelper output) : CampaignStatsClientConformanceTests(output)
{
    private ServiceProvider? _services;

    protected override bool KeepsCampaignRecords => true;

    protected override bool SupportsBreakdown => false;

    protected override Task<ICampaignStatsClient> CreateClientAsync()
    {
        _services = InMemoryConformance.BuildServices();
        return Task.FromResult(_services.GetRequiredService<ICampaignStatsClient>());
    }

    protected override Task<string> SeedCampaignAsync() =>
        Task.FromResult(InMemoryConformance.Store(Services).AddCampaign(new Campaign { Name = "Spring launch" }).Id!);

    protected override async Task ReachAsync(string campaignId, IReadOnlyList<EmailAddress> recipients)
    {
        var sender = Services.GetRequiredService<IEmailSender>();
        foreach (EmailAddress recipient in recipients)
        {
            var message = new EmailMessage
            {
                From = new Mailbox(EmailAddress.Parse("news@example.com")),
                Subject = "Spring sale",
                TextBody = "Our spring sale",
                Purpose = SendPurpose.Transactional,
                CampaignId = campaignId,
            };
            message.To.Add(recipient);
            await sender.SendAsync(message);
        }
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private ServiceProvider Services => _services ?? throw new InvalidOperationException("CreateClientAsync has not run.");
}
