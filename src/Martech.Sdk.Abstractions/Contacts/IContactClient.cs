namespace Martech.Sdk;

/// <summary>Reads and writes contacts in a CRM or marketing tool.</summary>
/// <remarks>Convenience overloads live in <see cref="ContactClientExtensions"/>.</remarks>
public interface IContactClient
{
    /// <summary>Gets a contact by its provider id.</summary>
    /// <param name="id">The provider id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The contact, or <see langword="null"/> when there is none with that id.</returns>
    Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Finds a contact by email address.</summary>
    /// <param name="email">The address.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The contact, or <see langword="null"/> when none has that address.</returns>
    Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default);

    /// <summary>Finds the contacts of many addresses at once, as consent checks of a bulk send need: providers whose
    /// vendor reads many in one request (HubSpot's batch read by email, Salesforce's SOQL <c>IN</c>, the in-memory store)
    /// make one request per batch; the default calls <see cref="FindByEmailAsync"/> for each address in turn.</summary>
    /// <param name="emails">The addresses; duplicates are looked up once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The contacts found, by address (compared as <see cref="EmailAddress"/> compares, ignoring case); an
    /// address without a contact is absent.</returns>
    /// <exception cref="ArgumentException">An address is empty.</exception>
    async Task<IReadOnlyDictionary<EmailAddress, Contact>> FindByEmailsAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emails);
        var found = new Dictionary<EmailAddress, Contact>();
        foreach (EmailAddress email in ContactClientExtensions.DistinctEmails(emails, nameof(emails)))
        {
            if (await FindByEmailAsync(email, cancellationToken).ConfigureAwait(false) is { } contact)
            {
                found[email] = contact;
            }
        }

        return found;
    }

    /// <summary>Creates a contact, or updates the one that matches it.</summary>
    /// <param name="contact">The contact. Properties left <see langword="null"/> are not changed on update.</param>
    /// <param name="options">How to match; <see cref="ContactMatchKey.Auto"/> when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored contact and whether it was created.</returns>
    /// <exception cref="ArgumentException">The contact has neither the key <paramref name="options"/> asks for.</exception>
    Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates or updates many contacts in vendor-sized batches.</summary>
    /// <param name="contacts">The contacts.</param>
    /// <param name="options">Matching, batch size, concurrency and progress.</param>
    /// <param name="cancellationToken">Cancels the call. A token already cancelled when the call starts throws
    /// <see cref="OperationCanceledException"/> and nothing is sent; cancellation after the call started reports the
    /// items not yet sent as <see cref="BulkItemStatus.Failed"/> with code <c>CANCELLED</c> and the cancellation as
    /// the error's exception, and items already sent keep their outcomes.</param>
    /// <returns>One outcome per input contact, in input order.</returns>
    Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Lists contacts as a stream, fetching pages as they are read.</summary>
    /// <param name="options">Page size, resume token and filters.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The contacts.</returns>
    AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a contact.</summary>
    /// <param name="id">The provider id.</param>
    /// <param name="options">Whether to erase permanently.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when there was no such contact.</returns>
    Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a service this client or one it wraps provides, such as the provider's own client or its
    /// metadata; the escape hatch to vendor features.</summary>
    /// <param name="serviceType">The type wanted.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
