using System.Net;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Providers.Tests.Salesforce.SalesforceWire;

namespace Martech.Sdk.Providers.Tests.Salesforce;

public sealed class SalesforceCampaignWireTests
{
    private const string CampaignId = "7015E0000000001AAA";
    private const string Ann = "0035E0000000001AAA";
    private const string Bob = "0035E0000000002AAA";
    private const string Cid = "0035E0000000003AAA";
    private const string Exists = $"SELECT Id FROM Campaign WHERE Id = '{CampaignId}' LIMIT 1";
    private const string MemberFields = "Id, CampaignId, ContactId, Status, CreatedDate";

    [Fact]
    public async Task GetAsync_MapsStatusDatesAndKeepsRollUps()
    {
        await using var wire = Create();
        wire.ExpectDescribe("Campaign", ("Id", false, false, false), ("Name", false, true, true), ("Region__c", true, true, true));
        wire.ExpectQuery($"SELECT FIELDS(STANDARD), Region__c FROM Campaign WHERE Id = '{CampaignId}' LIMIT 1").Respond("application/json", QueryResult(
            $$"""{"attributes":{"type":"Campaign"},"Id":"{{CampaignId}}","Name":"Spring launch","Status":"In Progress","Type":"Email","StartDate":"2025-03-01","EndDate":null,"NumberSent":1200.0,"NumberOfResponses":42,"Region__c":"EMEA","CreatedDate":"2025-02-01T09:00:00.000+0000"}"""));

        Campaign? campaign = await wire.Campaigns.GetAsync(CampaignId);

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal(("Spring launch", CampaignStatus.Active, "Email"), (campaign!.Name, campaign.Status, campaign.Type));
        Assert.Equal(new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), campaign.StartsAt);
        Assert.Null(campaign.EndsAt);
        Assert.True(campaign.CustomFields.TryGetInt64("NumberOfResponses", out long responses) && responses == 42);
        Assert.Equal("EMEA", campaign.CustomFields.GetString("Region__c"));
    }

    [Fact]
    public async Task AddMembersAsync_LooksUpMembersThenCreatesTheMissingOnes()
    {
        await using var wire = Create();
        wire.ExpectQuery(Exists).Respond("application/json", QueryResult($$"""{"Id":"{{CampaignId}}"}"""));
        wire.ExpectQuery($"SELECT {MemberFields} FROM CampaignMember WHERE CampaignId = '{CampaignId}' AND ContactId IN ('{Ann}','{Bob}','{Cid}')")
            .Respond("application/json", QueryResult($$"""{"Id":"00v5E0000000001AAA","CampaignId":"{{CampaignId}}","ContactId":"{{Ann}}","Status":"Responded","CreatedDate":"2025-03-01T12:30:00.000+0000"}"""));
        wire.Mock.Expect(HttpMethod.Post, $"{Data}/composite/sobjects")
            .WithJsonBody($$"""
                {"allOrNone":false,"records":[
                  {"attributes":{"type":"CampaignMember"},"CampaignId":"{{CampaignId}}","ContactId":"{{Bob}}"},
                  {"attributes":{"type":"CampaignMember"},"CampaignId":"{{CampaignId}}","ContactId":"{{Cid}}"}]}
                """)
            .Respond("application/json", """
                [{"success":false,"errors":[{"statusCode":"DUPLICATE_VALUE","message":"Already a campaign member.","fields":[]}]},
                 {"success":false,"errors":[{"statusCode":"INVALID_CROSS_REFERENCE_KEY","message":"Contact ID: invalid cross reference id","fields":["ContactId"]}]}]
                """);

        BulkResult<CampaignMember> result = await wire.Campaigns.AddMembersAsync(CampaignId, [Ann, Bob, Cid, "not-an-id"]);

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal([BulkItemStatus.Succeeded, BulkItemStatus.Succeeded, BulkItemStatus.Failed, BulkItemStatus.Failed], result.Items.Select(static i => i.Status));
        Assert.Equal("Responded", result.Items[0].Value?.Status);
        Assert.Equal(("INVALID_CROSS_REFERENCE_KEY", "ContactId"), (result.Items[2].Error?.Code, result.Items[2].Error?.Field));
        Assert.Equal("MALFORMED_ID", result.Items[3].Error?.Code);
    }

    [Fact]
    public async Task RemoveMembersAsync_DeletesTheMemberRecordsByCollection()
    {
        await using var wire = Create();
        wire.ExpectQuery(Exists).Respond("application/json", QueryResult($$"""{"Id":"{{CampaignId}}"}"""));
        wire.ExpectQuery($"SELECT {MemberFields} FROM CampaignMember WHERE CampaignId = '{CampaignId}' AND ContactId IN ('{Ann}','{Bob}')")
            .Respond("application/json", QueryResult($$"""{"Id":"00v5E0000000001AAA","CampaignId":"{{CampaignId}}","ContactId":"{{Ann}}","Status":"Sent"}"""));
        wire.Mock.Expect(HttpMethod.Delete, $"{Data}/composite/sobjects")
            .With(request => request.RequestUri!.Query == "?ids=00v5E0000000001AAA&allOrNone=false")
            .Respond("application/json", """[{"id":"00v5E0000000001AAA","success":true,"errors":[]}]""");

        BulkResult<CampaignMember> result = await wire.Campaigns.RemoveMembersAsync(CampaignId, [Ann, Bob]);

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.True(result.IsFullSuccess);
    }

    [Fact]
    public async Task AddMembersAsync_UnknownCampaign_NotFoundBeforeAnyWrite()
    {
        await using var wire = Create();
        wire.ExpectQuery(Exists).Respond("application/json", QueryResult());

        await Assert.ThrowsAsync<MartechNotFoundException>(() => wire.Campaigns.AddMembersAsync(CampaignId, [Ann]));

        wire.Mock.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task GetStatsAsync_Period_CountsMembersAddedAndResponsesInIt()
    {
        await using var wire = Create();
        wire.ExpectQuery(Exists).Respond("application/json", QueryResult($$"""{"Id":"{{CampaignId}}"}"""));
        wire.ExpectQuery($"SELECT HasResponded, COUNT(Id) members FROM CampaignMember WHERE CampaignId = '{CampaignId}' AND CreatedDate >= 2025-03-01T00:00:00Z AND CreatedDate < 2025-03-08T12:00:01Z GROUP BY HasResponded")
            .Respond("application/json", QueryResult(
                """{"attributes":{"type":"AggregateResult"},"HasResponded":false,"members":30}""",
                """{"attributes":{"type":"AggregateResult"},"HasResponded":true,"members":10}"""));
        wire.ExpectQuery($"SELECT COUNT(Id) responses FROM CampaignMember WHERE CampaignId = '{CampaignId}' AND HasResponded = true AND FirstRespondedDate >= 2025-03-01 AND FirstRespondedDate < 2025-03-09")
            .Respond("application/json", QueryResult("""{"attributes":{"type":"AggregateResult"},"responses":12}"""));
        var period = new CampaignStatsOptions { From = new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), To = new DateTimeOffset(2025, 3, 8, 12, 0, 0, 250, TimeSpan.Zero) };

        CampaignStats stats = await wire.Campaigns.GetStatsAsync(CampaignId, period);

        wire.Mock.VerifyNoOutstandingExpectation();
        Assert.Equal((40, 12, 12, 0, 0), (stats.UniqueRecipients, stats.UniqueClicks, stats.TotalClicks, stats.UniqueOpens, stats.Bounces));
        Assert.Equal(30d, stats.ClickThroughRate.Percent);
    }

    [Fact]
    public async Task ListMembersAsync_OnlyContactMembersInIdOrder()
    {
        await using var wire = Create();
        wire.ExpectQuery($"SELECT {MemberFields} FROM CampaignMember WHERE CampaignId = '{CampaignId}' AND ContactId != null ORDER BY Id")
            .Respond("application/json", QueryResult($$"""{"Id":"00v5E0000000001AAA","CampaignId":"{{CampaignId}}","ContactId":"{{Ann}}","Status":"Sent","CreatedDate":"2025-03-01T12:30:00.000+0000"}"""));

        var members = new List<CampaignMember>();
        await foreach (CampaignMember member in wire.Campaigns.ListMembersAsync(CampaignId))
        {
            members.Add(member);
        }

        Assert.Equal(new CampaignMember(CampaignId, Ann, "Sent", new DateTimeOffset(2025, 3, 1, 12, 30, 0, TimeSpan.Zero)), Assert.Single(members));
    }
}
