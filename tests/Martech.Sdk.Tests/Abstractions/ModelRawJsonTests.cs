using System.Text.Json;
using Martech.Sdk.Tests.Core;
using Martech.Sdk.Tests.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk.Tests.Abstractions;

/// <summary><c>Raw</c> on the models: the vendor's JSON, carried by <c>with</c> copies, never logged, and left out by the
/// in-memory provider (which has no vendor).</summary>
public class ModelRawJsonTests
{
    private const string Marker = "vendor-only-7f3a";

    private static JsonElement Vendor() => JsonElement.Parse($$"""{"organization_id":7,"note":"{{Marker}}"}""");

    [Fact]
    public void NewModels_HaveNoRaw()
    {
        Assert.Equal(JsonValueKind.Undefined, new Contact().Raw.ValueKind);
        Assert.Equal(JsonValueKind.Undefined, new Lead().Raw.ValueKind);
        Assert.Equal(JsonValueKind.Undefined, new Campaign { Name = "Spring" }.Raw.ValueKind);
        Assert.Equal(JsonValueKind.Undefined, new EmailSuppression { Email = EmailAddress.Parse("a@example.com"), Kind = SuppressionKind.Bounce }.Raw.ValueKind);
    }

    [Fact]
    public void WithCopies_CarryRaw()
    {
        JsonElement raw = Vendor();

        Contact contact = new Contact { Raw = raw } with { FirstName = "Ada" };
        Lead lead = new Lead { Raw = raw } with { Title = "Webinar" };
        Campaign campaign = new Campaign { Name = "Spring", Raw = raw } with { Type = "Email" };
        EmailSuppression suppression = new EmailSuppression { Email = EmailAddress.Parse("a@example.com"), Kind = SuppressionKind.Bounce, Raw = raw } with { Reason = "gone" };

        Assert.All([contact.Raw, lead.Raw, campaign.Raw, suppression.Raw], r => Assert.Equal(7, r.GetProperty("organization_id").GetInt32()));
    }

    [Fact]
    public void WithCopy_CanReplaceOrDropRaw()
    {
        var lead = new Lead { Raw = Vendor() };

        Assert.Equal(JsonValueKind.Undefined, (lead with { Raw = default }).Raw.ValueKind);
        Assert.Equal(8, (lead with { Raw = JsonElement.Parse("""{"organization_id":8}""") }).Raw.GetProperty("organization_id").GetInt32());
        Assert.Equal(7, lead.Raw.GetProperty("organization_id").GetInt32());
    }

    [Fact]
    public async Task LoggingAtTrace_WritesTheContactButNotItsRaw()
    {
        var logs = new RecordingLoggerProvider(LogLevel.Trace);
        var contacts = new FakeContactClient();
        Contact stored = contacts.Add("ada@example.com");
        contacts.ByEmail[stored.Email!.Value] = stored with { Raw = Vendor() };
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddMartech().AddProvider("Fake", "Fake").AddCapability<IContactClient>(_ => contacts).UseLogging();

        using (ServiceProvider sp = services.BuildServiceProvider())
        {
            Contact? read = await sp.GetRequiredService<IContactClient>().FindByEmailAsync(EmailAddress.Parse("ada@example.com"));
            Assert.Equal(7, read!.Raw.GetProperty("organization_id").GetInt32());
        }

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Trace && e.Message.Contains("ada@example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Marker, StringComparison.Ordinal) || e.Message.Contains("organization_id", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InMemory_StoresWithoutRaw()
    {
        var memory = new InMemoryHarness();

        UpsertResult<Contact> upserted = await memory.Contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com"), Raw = Vendor() });
        Lead lead = await memory.Leads.CreateAsync(new Lead { ContactId = upserted.Value.Id, Title = "Webinar", Raw = Vendor() });

        Assert.Equal(JsonValueKind.Undefined, upserted.Value.Raw.ValueKind);
        Assert.Equal(JsonValueKind.Undefined, (await memory.Contacts.GetAsync(upserted.Value.Id!))!.Raw.ValueKind);
        Assert.Equal(JsonValueKind.Undefined, lead.Raw.ValueKind);
    }
}
