namespace Martech.Sdk.IntegrationTests.VendorStats;

/// <summary>Sends the way a campaign reaches people through an email vendor: one message per recipient, tagged with the
/// campaign (a SendGrid category, a Mailgun or Postmark tag) and carrying a link, so the emulator's events include clicks.</summary>
internal static class TaggedSends
{
    public static async Task SendAsync(IEmailSender sender, string tag, IReadOnlyList<EmailAddress> recipients)
    {
        foreach (EmailAddress recipient in recipients)
        {
            var message = new EmailMessage
            {
                From = new Mailbox(EmailAddress.Parse("news@example.com")),
                Subject = "Spring sale",
                TextBody = "Our spring sale: https://example.com/spring",
                HtmlBody = "<p>Our <a href=\"https://example.com/spring\">spring sale</a></p>",
                Purpose = SendPurpose.Transactional,
                Tags = [tag],
                CampaignId = tag,
            };
            message.To.Add(recipient);
            await sender.SendAsync(message);
        }
    }
}
