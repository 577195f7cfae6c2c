namespace Martech.Sdk.Testing;

/// <summary>
/// The base of an emulator that calls back, as its vendor does, with signed webhooks for what it was sent: the
/// callback settings (<see cref="Webhooks"/>), the log of posts (<see cref="WebhookDeliveries"/>) and a way to wait for
/// them (<see cref="WhenWebhooksIdleAsync"/>). Posting runs in the background, so the vendor route answers at once; each
/// post is signed afresh while the events it carries keep their ids, so redeliveries are recognisable. A derived
/// emulator builds its vendor's requests and queues them; what it posts is described on the emulator.
/// </summary>
public abstract class WebhookCallbackEmulator : VendorEmulator
{
    private WebhookCallbackPoster? _poster;

    /// <summary>Gets the callback settings: set <see cref="WebhookCallbackOptions.Url"/> to turn callbacks on; the
    /// options choose redeliveries, order, and which addresses bounce, open by machine, unsubscribe or report spam, and
    /// which numbers' SMS fail.</summary>
    public WebhookCallbackOptions Webhooks { get; } = new();

    /// <summary>Gets the posts made so far, with the status each was answered.</summary>
    public IReadOnlyList<WebhookCallbackDelivery> WebhookDeliveries => _poster?.Deliveries ?? [];

    /// <summary>Waits until every queued webhook has been posted.</summary>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when nothing is left to post.</returns>
    /// <exception cref="TimeoutException">Posting took longer than <paramref name="timeout"/>.</exception>
    public Task WhenWebhooksIdleAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        (_poster?.WhenIdleAsync(timeout) ?? Task.CompletedTask).WaitAsync(cancellationToken);

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        if (_poster is not null)
        {
            await _poster.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    /// <summary>Queues the requests of one send, posted with <paramref name="options"/> (by default <see cref="Webhooks"/>).</summary>
    private protected void QueueWebhooks(IReadOnlyList<(string Description, Func<DateTimeOffset, WebhookCallback> Build)> requests, WebhookCallbackOptions? options = null) =>
        LazyInitializer.EnsureInitialized(ref _poster, () => new WebhookCallbackPoster(TimeProvider)).Enqueue(options ?? Webhooks, requests);
}
