namespace Martech.Sdk;

/// <summary>
/// The in-memory <see cref="IContactClient"/>: contacts in an <see cref="InMemoryMartechStore"/>, with the rules a CRM
/// applies (one contact per email address, ignoring case; updates merge; listings page in creation order).
/// </summary>
/// <remarks>
/// <para>Upserts match by <see cref="ContactUpsertOptions.MatchBy"/>: <see cref="ContactMatchKey.Auto"/> by id when
/// one is set (an unknown id fails, since ids are assigned by the store) and otherwise by email;
/// <see cref="ContactMatchKey.Email"/> ignores the contact's id. An update keeps every stored property the incoming
/// contact leaves <see langword="null"/>, merges custom fields by name (a JSON null clears one), keeps
/// <see cref="Contact.CreatedAt"/> and sets <see cref="Contact.UpdatedAt"/>.</para>
/// <para><see cref="UpsertManyAsync"/> does not throw when cancelled once it has started: the items it did not
/// process fail with the code <c>CANCELLED</c>, and it returns the result.</para>
/// </remarks>
internal sealed class InMemoryContactClient : IContactClient
{
    private const string Scope = "contacts";
    private readonly string _provider;
    private readonly MartechProviderMetadata _metadata;
    private readonly InMemoryMartechStore _store;
    private readonly InMemoryProviderOptions _options;

    public InMemoryContactClient(MartechProviderMetadata metadata, InMemoryMartechStore store, InMemoryProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _provider = metadata.Name;
        _metadata = metadata;
        _store = store;
        _options = options;
    }

    public Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.GetContact(id));
    }

    public Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        if (email.IsEmpty)
        {
            throw new ArgumentException("The email address is empty.", nameof(email));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.FindContactByEmail(email));
    }

    public Task<IReadOnlyDictionary<EmailAddress, Contact>> FindByEmailsAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(emails);
        IReadOnlyList<EmailAddress> distinct = ContactClientExtensions.DistinctEmails(emails, nameof(emails));
        cancellationToken.ThrowIfCancellationRequested();
        var found = new Dictionary<EmailAddress, Contact>();
        foreach (EmailAddress email in distinct)
        {
            if (_store.FindContactByEmail(email) is { } contact)
            {
                found[email] = contact;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<EmailAddress, Contact>>(found);
    }

    public Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ContactMatchKey matchBy = CheckMatchKey(options);
        if (FindKeyProblem(contact, matchBy) is { } problem)
        {
            throw new ArgumentException(problem.Message, nameof(contact));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var outcome = _store.UpsertContact(contact, matchBy);
        return Task.FromResult(new UpsertResult<Contact>(outcome.GetValueOrThrow(_provider), outcome.Created));
    }

    /// <remarks>Cancellation after the call started does not throw: see the class remarks.</remarks>
    public Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        options ??= new ContactUpsertOptions();
        options.Validate();
        ContactMatchKey matchBy = CheckMatchKey(options);
        cancellationToken.ThrowIfCancellationRequested();

        // A snapshot, so that a caller changing its list while the batches run cannot change what is processed.
        Contact?[] items = [.. contacts];
        return InMemoryBulk.RunAsync(
            items.Length,
            options,
            _options.MaxBatchSize,
            index => UpsertOne(items, index, matchBy),
            cancellationToken);
    }

    public AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? updatedSince = options?.UpdatedSince;
        LifecycleStage? stage = options?.LifecycleStage;
        bool Match(Contact c) =>
            (updatedSince is null || c.UpdatedAt >= updatedSince) && (stage is null || c.LifecycleStage == stage);
        return InMemoryPaging.Create(Scope, _provider, options, _options, (after, size) => _store.ListContacts(after, size, Match), cancellationToken);
    }

    public Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.DeleteContact(id, options?.Erase ?? false));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        InMemoryServices.Get(this, _metadata, _store, _options, serviceType, serviceKey);

    private BulkItemResult<Contact> UpsertOne(Contact?[] items, int index, ContactMatchKey matchBy)
    {
        Contact? contact = items[index];
        if (contact is null)
        {
            return Failed(index, new BulkItemError($"The contact at index {index} is null.", InMemoryFailure.NullItemCode));
        }

        if (FindKeyProblem(contact, matchBy) is { } problem)
        {
            return Failed(index, new BulkItemError(problem.Message, InMemoryFailure.MissingKeyCode, problem.Field));
        }

        var outcome = _store.UpsertContact(contact, matchBy);
        return outcome.Failure is { } failure
            ? Failed(index, failure.ToBulkError())
            : new BulkItemResult<Contact>(index, outcome.Created ? BulkItemStatus.Created : BulkItemStatus.Updated, outcome.Value);
    }

    private static BulkItemResult<Contact> Failed(int index, BulkItemError error) => new(index, BulkItemStatus.Failed, null, error);

    private static ContactMatchKey CheckMatchKey(ContactUpsertOptions? options)
    {
        ContactMatchKey matchBy = options?.MatchBy ?? ContactMatchKey.Auto;
        return matchBy is ContactMatchKey.Auto or ContactMatchKey.Email or ContactMatchKey.Id
            ? matchBy
            : throw new ArgumentOutOfRangeException(nameof(options), matchBy, "ContactUpsertOptions.MatchBy is not a known ContactMatchKey.");
    }

    /// <summary>Says what key the contact lacks for the match, naming the field; <see langword="null"/> when it has it.</summary>
    private static (string Message, string Field)? FindKeyProblem(Contact contact, ContactMatchKey matchBy)
    {
        bool hasEmail = contact.Email is { IsEmpty: false };
        switch (matchBy)
        {
            case ContactMatchKey.Id when string.IsNullOrWhiteSpace(contact.Id):
                return ("Contact.Id is required when ContactUpsertOptions.MatchBy is Id.", nameof(Contact.Id));
            case ContactMatchKey.Email when !hasEmail:
                return ("Contact.Email is required when ContactUpsertOptions.MatchBy is Email.", nameof(Contact.Email));
            case ContactMatchKey.Auto when contact.Id is not null && string.IsNullOrWhiteSpace(contact.Id):
                return ("Contact.Id is empty; leave it null to match by Contact.Email.", nameof(Contact.Id));
            case ContactMatchKey.Auto when contact.Id is null && !hasEmail:
                return ("The contact needs a Contact.Id or a Contact.Email to be upserted; it has neither.", nameof(Contact.Email));
            default:
                return null;
        }
    }
}
