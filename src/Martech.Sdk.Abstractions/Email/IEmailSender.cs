namespace Martech.Sdk;

/// <summary>Sends email through a vendor.</summary>
public interface IEmailSender
{
    /// <summary>Sends one email.</summary>
    /// <param name="message">The message; validated before any network call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was accepted or withheld, with the vendor's message id.</returns>
    /// <exception cref="ArgumentException">The message is invalid.</exception>
    /// <exception cref="MartechRequestException">The vendor refused it.</exception>
    Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default);

    /// <summary>Sends many emails in vendor-sized batches, never sending one twice.</summary>
    /// <param name="messages">The messages; each is validated, and an invalid one fails alone.</param>
    /// <param name="options">Batch size, concurrency and progress.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per message, in input order.</returns>
    Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a service this sender or one it wraps provides.</summary>
    /// <param name="serviceType">The type wanted.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
