using Martech.Sdk.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.IntegrationTests.SendGrid;

/// <summary>The SendGrid suppression list against the emulator: every list SendGrid keeps, group unsubscribes, paging
/// across lists with resumable tokens, and the kinds SendGrid cannot add.</summary>
public sealed class SendGridSuppressionListTests(SendGridEmulatorFixture fixture) : IClassFixture<SendGridEmulatorFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private SendGridEmulator Emulator => fixture.Emulator;

    private IEmailSuppressionList List => _services.GetRequiredService<IEmailSuppressionList>();

    public Task InitializeAsync()
    {
        _services = fixture.BuildServices();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static EmailAddress Address(string value) => EmailAddress.Parse(value);

    [Fact]
    public async Task FindAsync_AddressOnEveryList_ReportsEachKindWithDetails()
    {
        const string Email = "everywhere@example.com";
        Emulator.AddBounce(Email, "550 5.1.1 no such user");
        Emulator.AddBlock(Email);
        Emulator.AddSpamReport(Email);
        Emulator.AddInvalidEmail(Email);
        Emulator.AddGlobalUnsubscribe(Email);
        Emulator.AddUnsubscribeGroup(7, "Weekly News");
        Emulator.AddUnsubscribeGroup(8, "Daily News");
        Emulator.AddGroupUnsubscribe(7, Email);

        IReadOnlyList<EmailSuppression> found = await List.FindAsync(Address("Everywhere@Example.com"));

        Assert.Equal(
            [SuppressionKind.Bounce, SuppressionKind.Block, SuppressionKind.SpamReport, SuppressionKind.InvalidEmail, SuppressionKind.Unsubscribe, SuppressionKind.GroupUnsubscribe],
            found.Select(s => s.Kind));
        Assert.Equal("550 5.1.1 no such user", found[0].Reason);
        Assert.NotNull(found[0].CreatedAt);
        Assert.Equal("7", found[5].GroupId);
        Assert.All(found, s => Assert.Equal(Address(Email), s.Email));
    }

    [Fact]
    public async Task GroupUnsubscribes_AddFindListRemove_RoundTrip()
    {
        Emulator.AddUnsubscribeGroup(42, "Promotions");
        EmailSuppression left = new() { Email = Address("leaver@example.com"), Kind = SuppressionKind.GroupUnsubscribe, GroupId = "42" };

        BulkResult<EmailSuppression> added = await List.AddAsync([left, left with { GroupId = null }, left with { GroupId = "999" }]);

        Assert.Equal(BulkItemStatus.Succeeded, added.Items[0].Status);
        Assert.Equal("MISSING_VALUE", added.Items[1].Error!.Code);
        Assert.Equal("HTTP_404", added.Items[2].Error!.Code); // SendGrid has no group 999
        Assert.Contains(await List.FindAsync(left.Email), s => s.Kind == SuppressionKind.GroupUnsubscribe && s.GroupId == "42");
        EmailSuppression listed = Assert.Single(await List.ListAsync(new SuppressionListOptions { GroupId = "42" }).ToListAsync());
        Assert.Equal(left.Email, listed.Email);

        BulkResult<EmailSuppression> removed = await List.RemoveAsync([left]);

        Assert.True(removed.IsFullSuccess);
        Assert.Empty(Emulator.Suppressions);
    }

    [Fact]
    public async Task ListAsync_AllKinds_ReadsEveryListOnceAcrossPagesAndResumes()
    {
        Emulator.AddUnsubscribeGroup(1, "News");
        for (int i = 0; i < 3; i++)
        {
            Emulator.AddBounce($"bounce{i}@example.com");
            Emulator.AddSpamReport($"spam{i}@example.com");
            Emulator.AddGlobalUnsubscribe($"unsub{i}@example.com");
            Emulator.AddGroupUnsubscribe(1, $"group{i}@example.com");
        }

        // Blocks and invalid emails are empty: they are skipped, not returned as empty pages.
        var pages = new List<Page<EmailSuppression>>();
        await foreach (Page<EmailSuppression> page in List.ListAsync().AsPages(pageSizeHint: 2))
        {
            pages.Add(page);
        }

        var all = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(12, all.Count);
        Assert.Equal(12, all.Select(s => (s.Email, s.Kind)).Distinct().Count());
        Assert.All(pages, p => Assert.InRange(p.Items.Count, 1, 2));
        Assert.All(pages.SkipLast(1), p => Assert.NotNull(p.ContinuationToken));
        Assert.Null(pages[^1].ContinuationToken);
        Assert.Equal(3, all.Count(s => s.Kind == SuppressionKind.GroupUnsubscribe && s.GroupId == "1"));

        // Resuming from a token continues where that page left off.
        string token = pages[2].ContinuationToken!;
        var rest = await List.ListAsync(new SuppressionListOptions { ContinuationToken = token, PageSize = 2 }).ToListAsync();
        Assert.Equal(pages.Skip(3).SelectMany(p => p.Items).Select(s => s.Email), rest.Select(s => s.Email));
        Assert.Throws<ArgumentException>(() => List.ListAsync(new SuppressionListOptions { ContinuationToken = "nonsense" }));
    }

    [Fact]
    public async Task RemoveAsync_EveryList_RemovesInBatchesAndPerAddress()
    {
        Emulator.AddBounce("b@example.com");
        Emulator.AddBlock("k@example.com");
        Emulator.AddSpamReport("s@example.com");
        Emulator.AddInvalidEmail("i@example.com");
        Emulator.AddGlobalUnsubscribe("u@example.com");

        BulkResult<EmailSuppression> removed = await List.RemoveAsync(
        [
            new EmailSuppression { Email = Address("b@example.com"), Kind = SuppressionKind.Bounce },
            new EmailSuppression { Email = Address("k@example.com"), Kind = SuppressionKind.Block },
            new EmailSuppression { Email = Address("s@example.com"), Kind = SuppressionKind.SpamReport },
            new EmailSuppression { Email = Address("i@example.com"), Kind = SuppressionKind.InvalidEmail },
            new EmailSuppression { Email = Address("u@example.com"), Kind = SuppressionKind.Unsubscribe },
            new EmailSuppression { Email = Address("m@example.com"), Kind = SuppressionKind.Manual },
        ]);

        Assert.Equal(5, removed.SucceededCount);
        Assert.Equal("UNSUPPORTED", removed.Items[5].Error!.Code);
        Assert.Empty(Emulator.Suppressions);
    }

    [Fact]
    public async Task AddAsync_KindsSendGridFillsItself_FailPerItemWithReason()
    {
        BulkResult<EmailSuppression> result = await List.AddAsync(
        [
            new EmailSuppression { Email = Address("b@example.com"), Kind = SuppressionKind.Bounce },
            new EmailSuppression { Email = Address("u@example.com"), Kind = SuppressionKind.Unsubscribe },
        ]);

        Assert.Equal("UNSUPPORTED", result.Items[0].Error!.Code);
        Assert.Contains("no API to add", result.Items[0].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(BulkItemStatus.Succeeded, result.Items[1].Status);
        Assert.Equal("u@example.com", Assert.Single(Emulator.Suppressions).Email);
    }
}
