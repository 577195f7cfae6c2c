namespace Martech.Sdk;

/// <summary>Records each accepted send of a message with a <see cref="EmailMessage.CampaignId"/> in a
/// <see cref="CampaignAnalytics"/>, one per accepted recipient (added by <c>UseCampaignAnalytics()</c>). Withheld
/// recipients and failed sends are not sends.</summary>
internal sealed class CampaignAnalyticsEmailSender(IEmailSender inner, CampaignAnalytics analytics, TimeProvider time) : DelegatingEmailSender(inner)
{
    public override async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        EmailSendResult result = await InnerSender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        Record(message, result);
        return result;
    }

    public override async Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        BulkResult<EmailSendResult> results = await InnerSender.SendManyAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (BulkItemResult<EmailSendResult> item in results.Items)
        {
            if (item.IsSuccess && item.Value is { } result && (uint)item.Index < (uint)messages.Count)
            {
                Record(messages[item.Index], result);
            }
        }

        return results;
    }

    private void Record(EmailMessage message, EmailSendResult result)
    {
        if (message.CampaignId is not { Length: > 0 } campaignId || result.Status != SendStatus.Accepted)
        {
            return;
        }

        DateTimeOffset sentAt = message.SendAt ?? time.GetUtcNow();
        foreach (EmailAddress recipient in result.AcceptedRecipients)
        {
            analytics.RecordSend(campaignId, recipient, result.MessageId, sentAt);
        }
    }
}
