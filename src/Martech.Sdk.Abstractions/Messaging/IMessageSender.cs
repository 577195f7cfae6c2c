namespace Martech.Sdk;

/// <summary>Sends chat and SMS messages: Slack, Microsoft Teams, Intercom, Twilio.</summary>
public interface IMessageSender
{
    /// <summary>Sends one message.</summary>
    /// <param name="message">The message; validated before any network call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was accepted or withheld, with the vendor's message id.</returns>
    /// <exception cref="ArgumentException">The message is invalid.</exception>
    /// <exception cref="NotSupportedException">The vendor cannot send to that kind of destination.</exception>
    /// <exception cref="MartechRequestException">The vendor refused it.</exception>
    Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);

    /// <summary>Gets a service this sender or one it wraps provides.</summary>
    /// <param name="serviceType">The type wanted.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
