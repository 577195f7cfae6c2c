using System.Net;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>How bulk sends are cut into requests and how a rejected request maps back to its messages.</summary>
public sealed class SendGridBatchingTests
{
    private static Mailbox Box(string email) => new(EmailAddress.Parse(email));

    private static EmailMessage Message(string to, string subject = "Hi") => new()
    {
        From = Box("news@example.com"),
        To = { Box(to) },
        Subject = subject,
        TextBody = "Hi.",
    };

    private static List<List<int>> Plan(IReadOnlyList<EmailMessage> messages, int max = 1000) =>
        SendGridBatchPlanner.Plan(messages, [.. Enumerable.Range(0, messages.Count)], max);

    [Fact]
    public void Plan_ThousandAndOneSharedMessages_TwoRequests()
    {
        List<List<int>> batches = Plan([.. Enumerable.Range(0, 1001).Select(i => Message($"r{i}@example.com"))]);

        Assert.Equal([1000, 1], batches.Select(b => b.Count));
    }

    [Fact]
    public void Plan_RecipientsOverAThousand_StartsANewRequest()
    {
        EmailMessage[] messages = [.. Enumerable.Range(0, 3).Select(i => Message($"r{i}@example.com"))];
        foreach (EmailMessage message in messages)
        {
            for (int j = 0; j < 399; j++)
            {
                message.Bcc.Add(Box($"{message.To[0].Address.LocalPart}-bcc{j}@example.com"));
            }
        }

        Assert.Equal([[0, 1], [2]], Plan(messages));
    }

    [Fact]
    public void Plan_DifferentSharedParts_SeparateRequestsInFirstMessageOrder()
    {
        EmailMessage a = Message("a@example.com");
        EmailMessage b = Message("b@example.com", "Other subject");
        EmailMessage c = Message("c@example.com");
        EmailMessage d = Message("d@example.com");
        d.Headers["x-campaign"] = "1";
        EmailMessage e = Message("e@example.com");
        e.Headers["X-Campaign"] = "1"; // header names compare without case
        EmailMessage f = Message("f@example.com");
        f.Attachments.Add(new EmailAttachment("a.txt", "text/plain", "one"u8.ToArray()));
        EmailMessage g = Message("g@example.com");
        g.Attachments.Add(new EmailAttachment("a.txt", "text/plain", "one"u8.ToArray())); // equal content, another instance
        EmailMessage h = Message("h@example.com");
        h.Attachments.Add(new EmailAttachment("a.txt", "text/plain", "two"u8.ToArray()));
        EmailMessage i = Message("i@example.com");
        i.Purpose = SendPurpose.Transactional;

        Assert.Equal([[0, 2], [1], [3, 4], [5, 6], [7], [8]], Plan([a, b, c, d, e, f, g, h, i]));
    }

    [Fact]
    public void Plan_SameRecipientTwice_NeverInOneRequest()
    {
        Assert.Equal([[0, 1], [2]], Plan([Message("a@example.com"), Message("b@example.com"), Message("A@example.com")]));
    }

    [Theory]
    [InlineData("personalizations.3.to", true, 3, "to")]
    [InlineData("personalizations.0.to.1.email", true, 0, "to.1.email")]
    [InlineData("personalizations[12].cc", true, 12, "cc")]
    [InlineData("personalizations.7", true, 7, null)]
    [InlineData("personalizations", false, -1, null)]
    [InlineData("from.email", false, -1, null)]
    [InlineData("personalizations.x.to", false, -1, null)]
    [InlineData(null, false, -1, null)]
    public void PersonalizationOf_ReadsSendGridsFieldPaths(string? field, bool expected, int position, string? rest)
    {
        Assert.Equal(expected, SendGridBulkOutcomes.PersonalizationOf(field, out int actualPosition, out string? actualRest));
        Assert.Equal((position, rest), (actualPosition, actualRest));
    }

    [Fact]
    public void Rejected_ErrorsOnTwoPersonalizations_EachGetsItsOwnAndTheRestAreBatchRejected()
    {
        var ex = new MartechRequestException("SendGrid mail.send failed: HTTP 400")
        {
            StatusCode = HttpStatusCode.BadRequest,
            FieldErrors = [new MartechFieldError("personalizations.0.to.0.email", "bad"), new MartechFieldError("personalizations.2.bcc", "dup")],
        };

        var outcomes = SendGridBulkOutcomes.Rejected([10, 11, 12], ex);

        Assert.Equal([10, 11, 12], outcomes.Select(o => o.Index));
        Assert.All(outcomes, o => Assert.Equal(BulkItemStatus.Failed, o.Status));
        Assert.Equal(("HTTP_400", "to.0.email", "SendGrid rejected the message: to.0.email: bad"), (outcomes[0].Error!.Code, outcomes[0].Error!.Field, outcomes[0].Error!.Message));
        Assert.Equal("BATCH_REJECTED", outcomes[1].Error!.Code);
        Assert.Contains("personalizations.0.to.0.email: bad; personalizations.2.bcc: dup", outcomes[1].Error!.Message, StringComparison.Ordinal);
        Assert.Equal(("HTTP_400", "bcc"), (outcomes[2].Error!.Code, outcomes[2].Error!.Field));
    }

    [Fact]
    public void Rejected_ErrorNamingNoMessageOfTheRequest_IsGivenToEveryMessage()
    {
        var ex = new MartechRequestException("SendGrid mail.send failed: HTTP 400")
        {
            StatusCode = HttpStatusCode.BadRequest,
            FieldErrors = [new MartechFieldError("personalizations.0.to", "bad"), new MartechFieldError("personalizations.9.to", "out of range")],
        };

        var outcomes = SendGridBulkOutcomes.Rejected([0, 1], ex);

        Assert.Equal("SendGrid rejected the message: to: bad; personalizations.9.to: out of range", outcomes[0].Error!.Message);
        Assert.Equal(("HTTP_400", "personalizations.9.to"), (outcomes[1].Error!.Code, outcomes[1].Error!.Field));
    }

    [Fact]
    public void Rejected_NoFieldErrors_EveryMessageGetsTheExceptionMessage()
    {
        var ex = new MartechRequestException("SendGrid mail.send failed: HTTP 413 RequestEntityTooLarge: content too large") { StatusCode = HttpStatusCode.RequestEntityTooLarge };

        var outcomes = SendGridBulkOutcomes.Rejected([0, 1], ex);

        Assert.All(outcomes, o => Assert.Equal(("HTTP_413", ex.Message), (o.Error!.Code, o.Error!.Message)));
    }
}
