namespace Martech.Sdk;

/// <summary>Convenience methods for <see cref="IContactClient"/>.</summary>
public static class ContactClientExtensions
{
    /// <summary>Finds a contact by an email address given as text.</summary>
    /// <param name="client">The client.</param>
    /// <param name="email">The address; validated before any call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The contact, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="email"/> is not a valid address.</exception>
    public static Task<Contact?> FindByEmailAsync(this IContactClient client, string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.FindByEmailAsync(EmailAddress.Parse(email), cancellationToken);
    }

    /// <summary>Reads every contact of a listing into a list. Use only for small listings: it holds them all.</summary>
    /// <param name="client">The client.</param>
    /// <param name="options">Listing options.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The contacts.</returns>
    public static async Task<IReadOnlyList<Contact>> ListAllAsync(this IContactClient client, ContactListOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var all = new List<Contact>();
        await foreach (var contact in client.ListAsync(options, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            all.Add(contact);
        }

        return all;
    }

    /// <summary>The distinct addresses of a batch look-up, in order, each checked not to be empty: what an
    /// <see cref="IContactClient.FindByEmailsAsync"/> implementation reads before it asks the vendor.</summary>
    /// <param name="emails">The addresses.</param>
    /// <param name="paramName">The argument's name, for the error.</param>
    /// <returns>The distinct addresses, compared as <see cref="EmailAddress"/> compares (ignoring case).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="emails"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An address is empty; the message gives its index in
    /// <paramref name="emails"/>.</exception>
    public static IReadOnlyList<EmailAddress> DistinctEmails(IReadOnlyCollection<EmailAddress> emails, string paramName = "emails")
    {
        ArgumentNullException.ThrowIfNull(emails, paramName);
        var seen = new HashSet<EmailAddress>();
        var distinct = new List<EmailAddress>(emails.Count);
        int index = 0;
        foreach (EmailAddress email in emails)
        {
            if (email.IsEmpty)
            {
                throw new ArgumentException($"The address at index {index} is empty.", paramName);
            }

            if (seen.Add(email))
            {
                distinct.Add(email);
            }

            index++;
        }

        return distinct;
    }
}
