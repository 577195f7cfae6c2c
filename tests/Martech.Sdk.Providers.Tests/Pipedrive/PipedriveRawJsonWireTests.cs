using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;
using static Martech.Sdk.Providers.Tests.Pipedrive.PipedriveWire;

namespace Martech.Sdk.Providers.Tests.Pipedrive;

/// <summary><c>Raw</c> of Pipedrive leads and persons: the record re-serialized from the SDK's wire type, unknown and
/// custom members kept, null values of named members left out.</summary>
public sealed class PipedriveRawJsonWireTests : IDisposable
{
    private const string LeadId = "adf21080-0e10-11eb-879b-05d71fb426ec";
    private readonly MockHttpMessageHandler _mock = NewMock();
    private readonly ServiceProvider _services;

    public PipedriveRawJsonWireTests()
    {
        _services = Build(_mock);
    }

    public void Dispose()
    {
        _services.Dispose();
        _mock.Dispose();
    }

    [Fact]
    public async Task LeadGetAsync_OrganizationIdIsReadFromRaw()
    {
        _mock.WhenFields();
        string lead = Lead(LeadId).Replace("\"organization_id\": null", "\"organization_id\": 7", StringComparison.Ordinal);
        _mock.Expect(HttpMethod.Get, V1 + "leads/" + LeadId).RespondJson(Ok(lead));
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").WithExactQueryString("include_fields=marketing_status").RespondJson(Ok(Person()));

        Lead? read = await _services.GetRequiredKeyedService<ILeadClient>("Pipedrive").GetAsync(LeadId);

        _mock.VerifyNoOutstandingExpectation();
        Assert.NotNull(read);
        Assert.Equal(7, read.Raw.GetProperty("organization_id").GetInt64());
        Assert.Equal(1000, read.Raw.GetProperty("value").GetProperty("amount").GetInt32());
        Assert.Equal("acme+deal1@pipedrivemail.com", read.Raw.GetProperty("cc_email").GetString());
        Assert.Equal("50k-100k", read.Raw.GetProperty(BudgetKey).GetString());
        Assert.Equal(JsonValueKind.Null, read.Raw.GetProperty("expected_close_date").ValueKind);
    }

    [Fact]
    public async Task ContactGetAsync_RawKeepsCustomFieldsByHashAndLeavesOutNullNamedMembers()
    {
        _mock.WhenFields();
        _mock.Expect(HttpMethod.Get, V2 + "persons/42").WithExactQueryString("include_fields=marketing_status").RespondJson(Ok(Person()));

        Contact? contact = await _services.GetRequiredKeyedService<IContactClient>("Pipedrive").GetAsync("42");

        Assert.NotNull(contact);
        Assert.Equal(42, contact.Raw.GetProperty("id").GetInt64());
        Assert.Equal("ada.private@example.org", contact.Raw.GetProperty("emails")[1].GetProperty("value").GetString());
        Assert.Equal(17, contact.Raw.GetProperty("custom_fields").GetProperty(UnknownKey).GetInt32());
        Assert.Equal(JsonValueKind.Null, contact.Raw.GetProperty("picture_id").ValueKind);
        Assert.False(contact.Raw.TryGetProperty("org_id", out _));
    }
}
