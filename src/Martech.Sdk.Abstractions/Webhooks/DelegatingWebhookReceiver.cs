namespace Martech.Sdk;

/// <summary>A webhook receiver that forwards every call to an inner receiver; middleware derives from it.</summary>
public class DelegatingWebhookReceiver : IWebhookReceiver
{
    /// <summary>Creates a receiver that forwards to <paramref name="innerReceiver"/>.</summary>
    /// <param name="innerReceiver">The receiver to forward to.</param>
    protected DelegatingWebhookReceiver(IWebhookReceiver innerReceiver)
    {
        ArgumentNullException.ThrowIfNull(innerReceiver);
        InnerReceiver = innerReceiver;
    }

    /// <summary>The receiver calls are forwarded to.</summary>
    protected IWebhookReceiver InnerReceiver { get; }

    /// <inheritdoc />
    public virtual Task<WebhookReceiveResult> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken = default) =>
        InnerReceiver.ReceiveAsync(request, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerReceiver.GetService(serviceType, serviceKey);
    }
}
