using Martech.Sdk.Testing;
using Martech.Sdk.Testing.Conformance;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Martech.Sdk.IntegrationTests.Postmark;

/// <summary>The suppression-list conformance suite: the real Postmark provider against the emulator over real sockets.</summary>
public sealed class PostmarkEmailSuppressionListConformanceTests(PostmarkEmulatorFixture fixture, ITestOutputHelper output)
    : EmailSuppressionListConformanceTests(output), IClassFixture<PostmarkEmulatorFixture>
{
    private ServiceProvider? _services;

    /// <summary>Postmark's API adds only manual suppressions (ManualSuppression, origin Customer); bounces, spam
    /// complaints and recipient unsubscribes are recorded by Postmark itself and fail per item when added.</summary>
    protected override IReadOnlyList<SuppressionKind> AddableKinds => [SuppressionKind.Manual];

    protected override Task<IEmailSuppressionList> CreateListAsync()
    {
        _services = fixture.CreateServices();
        return Task.FromResult(_services.GetRequiredKeyedService<IEmailSuppressionList>("Postmark"));
    }

    public override async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public async Task AddAsync_BounceKind_FailsWithReasonAndAddsNothing()
    {
        var result = await List.AddAsync([new EmailSuppression { Email = EmailAddress.Parse("bounce@example.com"), Kind = SuppressionKind.Bounce }]);

        Assert.Equal(BulkItemStatus.Failed, result.Items[0].Status);
        Assert.Contains("SuppressionKind.Manual", result.Items[0].Error!.Message, StringComparison.Ordinal);
        Assert.Empty(fixture.Emulator.Suppressions);
        Assert.Equal(0, fixture.Emulator.RequestLog.Count);
    }

    [Fact]
    public async Task FindAsync_SeededOnBothStreams_ReturnsEachWithItsKindAndStream()
    {
        fixture.Emulator.AddSuppression("outbound", "ada@example.com", "HardBounce", "Recipient");
        fixture.Emulator.AddSuppression("broadcast", "ada@example.com", "ManualSuppression", "Recipient");
        fixture.Emulator.AddSuppression("broadcast", "grace@example.com", "SpamComplaint", "Recipient");

        var found = await List.FindAsync(EmailAddress.Parse("ada@example.com"));

        Assert.Equal(2, found.Count);
        Assert.Contains(found, s => s.Kind == SuppressionKind.Bounce && s.GroupId == "outbound");
        Assert.Contains(found, s => s.Kind == SuppressionKind.Unsubscribe && s.GroupId == "broadcast");
    }

    [Fact]
    public async Task RemoveAsync_SpamComplaint_FailsWithPostmarksReason()
    {
        fixture.Emulator.AddSuppression("outbound", "spam@example.com", "SpamComplaint", "Recipient");

        var result = await List.RemoveAsync([new EmailSuppression { Email = EmailAddress.Parse("spam@example.com"), Kind = SuppressionKind.SpamReport }]);

        Assert.Equal(BulkItemStatus.Failed, result.Items[0].Status);
        Assert.Contains("required authority", result.Items[0].Error!.Message, StringComparison.Ordinal);
        Assert.Single(fixture.Emulator.Suppressions);
    }
}
