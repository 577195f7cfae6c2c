using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace Martech.Sdk.Intercom;

/// <summary>Intercom contacts listing and search with <c>starting_after</c> cursors.</summary>
internal sealed class IntercomContacts : IIntercomContacts
{
    private static readonly MartechRequestOptions ListOperation = new() { Operation = "contacts.list" };
    private static readonly MartechRequestOptions SearchOperation = new() { Operation = "contacts.search", Idempotent = true };

    // Intercom's cursor paging: 50 per page unless asked, at most 150.
    private const int DefaultPageSize = 50;
    private const int MaxPageSize = 150;

    private readonly MartechHttpTransport _transport;

    public IntercomContacts(MartechHttpTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
    }

    public AsyncPageable<Contact> ListAsync(CancellationToken cancellationToken = default) =>
        AsyncPageable.Create<Contact>(
            async (cursor, size, ct) =>
            {
                string query = "contacts?per_page=" + PageSize(size).ToString(CultureInfo.InvariantCulture)
                    + (cursor is null ? string.Empty : "&starting_after=" + Uri.EscapeDataString(cursor));
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(query, UriKind.Relative));
                ListOperation.ApplyTo(request);
                return ToPage(await _transport.SendAsync(request, IntercomJsonContext.Default.IntercomContactList, ct).ConfigureAwait(false));
            },
            cancellationToken: cancellationToken);

    public AsyncPageable<Contact> SearchByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return AsyncPageable.Create<Contact>(
            async (cursor, size, ct) =>
            {
                var body = new IntercomSearchRequest
                {
                    Query = new IntercomSearchQuery { Field = "email", Operator = "=", Value = email },
                    Pagination = new IntercomPagination { PerPage = PageSize(size), StartingAfter = cursor },
                };
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("contacts/search", UriKind.Relative))
                {
                    Content = JsonContent.Create(body, IntercomJsonContext.Default.IntercomSearchRequest),
                };
                SearchOperation.ApplyTo(request);
                return ToPage(await _transport.SendAsync(request, IntercomJsonContext.Default.IntercomContactList, ct).ConfigureAwait(false));
            },
            cancellationToken: cancellationToken);
    }

    private static int PageSize(int? hint) => hint is int size ? Math.Clamp(size, 1, MaxPageSize) : DefaultPageSize;

    private static Page<Contact> ToPage(IntercomContactList list)
    {
        var items = (list.Data ?? []).Select(c => new Contact
        {
            Id = c.Id,
            Email = EmailAddress.TryParse(c.Email, out EmailAddress email) ? email : null,
            Raw = JsonSerializer.SerializeToElement(c, IntercomJsonContext.Default.IntercomContactWire),
        }).ToList();
        return new Page<Contact>(items, list.Pages?.Next?.StartingAfter);
    }
}
