namespace Martech.Sdk;

/// <summary>
/// Reads and changes an email vendor's suppression lists (bounces, blocks, spam reports, unsubscribes, group
/// unsubscribes). <c>UseConsent()</c> consults it before marketing sends.
/// </summary>
public interface IEmailSuppressionList
{
    /// <summary>Every suppression of one address, across the vendor's lists.</summary>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The suppressions; empty when the address is not suppressed.</returns>
    Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default);

    /// <summary>Lists suppressions as a stream.</summary>
    /// <param name="options">The kind or group, page size and resume token.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The suppressions.</returns>
    AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Adds addresses to suppression lists; an address already there succeeds unchanged.</summary>
    /// <param name="suppressions">What to add: address, kind and (for group unsubscribes) group.</param>
    /// <param name="options">Batch size, concurrency and progress.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per input, in input order. A kind the vendor cannot add to fails with the reason.</returns>
    Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Removes addresses from suppression lists; an address not there succeeds unchanged.</summary>
    /// <param name="suppressions">What to remove: address, kind and (for group unsubscribes) group.</param>
    /// <param name="options">Batch size, concurrency and progress.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per input, in input order.</returns>
    Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a service this list or one it wraps provides.</summary>
    /// <param name="serviceType">The type wanted.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
