namespace Martech.Sdk;

/// <summary>
/// Plans the mail send requests of a bulk send: messages that share everything but their recipients, template data
/// and metadata (<see cref="SendGridMailGroupKey"/>) go out together, one personalization each, up to the batch size
/// and 1,000 recipients per request, with no address in two personalizations of one request (SendGrid rejects that).
/// A message that does not fit the open request of its group starts a new one. Requests are listed in the order of
/// their first message.
/// </summary>
internal static class SendGridBatchPlanner
{
    /// <summary>Plans the requests.</summary>
    /// <param name="messages">The valid messages, by input index.</param>
    /// <param name="indexes">The input indexes of the messages to plan, in input order.</param>
    /// <param name="maxPersonalizations">The most personalizations per request (1 to 1,000).</param>
    /// <returns>Each request's input indexes, in personalization order.</returns>
    public static List<List<int>> Plan(IReadOnlyList<EmailMessage?> messages, IReadOnlyList<int> indexes, int maxPersonalizations)
    {
        var batches = new List<List<int>>();
        var open = new Dictionary<SendGridMailGroupKey, OpenBatch>();
        foreach (int index in indexes)
        {
            EmailMessage message = messages[index]!;
            var key = new SendGridMailGroupKey(message);
            int recipients = message.ToOrEmpty.Count + message.CcOrEmpty.Count + message.BccOrEmpty.Count;
            if (!open.TryGetValue(key, out OpenBatch? batch) || !batch.Fits(message, recipients, maxPersonalizations))
            {
                batch = new OpenBatch();
                open[key] = batch;
                batches.Add(batch.Indexes);
            }

            batch.Add(index, message, recipients);
        }

        return batches;
    }

    private sealed class OpenBatch
    {
        private readonly HashSet<EmailAddress> _addresses = [];
        private int _recipients;

        public List<int> Indexes { get; } = [];

        public bool Fits(EmailMessage message, int recipients, int maxPersonalizations)
        {
            if (Indexes.Count >= maxPersonalizations || _recipients + recipients > SendGridMessageValidation.MaxRecipients)
            {
                return false;
            }

            foreach (Mailbox mailbox in message.AllRecipients)
            {
                if (_addresses.Contains(mailbox.Address))
                {
                    return false;
                }
            }

            return true;
        }

        public void Add(int index, EmailMessage message, int recipients)
        {
            Indexes.Add(index);
            _recipients += recipients;
            foreach (Mailbox mailbox in message.AllRecipients)
            {
                _addresses.Add(mailbox.Address);
            }
        }
    }
}
