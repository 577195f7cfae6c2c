using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Core;

/// <summary>UseConsent checks the email provider's suppression list before marketing sends.</summary>
public class ConsentSuppressionTests
{
    private static (ServiceProvider Sp, IEmailSender Email, InMemoryMartechStore Store) Build()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory().UseConsent();
        var sp = services.BuildServiceProvider();
        return (sp, sp.GetRequiredService<IEmailSender>(), sp.GetRequiredKeyedService<InMemoryMartechStore>("InMemory"));
    }

    private static async Task Consenting(ServiceProvider sp, params string[] emails)
    {
        foreach (string email in emails)
        {
            await sp.GetRequiredService<IContactClient>().UpsertAsync(new Contact { Email = EmailAddress.Parse(email), EmailConsent = Consent.Granted("form") });
        }
    }

    [Fact]
    public async Task Marketing_ToSuppressedAddressWithConsent_WithheldAsSuppressed()
    {
        var (sp, email, store) = Build();
        using (sp)
        {
            await Consenting(sp, "bounced@example.com", "fine@example.com");
            store.AddSuppression(new EmailSuppression { Email = EmailAddress.Parse("bounced@example.com"), Kind = SuppressionKind.Bounce, Reason = "550 mailbox unavailable" });

            var result = await email.SendAsync(TestMessages.Marketing("bounced@example.com", "fine@example.com"));

            Assert.Equal(SendStatus.Accepted, result.Status);
            var withheld = Assert.Single(result.WithheldRecipients);
            Assert.Equal(ConsentCodes.Suppressed, withheld.Code);
            Assert.Contains("550 mailbox unavailable", withheld.Reason, StringComparison.Ordinal);
            Assert.Equal(["fine@example.com"], Assert.Single(store.SentEmails).Message.To.Select(m => m.Address.Value));
        }
    }

    [Fact]
    public async Task SendMany_SuppressedOnly_WithheldWithSuppressedCode()
    {
        var (sp, email, store) = Build();
        using (sp)
        {
            await Consenting(sp, "spam@example.com");
            store.AddSuppression(new EmailSuppression { Email = EmailAddress.Parse("spam@example.com"), Kind = SuppressionKind.SpamReport });

            var result = await email.SendManyAsync([TestMessages.Marketing("spam@example.com")]);

            Assert.Equal(BulkItemStatus.Withheld, result.Items[0].Status);
            Assert.Equal(ConsentCodes.Suppressed, Assert.Single(result.Items[0].Value!.WithheldRecipients).Code);
            Assert.Empty(store.SentEmails);
        }
    }

    [Fact]
    public async Task GroupUnsubscribe_LeftToTheVendor_NotWithheld()
    {
        var (sp, email, store) = Build();
        using (sp)
        {
            await Consenting(sp, "group@example.com");
            store.AddSuppression(new EmailSuppression { Email = EmailAddress.Parse("group@example.com"), Kind = SuppressionKind.GroupUnsubscribe, GroupId = "newsletter" });

            var result = await email.SendAsync(TestMessages.Marketing("group@example.com"));

            Assert.Equal(SendStatus.Accepted, result.Status);
            Assert.Empty(result.WithheldRecipients);
        }
    }

    [Fact]
    public async Task Transactional_ToSuppressedAddress_NotChecked()
    {
        var (sp, email, store) = Build();
        using (sp)
        {
            store.AddSuppression(new EmailSuppression { Email = EmailAddress.Parse("receipt@example.com"), Kind = SuppressionKind.Unsubscribe });
            var message = TestMessages.Marketing("receipt@example.com");
            message.Purpose = SendPurpose.Transactional;

            Assert.Equal(SendStatus.Accepted, (await email.SendAsync(message)).Status);
        }
    }

    [Fact]
    public async Task RemovingTheSuppression_MakesTheAddressSendableAgain()
    {
        var (sp, email, store) = Build();
        using (sp)
        {
            await Consenting(sp, "back@example.com");
            var entry = new EmailSuppression { Email = EmailAddress.Parse("back@example.com"), Kind = SuppressionKind.Unsubscribe };
            await sp.GetRequiredService<IEmailSuppressionList>().AddAsync([entry]);
            Assert.Equal(SendStatus.Withheld, (await email.SendAsync(TestMessages.Marketing("back@example.com"))).Status);

            await sp.GetRequiredService<IEmailSuppressionList>().RemoveAsync([entry]);

            Assert.Equal(SendStatus.Accepted, (await email.SendAsync(TestMessages.Marketing("back@example.com"))).Status);
        }
    }
}
