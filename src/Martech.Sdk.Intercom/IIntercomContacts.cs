namespace Martech.Sdk.Intercom;

/// <summary>Lists and searches Intercom contacts with <c>starting_after</c> paging; reach it through
/// <c>sender.GetService(typeof(IIntercomContacts))</c> on an Intercom instance.</summary>
public interface IIntercomContacts
{
    /// <summary>Lists every contact (<c>GET /contacts</c>), following <c>pages.next.starting_after</c>.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The contacts, page by page; the continuation token is Intercom's cursor. Pages hold 50 contacts
    /// unless <c>AsPages</c> is given a size hint, which is kept within Intercom's 1 to 150.</returns>
    AsyncPageable<Contact> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Searches contacts whose email equals <paramref name="email"/> (<c>POST /contacts/search</c>).</summary>
    /// <param name="email">The email address to match.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The matching contacts, page by page.</returns>
    AsyncPageable<Contact> SearchByEmailAsync(string email, CancellationToken cancellationToken = default);
}
