namespace Martech.Sdk;

/// <summary>Verifies a vendor's webhook requests and maps them to typed events.</summary>
/// <remarks>A receiver works on the raw request only: the body bytes as received and the public URL. It fails closed:
/// without a configured secret every request is rejected with <see cref="WebhookRejectionReason.NotConfigured"/>.</remarks>
public interface IWebhookReceiver
{
    /// <summary>Verifies a request's signature (or credentials) and freshness, then maps its body to events.</summary>
    /// <param name="request">The raw request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events and the answer the vendor expects.</returns>
    /// <exception cref="WebhookVerificationException">The request is rejected: its
    /// <see cref="WebhookVerificationException.Reason"/> says why and <see cref="WebhookVerificationException.StatusCode"/>
    /// what to answer. Nothing in it was parsed into events.</exception>
    Task<WebhookReceiveResult> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets a service this receiver or one it wraps provides.</summary>
    /// <param name="serviceType">The type wanted.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
