using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// Posts signed webhooks for what an in-memory instance sends, when <c>Martech:&lt;name&gt;:Webhooks:Callback:Url</c> is
/// set: for each email recipient processed and delivered (or a bounce), an open and a click (or a machine open),
/// unsubscribes and spam reports, per <see cref="WebhookCallbackOptions"/>; for each SMS queued, sent and delivered (or
/// undelivered). Posting runs in the background; sends never wait for it. Get it as a keyed service
/// (<c>[FromKeyedServices("InMemory")] InMemoryWebhookCallbacks</c>) to wait for it in tests and samples.
/// </summary>
public sealed class InMemoryWebhookCallbacks : IAsyncDisposable, IDisposable
{
    private readonly MartechProviderMetadata _metadata;
    private readonly InMemoryWebhookOptions _options;
    private readonly TimeProvider? _timeProvider;
    private WebhookCallbackPoster? _poster;

    internal InMemoryWebhookCallbacks(MartechProviderMetadata metadata, InMemoryWebhookOptions options, TimeProvider? timeProvider)
    {
        _metadata = metadata;
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>The callback settings. <see cref="WebhookCallbackOptions.Url"/> may be set after start, once the
    /// application knows its own address.</summary>
    public WebhookCallbackOptions Options => _options.Callback;

    /// <summary>The posts made so far and what each was answered.</summary>
    public IReadOnlyList<WebhookCallbackDelivery> Deliveries => _poster?.Deliveries ?? [];

    /// <summary>Waits until every queued webhook has been posted.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when nothing is left to post.</returns>
    /// <exception cref="TimeoutException">Posting took longer than <paramref name="timeout"/>.</exception>
    public Task WhenIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (_poster?.WhenIdleAsync(timeout) ?? Task.CompletedTask).WaitAsync(cancellationToken);

    /// <summary>Stops posting; queued webhooks are dropped.</summary>
    /// <returns>A task that completes when the poster stopped.</returns>
    public ValueTask DisposeAsync() => _poster?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>Stops posting without waiting; queued webhooks are dropped.</summary>
    public void Dispose() => _poster?.Dispose();

    // Created on the first send with callbacks on, so instances without them start no background work.
    private WebhookCallbackPoster Poster => LazyInitializer.EnsureInitialized(ref _poster, () => new WebhookCallbackPoster(_timeProvider));

    internal void EmailSent(SentEmail sent)
    {
        if (Options.Url is null || !_options.IsConfigured)
        {
            return;
        }

        EmailMessage message = sent.Message;
        var requests = new List<(string, Func<DateTimeOffset, WebhookCallback>)>();
        var seen = new HashSet<EmailAddress>();
        foreach (Mailbox mailbox in message.AllRecipients)
        {
            if (!seen.Add(mailbox.Address))
            {
                continue;
            }

            foreach (SimulatedEmailEvent simulated in EmailEventSimulation.Plan(Options, mailbox.Address.Value, sent.SentAt, message.HtmlBody, message.TextBody))
            {
                var e = new EmailEvent
                {
                    Id = string.Create(CultureInfo.InvariantCulture, $"{sent.MessageId}:{mailbox.Address.Value}:{simulated.Sequence}"),
                    Provider = _metadata.Name,
                    OccurredAt = simulated.OccurredAt,
                    Type = simulated.Type,
                    Recipient = mailbox.Address,
                    MessageId = sent.MessageId,
                    CampaignId = message.CampaignId,
                    Tags = [.. message.TagsOrEmpty],
                    CustomArgs = new Dictionary<string, string>(message.MetadataOrEmpty, StringComparer.Ordinal),
                    Url = simulated.Url,
                    BounceKind = simulated.Type == EmailEventType.Bounced ? EmailBounceKind.Hard : null,
                    Reason = simulated.Type == EmailEventType.Bounced ? "550 5.1.1 mailbox does not exist (simulated)" : null,
                    Source = simulated.Type == EmailEventType.Opened || simulated.Type == EmailEventType.Clicked
                        ? (simulated.Machine ? EngagementSource.AppleMailPrivacyProtection : EngagementSource.Human)
                        : null,
                };
                requests.Add(($"{simulated.Type} {mailbox.Address}", Build(e)));
            }
        }

        Poster.Enqueue(Options, requests);
    }

    internal void MessageSent(SentMessage sent)
    {
        if (Options.Url is null || !_options.IsConfigured || sent.Message.Destination.Kind != MessageDestinationKind.PhoneNumber)
        {
            return;
        }

        string to = sent.Message.Destination.Id;
        bool fails = Options.UndeliveredNumbers.Contains(to);
        MessageDeliveryStatus[] statuses = fails
            ? [MessageDeliveryStatus.Queued, MessageDeliveryStatus.Sent, MessageDeliveryStatus.Undelivered]
            : [MessageDeliveryStatus.Queued, MessageDeliveryStatus.Sent, MessageDeliveryStatus.Delivered];
        var requests = new List<(string, Func<DateTimeOffset, WebhookCallback>)>();
        for (int i = 0; i < statuses.Length; i++)
        {
            var e = new MessageStatusEvent
            {
                Id = $"{sent.MessageId}:{statuses[i]}",
                Provider = _metadata.Name,
                OccurredAt = sent.SentAt.AddSeconds(i),
                MessageId = sent.MessageId,
                Status = statuses[i],
                To = to,
                Phone = to,
                ErrorCode = statuses[i] == MessageDeliveryStatus.Undelivered ? "30003" : null,
                ErrorMessage = statuses[i] == MessageDeliveryStatus.Undelivered ? "Unreachable destination handset (simulated)" : null,
            };
            requests.Add(($"{statuses[i]} {to}", Build(e)));
        }

        Poster.Enqueue(Options, requests);
    }

    private Func<DateTimeOffset, WebhookCallback> Build(MartechEvent e)
    {
        byte[] body = MartechEventSerializer.SerializeToUtf8Bytes([e]);
        return at => new WebhookCallback(body, "application/json", StandardWebhookSigner.CreateHeaders(_options.Secret!, e.Id, at, body));
    }
}
