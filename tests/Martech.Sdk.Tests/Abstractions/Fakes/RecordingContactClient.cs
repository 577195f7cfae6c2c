namespace Martech.Sdk.Tests.Abstractions.Fakes;

public sealed class RecordingContactClient : CallRecorder, IContactClient
{
    public Contact Contact { get; } = new() { Id = "c1" };

    public UpsertResult<Contact> UpsertResult { get; } = new(new Contact { Id = "c2" }, Created: true);

    public BulkResult<Contact> BulkResult { get; } = new([new BulkItemResult<Contact>(0, BulkItemStatus.Created)]);

    public AsyncPageable<Contact> Listing { get; set; } = AsyncPageable.Empty<Contact>();

    public Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        Record(nameof(GetAsync), id, cancellationToken);
        return Task.FromResult<Contact?>(Contact);
    }

    public Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        Record(nameof(FindByEmailAsync), email, cancellationToken);
        return Task.FromResult<Contact?>(Contact);
    }

    public IReadOnlyDictionary<EmailAddress, Contact> Found { get; } = new Dictionary<EmailAddress, Contact>();

    public Task<IReadOnlyDictionary<EmailAddress, Contact>> FindByEmailsAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken = default)
    {
        Record(nameof(FindByEmailsAsync), emails, cancellationToken);
        return Task.FromResult(Found);
    }

    public Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(UpsertAsync), contact, options, cancellationToken);
        return Task.FromResult(UpsertResult);
    }

    public Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(UpsertManyAsync), contacts, options, cancellationToken);
        return Task.FromResult(BulkResult);
    }

    public AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(ListAsync), options, cancellationToken);
        return Listing;
    }

    public Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(DeleteAsync), id, options, cancellationToken);
        return Task.FromResult(true);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AnswerGetService(serviceType, serviceKey);
}
