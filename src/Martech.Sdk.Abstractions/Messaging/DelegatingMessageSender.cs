namespace Martech.Sdk;

/// <summary>A message sender that forwards every call to an inner sender; middleware derives from it.</summary>
public class DelegatingMessageSender : IMessageSender
{
    /// <summary>Creates a sender that forwards to <paramref name="innerSender"/>.</summary>
    /// <param name="innerSender">The sender to forward to.</param>
    protected DelegatingMessageSender(IMessageSender innerSender)
    {
        ArgumentNullException.ThrowIfNull(innerSender);
        InnerSender = innerSender;
    }

    /// <summary>The sender calls are forwarded to.</summary>
    protected IMessageSender InnerSender { get; }

    /// <inheritdoc />
    public virtual Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default) =>
        InnerSender.SendAsync(message, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerSender.GetService(serviceType, serviceKey);
    }
}
