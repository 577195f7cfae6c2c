namespace Martech.Sdk.Tests.Core;

internal static class TestMessages
{
    public static EmailMessage Marketing(params string[] to)
    {
        var message = new EmailMessage
        {
            From = EmailAddress.Parse("news@brand.example"),
            Subject = "Spring launch",
            TextBody = "Hello",
            Purpose = SendPurpose.Marketing,
        };
        foreach (string address in to)
        {
            message.To.Add(EmailAddress.Parse(address));
        }

        return message;
    }
}
