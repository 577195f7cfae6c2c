using System.Net;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Providers.Tests.Salesforce.SalesforceWire;

namespace Martech.Sdk.Providers.Tests.Salesforce;

public sealed class SalesforcePagingWireTests
{
    private const string Select = "SELECT FIELDS(STANDARD), Favourite_Colour__c, Account.Name FROM Contact";
    private const string Locator = "01gEMU0000000001AA";

    [Fact]
    public async Task ListAsync_ThreeBatches_FollowsNextRecordsUrlAndYieldsItAsTheToken()
    {
        await using var wire = Create();
        wire.ExpectContactDescribe();
        wire.ExpectQuery($"{Select} ORDER BY Id")
            .WithHeaders("Sforce-Query-Options", "batchSize=200")
            .Respond("application/json", Batch(false, $"/services/data/v62.0/query/{Locator}-200", "0035E0000000001AAA", "0035E0000000002AAA"));
        wire.Mock.Expect(HttpMethod.Get, $"{Data}/query/{Locator}-200")
            .WithHeaders("Authorization", "Bearer " + AccessToken)
            .Respond("application/json", Batch(false, $"/services/data/v62.0/query/{Locator}-400", "0035E0000000003AAA", "0035E0000000004AAA"));
        wire.Mock.Expect(HttpMethod.Get, $"{Data}/query/{Locator}-400")
            .Respond("application/json", Batch(true, null, "0035E0000000005AAA"));

        var pages = new List<Page<Contact>>();
        await foreach (Page<Contact> page in wire.Contacts.ListAsync(new ContactListOptions { PageSize = 200 }).AsPages())
        {
            pages.Add(page);
        }

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal([2, 2, 1], pages.Select(static p => p.Items.Count));
        Assert.Equal([$"/services/data/v62.0/query/{Locator}-200", $"/services/data/v62.0/query/{Locator}-400", null], pages.Select(static p => p.ContinuationToken));
        Assert.Equal("0035E0000000005AAA", pages[2].Items[0].Id);
    }

    [Fact]
    public async Task ListAsync_ResumeWithNextRecordsUrl_StartsThere()
    {
        await using var wire = Create();
        wire.Mock.Expect(HttpMethod.Get, $"{Data}/query/{Locator}-400").Respond("application/json", Batch(true, null, "0035E0000000005AAA"));

        var contacts = await wire.Contacts.ListAllAsync(new ContactListOptions { ContinuationToken = $"/services/data/v62.0/query/{Locator}-400" });

        Assert.Equal("0035E0000000005AAA", Assert.Single(contacts).Id);
        wire.Mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task ListAsync_PagesBelow200_UseLimitAndAnIdCursor()
    {
        await using var wire = Create();
        wire.ExpectContactDescribe();
        wire.ExpectQuery($"{Select} WHERE LastModifiedDate >= 2025-03-01T12:30:00Z ORDER BY Id LIMIT 3")
            .Respond("application/json", Batch(true, null, "0035E0000000001AAA", "0035E0000000002AAA", "0035E0000000003AAA"));
        wire.ExpectQuery($"{Select} WHERE LastModifiedDate >= 2025-03-01T12:30:00Z AND Id > '0035E0000000002AAA' ORDER BY Id LIMIT 3")
            .Respond("application/json", Batch(true, null, "0035E0000000003AAA"));
        var options = new ContactListOptions { PageSize = 2, UpdatedSince = new DateTimeOffset(2025, 3, 1, 13, 30, 0, 500, TimeSpan.FromHours(1)) };

        var pages = new List<Page<Contact>>();
        await foreach (Page<Contact> page in wire.Contacts.ListAsync(options).AsPages())
        {
            pages.Add(page);
        }

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal([2, 1], pages.Select(static p => p.Items.Count));
        Assert.Equal(["Contact>0035E0000000002AAA", null], pages.Select(static p => p.ContinuationToken));
    }

    [Fact]
    public async Task ListAsync_NextRecordsUrlResumedWithSmallerPages_CutsTheBatchAndContinuesByIdCursor()
    {
        await using var wire = Create();
        wire.Mock.Expect(HttpMethod.Get, $"{Data}/query/{Locator}-200")
            .Respond("application/json", Batch(false, $"/services/data/v62.0/query/{Locator}-400", "0035E0000000001AAA", "0035E0000000002AAA", "0035E0000000003AAA"));

        await using var pages = wire.Contacts.ListAsync().AsPages($"/services/data/v62.0/query/{Locator}-200", pageSizeHint: 2).GetAsyncEnumerator();
        Assert.True(await pages.MoveNextAsync());

        Assert.Equal(2, pages.Current.Items.Count);
        Assert.Equal("Contact>0035E0000000002AAA", pages.Current.ContinuationToken);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("Lead>00Q5E0000000001AAA")]
    [InlineData("https://evil.example.com/services/data/v62.0/query/01g-200")]
    [InlineData("/services/data/v62.0/query/../../../x-1")]
    public async Task ListAsync_ForeignOrCorruptToken_ThrowsArgumentExceptionBeforeAnyCall(string token)
    {
        await using var wire = Create(expectToken: false);

        Assert.Throws<ArgumentException>(() => wire.Contacts.ListAsync(new ContactListOptions { ContinuationToken = token }));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (Page<Contact> _ in wire.Contacts.ListAsync().AsPages(token))
            {
            }
        });
        wire.Mock.VerifyNoOutstandingRequest();
    }

    [Fact]
    public async Task ListAsync_LifecycleStageWithoutAField_ThrowsNotSupported()
    {
        await using var wire = Create(expectToken: false);

        var ex = Assert.Throws<NotSupportedException>(() => wire.Contacts.ListAsync(new ContactListOptions { LifecycleStage = LifecycleStage.Customer }));

        Assert.Contains("ContactLifecycleStageField", ex.Message, StringComparison.Ordinal);
    }

    private static string Batch(bool done, string? next, params string[] ids) =>
        $$"""{"totalSize":{{ids.Length}},"done":{{(done ? "true" : "false")}}{{(next is null ? string.Empty : $",\"nextRecordsUrl\":\"{next}\"")}},"records":[{{string.Join(',', ids.Select(id => ContactRecord(id, $"p{id[^5..]}@example.com")))}}]}""";
}
