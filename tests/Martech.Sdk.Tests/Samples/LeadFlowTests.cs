using LeadFlow;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Samples;

/// <summary>Runs the LeadFlow sample's whole flow on the shipped CSV, wired exactly as its Program.cs wires it.</summary>
public class LeadFlowTests
{
    private static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json")
            .Build();
        var services = new ServiceCollection();
        services.AddLeadFlowProviders(configuration.GetSection("Martech"));
        services.AddOptions<LeadFlowOptions>().Bind(configuration.GetSection("LeadFlow"));
        services.AddSingleton<LeadFlowRunner>();
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task RunAsync_ShippedCsv_AccountsForEveryRow()
    {
        using var sp = Build();
        var summary = await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);

        Assert.Equal(19, summary.RowsRead);
        Assert.Equal(3, summary.SeededContacts);
        Assert.Equal(2, summary.DuplicatesMerged);
        Assert.Equal(4, summary.Rejected.Count);
        Assert.Equal(10, summary.ContactsCreated);
        Assert.Equal(3, summary.ContactsUpdated);
        Assert.Empty(summary.ContactsFailed);

        // Every row is either imported (possibly merged) or rejected with a reason.
        Assert.Equal(summary.RowsRead, summary.ContactsCreated + summary.ContactsUpdated + summary.DuplicatesMerged + summary.Rejected.Count);
        Assert.All(summary.Rejected, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
        Assert.Contains(summary.Rejected, r => r.Reason.Contains("control character", StringComparison.Ordinal));
        Assert.Contains(summary.Rejected, r => r.Reason.Contains("'email' is required", StringComparison.Ordinal));
        Assert.Contains(summary.Rejected, r => r.Reason.Contains("no '@'", StringComparison.Ordinal));
        Assert.Contains(summary.Rejected, r => r.Reason.Contains("empty label", StringComparison.Ordinal));
        Assert.Contains(summary.Warnings, w => w.Value == "555-0100" && w.Reason.Contains("country code", StringComparison.Ordinal));

        Assert.Equal(13, summary.LeadsCreated);
        Assert.Equal(13, summary.NotificationsSent);
        Assert.Equal(9, summary.EmailsSent);
        Assert.Equal(
            ["alan.turing@bletchley.example", "edsger.dijkstra@eindhoven.example", "dennis.ritchie@bell-labs.example", "john.mccarthy@stanford.example"],
            summary.EmailsWithheld.Select(w => w.Value));
        Assert.Equal(4, summary.SmsSent);
        Assert.Equal(4, summary.SmsWithheld.Count);
        Assert.Empty(summary.EmailsFailed);
    }

    [Fact]
    public async Task RunAsync_ShippedCsv_StoreHoldsExactlyWhatWasSent()
    {
        using var sp = Build();
        await sp.GetRequiredService<LeadFlowRunner>().RunAsync(AppContext.BaseDirectory, new NoStepProgress(), CancellationToken.None);
        var store = sp.GetRequiredKeyedService<InMemoryMartechStore>("InMemory");

        Assert.Equal(13, store.Contacts.Count);
        Assert.Equal(13, store.Leads.Count);
        Assert.Equal(9, store.SentEmails.Count);
        Assert.All(store.SentEmails, e => Assert.Equal(SendPurpose.Marketing, e.Message.Purpose));
        Assert.Equal(13, store.SentMessages.Count(m => m.Message.Destination.Kind == MessageDestinationKind.Channel));
        Assert.Equal(4, store.SentMessages.Count(m => m.Message.Destination.Kind == MessageDestinationKind.PhoneNumber));

        // The merged duplicate kept the later row's values, and consent withdrawn in the CSV overrode the CRM's.
        var ada = store.Contacts.Single(c => c.Email == EmailAddress.Parse("ada.lovelace@analytical.example"));
        Assert.Equal("Analytical Engines Ltd", ada.Company);
        var alan = store.Contacts.Single(c => c.Email == EmailAddress.Parse("alan.turing@bletchley.example"));
        Assert.Equal(ConsentStatus.Denied, alan.EmailConsent!.Status);
        var frances = store.Contacts.Single(c => c.Email == EmailAddress.Parse("frances.allen@ibm.example"));
        Assert.Equal("Frances", frances.FirstName);
        Assert.Equal("IBM", frances.Company);
    }
}
