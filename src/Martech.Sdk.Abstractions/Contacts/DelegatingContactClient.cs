namespace Martech.Sdk;

/// <summary>A contact client that forwards every call to an inner client; middleware derives from it and
/// overrides only what it changes.</summary>
public class DelegatingContactClient : IContactClient
{
    /// <summary>Creates a client that forwards to <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    protected DelegatingContactClient(IContactClient innerClient)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        InnerClient = innerClient;
    }

    /// <summary>The client calls are forwarded to.</summary>
    protected IContactClient InnerClient { get; }

    /// <inheritdoc />
    public virtual Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        InnerClient.GetAsync(id, cancellationToken);

    /// <summary>Forwards to the inner client's batch look-up. Middleware that changes what a look-up by email finds
    /// overrides this as well as <see cref="FindByEmailAsync"/>: consent checks read recipients through this method.</summary>
    /// <param name="emails">The addresses.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The inner client's result.</returns>
    public virtual Task<IReadOnlyDictionary<EmailAddress, Contact>> FindByEmailsAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken = default) =>
        InnerClient.FindByEmailsAsync(emails, cancellationToken);

    /// <inheritdoc />
    public virtual Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default) =>
        InnerClient.FindByEmailAsync(email, cancellationToken);

    /// <inheritdoc />
    public virtual Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.UpsertAsync(contact, options, cancellationToken);

    /// <inheritdoc />
    public virtual Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.UpsertManyAsync(contacts, options, cancellationToken);

    /// <inheritdoc />
    public virtual AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.ListAsync(options, cancellationToken);

    /// <inheritdoc />
    public virtual Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.DeleteAsync(id, options, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerClient.GetService(serviceType, serviceKey);
    }
}
