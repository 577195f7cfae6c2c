namespace Martech.Sdk;

/// <summary>Verifies a vendor's webhook requests and maps them to typed events.</summary>
public interface IWebhookReceiver
{
    /// <summary>Verifies a request's signature, then maps its body to events.</summary>
    /// <param name="request">The raw request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events in the request, in the vendor's order (one request may carry many).</returns>
    /// <exception cref="WebhookVerificationException">The signature is missing or wrong, or the request is too old.
    /// Nothing was parsed.</exception>
    Task<IReadOnlyList<MartechEvent>> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets a service this receiver or one it wraps provides.</summary>
    /// <param name="serviceType">The type wanted.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
