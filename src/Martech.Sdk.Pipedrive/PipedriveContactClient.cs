namespace Martech.Sdk.Pipedrive;

/// <summary>
/// The Pipedrive <see cref="IContactClient"/>: contacts are v2 persons. Reads are <c>GET /persons/{id}</c>, finding by
/// email is <c>GET /persons/search?term=…&amp;fields=email&amp;exact_match=true</c>, upserts search (or read by id) and
/// then <c>POST /persons</c> or <c>PATCH /persons/{id}</c>, listings page <c>GET /persons</c> by cursor, and deletes are
/// <c>DELETE /persons/{id}</c> (Pipedrive keeps deleted persons 30 days).
/// </summary>
/// <remarks>
/// Custom fields read and write under the names Pipedrive shows (hash keys of fields the account does not define
/// round-trip as hashes). <see cref="UpsertManyAsync"/> runs one upsert per contact: Pipedrive has no batch endpoint.
/// </remarks>
internal sealed class PipedriveContactClient : IContactClient
{
    private const string TokenPrefix = "persons:";
    private readonly MartechProviderMetadata _metadata;
    private readonly PipedrivePersons _persons;
    private readonly PipedriveOptions _options;

    public PipedriveContactClient(MartechProviderMetadata metadata, PipedrivePersons persons, PipedriveOptions options)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(options);
        _metadata = metadata;
        _persons = persons;
        _options = options;
    }

    public async Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        long personId = PipedriveIds.ParsePersonId(id, nameof(id));
        cancellationToken.ThrowIfCancellationRequested();
        PipedrivePerson? person = await _persons.GetAsync(personId, "contacts.get", cancellationToken).ConfigureAwait(false);
        return person is null ? null : await _persons.ToContactAsync(person, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        if (email.IsEmpty)
        {
            throw new ArgumentException("The email address is empty.", nameof(email));
        }

        cancellationToken.ThrowIfCancellationRequested();
        long? id = await _persons.FindIdAsync(email, "contacts.search", cancellationToken).ConfigureAwait(false);
        if (id is not long personId)
        {
            return null;
        }

        PipedrivePerson? person = await _persons.GetAsync(personId, "contacts.get", cancellationToken).ConfigureAwait(false);
        return person is null ? null : await _persons.ToContactAsync(person, cancellationToken).ConfigureAwait(false);
    }

    public Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ContactMatchKey matchBy = CheckMatchKey(options);
        if (FindKeyProblem(contact, matchBy) is { } problem)
        {
            throw problem.ToException(nameof(contact));
        }

        if (matchBy != ContactMatchKey.Email && contact.Id is not null)
        {
            PipedriveIds.ParsePersonId(contact.Id, nameof(contact));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return _persons.UpsertAsync(contact, matchBy, knownId: null, tracker: null, cancellationToken);
    }

    public Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        options ??= new ContactUpsertOptions();
        options.Validate();
        ContactMatchKey matchBy = CheckMatchKey(options);
        cancellationToken.ThrowIfCancellationRequested();

        // A snapshot, so a caller changing its list meanwhile cannot change what is processed.
        Contact?[] items = [.. contacts];
        return PipedriveContactBulk.RunAsync(_persons, items, matchBy, options, cancellationToken);
    }

    public AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.ContinuationToken is { } resume)
        {
            ParseToken(resume);
        }

        DateTimeOffset? updatedSince = options?.UpdatedSince;
        LifecycleStage? stage = options?.LifecycleStage;
        return AsyncPageable.Create<Contact>(
            async (token, pageSize, ct) =>
            {
                string? cursor = ParseToken(token);
                int limit = Math.Clamp(pageSize ?? _options.DefaultPageSize, 1, PipedriveOptions.MaxPageSize);
                var (persons, next) = await _persons.ListAsync(cursor, limit, updatedSince, ct).ConfigureAwait(false);
                PipedriveFieldSet fields = await _persons.Catalog.GetAsync(PipedriveEntity.Person, ct).ConfigureAwait(false);
                var contacts = new List<Contact>(persons.Count);
                foreach (PipedrivePerson person in persons)
                {
                    if (person.IsDeleted == true)
                    {
                        continue;
                    }

                    // Pipedrive cannot filter persons by a custom field: the stage is filtered here.
                    Contact contact = _persons.Mapper.ToContact(person, fields);
                    if (stage is null || contact.LifecycleStage == stage)
                    {
                        contacts.Add(contact);
                    }
                }

                return new Page<Contact>(contacts, next is null ? null : TokenPrefix + next);
            },
            options?.ContinuationToken,
            options?.PageSize,
            cancellationToken);
    }

    public Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.Erase == true)
        {
            throw new NotSupportedException(
                "Pipedrive's API has no permanent erasure: DELETE /persons/{id} marks a person deleted and Pipedrive removes it after 30 days. Delete without Erase, or use Pipedrive's own GDPR deletion.");
        }

        long personId = PipedriveIds.ParsePersonId(id, nameof(id));
        cancellationToken.ThrowIfCancellationRequested();
        return _persons.DeleteAsync(personId, cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        PipedriveServices.Get(this, _metadata, _options, serviceType, serviceKey);

    /// <summary>Says what key the contact lacks for the match, or which custom field name can name no field, naming the
    /// field; <see langword="null"/> when there is no such problem.</summary>
    internal static PipedriveProblem? FindKeyProblem(Contact contact, ContactMatchKey matchBy)
    {
        bool hasEmail = contact.Email is { IsEmpty: false };
        string? message = matchBy switch
        {
            ContactMatchKey.Id when string.IsNullOrWhiteSpace(contact.Id) => "Contact.Id is required when ContactUpsertOptions.MatchBy is Id.",
            ContactMatchKey.Email when !hasEmail => "Contact.Email is required when ContactUpsertOptions.MatchBy is Email.",
            ContactMatchKey.Auto when contact.Id is not null && string.IsNullOrWhiteSpace(contact.Id) => "Contact.Id is empty; leave it null to match by Contact.Email.",
            ContactMatchKey.Auto when contact.Id is null && !hasEmail => "The contact needs a Contact.Id or a Contact.Email to be upserted; it has neither.",
            _ => null,
        };
        string field = matchBy == ContactMatchKey.Id || (matchBy == ContactMatchKey.Auto && contact.Id is not null) ? nameof(Contact.Id) : nameof(Contact.Email);
        return message is null ? PipedriveFieldNames.FindProblem(contact.CustomFields, nameof(Contact)) : new PipedriveProblem(message, PipedriveProblem.MissingKey, field);
    }

    private static ContactMatchKey CheckMatchKey(ContactUpsertOptions? options)
    {
        ContactMatchKey matchBy = options?.MatchBy ?? ContactMatchKey.Auto;
        return matchBy is ContactMatchKey.Auto or ContactMatchKey.Email or ContactMatchKey.Id
            ? matchBy
            : throw new ArgumentOutOfRangeException(nameof(options), matchBy, "ContactUpsertOptions.MatchBy is not a known ContactMatchKey.");
    }

    private static string? ParseToken(string? token)
    {
        if (token is null)
        {
            return null;
        }

        return token.StartsWith(TokenPrefix, StringComparison.Ordinal) && token.Length > TokenPrefix.Length
            ? token[TokenPrefix.Length..]
            : throw new ArgumentException($"'{token}' is not a continuation token of a Pipedrive contact listing.", nameof(token));
    }
}
