using System.Runtime.CompilerServices;

namespace Martech.Sdk;

/// <summary>A contact and the provider instance it was read from (<c>"HubSpot"</c>, <c>"Pipedrive"</c>, <c>"HubSpotEU"</c>):
/// what the data-quality engines read, so a finding, a duplicate or a merge always says where each record lives.</summary>
/// <param name="Instance">The provider instance's name (its keyed-service key and configuration section name).</param>
/// <param name="Contact">The contact as that instance holds it.</param>
public sealed record SourcedContact(string Instance, Contact Contact)
{
    /// <summary>Streams every contact of one provider instance, page by page (nothing is held beyond the page being
    /// read), each tagged with the instance's name.</summary>
    /// <param name="client">The instance's contacts client.</param>
    /// <param name="instance">The instance's name; <see langword="null"/> takes it from the client's
    /// <see cref="MartechProviderMetadata"/>.</param>
    /// <param name="options">List options (page size, updated since, a continuation token to resume from).</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The contacts.</returns>
    /// <exception cref="ArgumentException">No instance name was given and the client does not report one.</exception>
    public static async IAsyncEnumerable<SourcedContact> ListAsync(
        IContactClient client,
        string? instance = null,
        ContactListOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        string name = instance
            ?? client.GetService<MartechProviderMetadata>()?.Name
            ?? throw new ArgumentException(
                "The contacts client reports no provider instance name (MartechProviderMetadata); pass the instance name.",
                nameof(instance));
        await foreach (Contact contact in client.ListAsync(options, cancellationToken).ConfigureAwait(false))
        {
            yield return new SourcedContact(name, contact);
        }
    }
}
