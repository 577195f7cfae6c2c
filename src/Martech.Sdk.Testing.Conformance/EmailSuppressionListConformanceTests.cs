using System.Diagnostics.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;
using static Martech.Sdk.Testing.Conformance.ConformanceHelpers;

namespace Martech.Sdk.Testing.Conformance;

/// <summary>
/// The conformance suite for <see cref="IEmailSuppressionList"/>: the behaviour its contract promises, which every
/// email provider with suppression lists must show.
/// </summary>
/// <remarks>
/// Derive a public class in a test project and override <see cref="CreateListAsync"/> to return a fresh list of the
/// provider under test over empty vendor data. Declare which kinds the vendor can add with
/// <see cref="AddableKinds"/> (vendors add to some lists and only read others); the suite checks that the others
/// fail per item with a reason rather than throw or pretend.
/// </remarks>
[SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Test names read Member_Scenario_Expectation.")]
[SuppressMessage("Reliability", "CA2007:Consider calling ConfigureAwait on the awaited task", Justification = "Test methods run under xunit, which forbids ConfigureAwait(false) in tests (xUnit1030).")]
public abstract class EmailSuppressionListConformanceTests : ConformanceSuite
{
    private IEmailSuppressionList? _list;

    /// <summary>Creates the suite.</summary>
    /// <param name="output">Where tests that do not apply to the provider record why; optional.</param>
    protected EmailSuppressionListConformanceTests(ITestOutputHelper? output = null)
        : base(output)
    {
    }

    /// <summary>The list under test, created for this test by <see cref="CreateListAsync"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="InitializeAsync"/> has not run.</exception>
    protected IEmailSuppressionList List => _list ?? throw new InvalidOperationException("The list is created in InitializeAsync, which has not run.");

    /// <summary>The kinds the vendor lets clients add. The default value is bounce, spam report and unsubscribe.</summary>
    protected virtual IReadOnlyList<SuppressionKind> AddableKinds => [SuppressionKind.Bounce, SuppressionKind.SpamReport, SuppressionKind.Unsubscribe];

    /// <summary>A kind the vendor has no list for at all, to check it is refused per item; <see langword="null"/> when
    /// the vendor accepts every kind. The default value is <see cref="SuppressionKind.InvalidEmail"/>.</summary>
    protected virtual SuppressionKind? UnsupportedKind => SuppressionKind.InvalidEmail;

    /// <summary>Creates a fresh list of the provider under test over empty vendor data; called before each test.</summary>
    /// <returns>The list.</returns>
    protected abstract Task<IEmailSuppressionList> CreateListAsync();

    /// <summary>Creates the list for this test.</summary>
    /// <returns>A task.</returns>
    public override async Task InitializeAsync() => _list = await CreateListAsync();

    private static EmailAddress Address(string value) => EmailAddress.Parse(value);

    private EmailSuppression Entry(string email, int kindIndex = 0) => new() { Email = Address(email), Kind = AddableKinds[kindIndex % AddableKinds.Count] };

    /// <summary>An address never suppressed has no suppressions.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task FindAsync_UnknownAddress_ReturnsEmpty()
    {
        Assert.Empty(await List.FindAsync(Address("nobody@example.com")));
    }

    /// <summary>An added suppression is found by address (ignoring case), with its kind.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddAsync_ThenFind_ReturnsTheSuppressionIgnoringCase()
    {
        var result = await List.AddAsync([Entry("Bounced@Example.com")]);

        AssertOneOutcomePerInput(result, 1);
        Assert.True(result.Items[0].IsSuccess, result.Items[0].Error?.Message);
        var found = await List.FindAsync(Address("bounced@example.com"));
        var suppression = Assert.Single(found, s => s.Kind == AddableKinds[0]);
        Assert.Equal(Address("bounced@example.com"), suppression.Email);
    }

    /// <summary>Every addable kind can be added and is reported with that kind.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddAsync_EveryAddableKind_FoundWithThatKind()
    {
        var entries = AddableKinds.Select((kind, i) => new EmailSuppression { Email = Address($"kind{i}@example.com"), Kind = kind }).ToList();

        var result = await List.AddAsync(entries);

        Assert.True(result.IsFullSuccess, string.Join("; ", result.Unsuccessful.Select(u => u.Error?.Message)));
        for (int i = 0; i < entries.Count; i++)
        {
            Assert.Contains(await List.FindAsync(entries[i].Email), s => s.Kind == entries[i].Kind);
        }
    }

    /// <summary>Adding an address already suppressed succeeds and leaves one entry.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddAsync_Twice_SucceedsWithoutDuplicate()
    {
        await List.AddAsync([Entry("twice@example.com")]);
        var second = await List.AddAsync([Entry("twice@example.com")]);

        Assert.True(second.Items[0].IsSuccess, second.Items[0].Error?.Message);
        Assert.Single(await List.FindAsync(Address("twice@example.com")), s => s.Kind == AddableKinds[0]);
    }

    /// <summary>A kind the vendor has no list for fails alone, with a reason; the other items succeed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddAsync_UnsupportedKind_FailsThatItemOnly()
    {
        if (UnsupportedKind is not { } unsupported)
        {
            NotApplicable("the provider accepts every suppression kind.");
            return;
        }

        var result = await List.AddAsync([Entry("ok@example.com"), new EmailSuppression { Email = Address("odd@example.com"), Kind = unsupported }]);

        AssertOneOutcomePerInput(result, 2);
        Assert.True(result.Items[0].IsSuccess, result.Items[0].Error?.Message);
        AssertFailedWithReason(result.Items[1]);
    }

    /// <summary>A null entry fails alone with a reason.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddAsync_NullEntry_FailsThatItemOnly()
    {
        var result = await List.AddAsync([Entry("fine@example.com"), null!]);

        AssertOneOutcomePerInput(result, 2);
        Assert.True(result.Items[0].IsSuccess, result.Items[0].Error?.Message);
        AssertFailedWithReason(result.Items[1]);
    }

    /// <summary>Removing a suppression makes the address sendable again; removing one that is not there succeeds.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RemoveAsync_RemovesAndIsIdempotent()
    {
        var entry = Entry("comeback@example.com");
        await List.AddAsync([entry]);

        var removed = await List.RemoveAsync([entry, Entry("never@example.com")]);

        AssertOneOutcomePerInput(removed, 2);
        Assert.True(removed.IsFullSuccess, string.Join("; ", removed.Unsuccessful.Select(u => u.Error?.Message)));
        Assert.DoesNotContain(await List.FindAsync(entry.Email), s => s.Kind == entry.Kind);
    }

    /// <summary>Listing a kind yields every suppression of that kind exactly once, across pages.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListAsync_ByKind_YieldsEveryEntryOnceAcrossPages()
    {
        var kind = AddableKinds[0];
        var entries = Enumerable.Range(0, 7).Select(i => new EmailSuppression { Email = Address($"page{i}@example.com"), Kind = kind }).ToList();
        Assert.True((await List.AddAsync(entries)).IsFullSuccess);

        var pages = await ReadPagesAsync(List.ListAsync(new SuppressionListOptions { Kind = kind, PageSize = 3 }).AsPages());
        var listed = pages.SelectMany(p => p.Items).Where(s => s.Kind == kind).Select(s => s.Email).ToList();

        Assert.Equal(entries.Select(e => e.Email).Order(), listed.Order());
        Assert.True(pages.Count >= 2, "seven entries with a page size of three should take several pages");
    }

    /// <summary>A null list is an <see cref="ArgumentNullException"/>.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddAsync_NullList_ThrowsArgumentNullException()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => List.AddAsync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => List.RemoveAsync(null!));
    }

    /// <summary>The list names the provider instance behind it.</summary>
    [Fact]
    public void GetService_ProviderMetadata_NamesTheInstance()
    {
        var metadata = Assert.IsType<MartechProviderMetadata>(List.GetService(typeof(MartechProviderMetadata)));
        Assert.False(string.IsNullOrWhiteSpace(metadata.Name));
        Assert.IsAssignableFrom<IEmailSuppressionList>(List.GetService(typeof(IEmailSuppressionList)));
    }
}
