namespace Martech.Sdk;

// The emails and messages the store recorded as sent.
// The state and the public API are in InMemoryMartechStore.cs.
public sealed partial class InMemoryMartechStore
{
    /// <summary>Records a validated email and returns its record.</summary>
    internal SentEmail RecordSentEmail(EmailMessage message)
    {
        EmailMessage copy = InMemoryCopies.Copy(message);
        lock (_gate)
        {
            var sent = new SentEmail(NewId("em_", ++_emailSequence), copy, TimeProvider.GetUtcNow());
            _sentEmails.Add(sent);
            RecordCampaignSend(sent);
            return sent;
        }
    }

    /// <summary>Records a validated chat or SMS message and returns its record.</summary>
    internal SentMessage RecordSentMessage(OutgoingMessage message)
    {
        OutgoingMessage copy = InMemoryCopies.Copy(message);
        string rendered = InMemoryCopies.RenderText(copy);
        lock (_gate)
        {
            var sent = new SentMessage(NewId("msg_", ++_messageSequence), copy, rendered, TimeProvider.GetUtcNow());
            _sentMessages.Add(sent);
            return sent;
        }
    }
}
