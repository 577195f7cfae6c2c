namespace Martech.Sdk.IntegrationTests.Faults;

/// <summary>The messages and contacts the per-provider fault tests write.</summary>
internal static class FaultMessages
{
    public static EmailMessage Email(string from) => new()
    {
        From = new Mailbox(EmailAddress.Parse(from), "Example News"),
        To = { new Mailbox(EmailAddress.Parse("ada@example.com")) },
        Subject = "Your order",
        TextBody = "Hello Ada.",
        Purpose = SendPurpose.Transactional,
    };

    public static Contact Contact() => new() { Email = EmailAddress.Parse("ada@example.com"), FirstName = "Ada", LastName = "Lovelace" };
}
