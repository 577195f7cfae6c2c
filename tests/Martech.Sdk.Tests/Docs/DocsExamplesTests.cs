using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Docs;

/// <summary>The README's quick start and getting-started.md's examples, compiled and run as written.</summary>
public class DocsExamplesTests
{
    [Fact]
    public async Task ReadmeQuickStart_RunsAsWritten()
    {
        var output = new List<string>();

        // --- README.md "Quick start" (Console.WriteLine replaced by output.Add) ---
        var services = new ServiceCollection();
        services.AddMartech()                 // or AddMartech(configuration.GetSection("Martech"))
            .AddInMemory()                    // a provider instance named "InMemory"
            .UseLogging()                     // Debug timings; personal data only at Trace
            .UseConsent();                    // marketing sends need consent
        using var provider = services.BuildServiceProvider();

        var contacts = provider.GetRequiredService<IContactClient>();
        var ada = await contacts.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@example.com"), FirstName = "Ada", EmailConsent = Consent.Granted("signup-form") });

        var email = provider.GetRequiredService<IEmailSender>();
        var welcome = new EmailMessage { From = EmailAddress.Parse("hello@brand.example"), Subject = "Welcome!", TextBody = "Hi Ada" };
        welcome.To.Add(EmailAddress.Parse("ada@example.com"));
        var result = await email.SendAsync(welcome);            // Accepted; Withheld (with the reason) without consent

        await foreach (var contact in contacts.ListAsync())      // streamed, page by page
            output.Add(contact.Email.ToString()!);
        // --- end ---

        Assert.True(ada.Created);
        Assert.Equal(SendStatus.Accepted, result.Status);
        Assert.Equal(["ada@example.com"], output);

        var stranger = new EmailMessage { From = EmailAddress.Parse("hello@brand.example"), Subject = "Welcome!", TextBody = "Hi" };
        stranger.To.Add(EmailAddress.Parse("stranger@example.com"));
        Assert.Equal(SendStatus.Withheld, (await email.SendAsync(stranger)).Status);
    }

    [Fact]
    public async Task GettingStartedSteps_RunAsWritten()
    {
        var output = new List<string>();
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory().UseLogging().UseConsent();
        using var host = services.BuildServiceProvider();

        // --- docs/getting-started.md step 4 (Console.WriteLine replaced by output.Add) ---
        var contacts = host.GetRequiredService<IContactClient>();

        var email = EmailAddress.Parse(" Grace@Navy.EXAMPLE ");              // Grace@navy.example: trimmed, domain lower-cased
        var upserted = await contacts.UpsertAsync(new Contact { Email = email, FirstName = "Grace", EmailConsent = Consent.Granted("form") });
        output.Add(upserted.Created ? "created" : "updated");

        var result = await contacts.UpsertManyAsync(
            [new Contact { Email = EmailAddress.Parse("ada@example.com") }, new Contact { FirstName = "no key" }],
            new ContactUpsertOptions { Progress = new Progress<BulkProgress>(p => { }) });
        foreach (var failure in result.Unsuccessful)
            output.Add($"item {failure.Index}: {failure.Error!.Message}");

        var listed = new List<string>();
        await foreach (var contact in contacts.ListAsync(new ContactListOptions { PageSize = 100 }))
            listed.Add(contact.Email.ToString()!);

        var chat = host.GetRequiredService<IMessageSender>();
        var sent = await chat.SendAsync(new OutgoingMessage
        {
            Destination = MessageDestination.Channel("#new-leads"),
            Text = "New lead: Grace Hopper",
            Card = new MessageCard { Title = "New lead: Grace Hopper", Fields = { new("Company", "US Navy") } },
        });
        // --- end ---

        Assert.Equal("Grace@navy.example", email.Value);
        Assert.Equal("created", output[0]);
        Assert.StartsWith("item 1: ", output[1], StringComparison.Ordinal);
        Assert.Equal(2, output.Count);
        Assert.Equal(["Grace@navy.example", "ada@example.com"], listed);
        Assert.Equal(SendStatus.Accepted, sent.Status);
    }
}
