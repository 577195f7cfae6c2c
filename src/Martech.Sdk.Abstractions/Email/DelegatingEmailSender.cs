namespace Martech.Sdk;

/// <summary>An email sender that forwards every call to an inner sender; middleware derives from it.</summary>
public class DelegatingEmailSender : IEmailSender
{
    /// <summary>Creates a sender that forwards to <paramref name="innerSender"/>.</summary>
    /// <param name="innerSender">The sender to forward to.</param>
    protected DelegatingEmailSender(IEmailSender innerSender)
    {
        ArgumentNullException.ThrowIfNull(innerSender);
        InnerSender = innerSender;
    }

    /// <summary>The sender calls are forwarded to.</summary>
    protected IEmailSender InnerSender { get; }

    /// <inheritdoc />
    public virtual Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default) =>
        InnerSender.SendAsync(message, cancellationToken);

    /// <inheritdoc />
    public virtual Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerSender.SendManyAsync(messages, options, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerSender.GetService(serviceType, serviceKey);
    }
}
