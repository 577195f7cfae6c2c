namespace Martech.Sdk.HubSpot;

/// <summary>
/// The HubSpot <see cref="IContactClient"/> over the CRM v3 contacts API: get by id, find by email with a search,
/// upsert by email through <c>batch/upsert</c> (<c>idProperty=email</c>) or by id with a PATCH, bulk upserts in batches
/// of up to 100 with 207 partial failures mapped to their inputs, listings by <c>paging.next.after</c> (a search when
/// filtered), archive and GDPR delete.
/// </summary>
internal sealed class HubSpotContactClient : IContactClient
{
    private readonly MartechProviderMetadata _metadata;
    private readonly HubSpotOptions _options;
    private readonly MartechHttpTransport _transport;
    private readonly HubSpotObjectApi _api;
    private readonly HubSpotContactMapper _mapper;
    private readonly string _readQuery;
    private readonly string _existsQuery;

    public HubSpotContactClient(MartechProviderMetadata metadata, HubSpotOptions options, MartechHttpTransport transport, string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        _metadata = metadata;
        _options = options;
        _transport = transport;
        _api = new HubSpotObjectApi(transport, options.ObjectsPath, "contacts");
        _mapper = new HubSpotContactMapper(options, configurationPath);
        _readQuery = HubSpotPaths.PropertiesQuery(_mapper.ReadProperties);
        _existsQuery = HubSpotPaths.PropertiesQuery([HubSpotPropertyNames.ObjectId]);
    }

    public async Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        cancellationToken.ThrowIfCancellationRequested();
        HubSpotObject? found = await _api.GetAsync(id, _readQuery, cancellationToken).ConfigureAwait(false);
        return found is null ? null : _mapper.FromObject(found);
    }

    public async Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        if (email.IsEmpty)
        {
            throw new ArgumentException("The email address is empty.", nameof(email));
        }

        cancellationToken.ThrowIfCancellationRequested();
        var search = new HubSpotSearchRequest
        {
            FilterGroups = [new HubSpotFilterGroup { Filters = [new HubSpotFilter { PropertyName = HubSpotPropertyNames.Email, Operator = "EQ", Value = email.Value }] }],
            Properties = [.. _mapper.ReadProperties],
            Limit = 1,
        };
        HubSpotCollectionResponse page = await _api.SearchAsync(search, cancellationToken).ConfigureAwait(false);
        return page.Results is [{ } first, ..] ? _mapper.FromObject(first) : null;
    }

    /// <summary>Reads by email with <c>batch/read</c> and <c>idProperty=email</c>, <see cref="HubSpotOptions.MaxBatchSize"/>
    /// addresses a request: an exact match on HubSpot's unique property (no search index lag); addresses HubSpot does not
    /// know come back as errors of a 207 and are absent from the result.</summary>
    public async Task<IReadOnlyDictionary<EmailAddress, Contact>> FindByEmailsAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<EmailAddress> distinct = ContactClientExtensions.DistinctEmails(emails, nameof(emails));
        var wanted = new HashSet<EmailAddress>(distinct);

        cancellationToken.ThrowIfCancellationRequested();
        var found = new Dictionary<EmailAddress, Contact>();
        foreach (EmailAddress[] chunk in distinct.Chunk(_options.MaxBatchSize))
        {
            var input = new HubSpotBatchReadInput
            {
                Inputs = [.. chunk.Select(static e => new HubSpotObjectId { Id = e.Value })],
                Properties = [.. _mapper.ReadProperties],
                IdProperty = HubSpotPropertyNames.Email,
            };
            HubSpotBatchResponse read = await _api.BatchReadAsync(input, cancellationToken).ConfigureAwait(false);
            foreach (HubSpotObject item in read.Results ?? [])
            {
                Contact contact = _mapper.FromObject(item);
                if (contact.Email is { } email && wanted.Contains(email))
                {
                    found.TryAdd(email, contact);
                }
            }
        }

        return found;
    }

    public async Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ContactMatchKey matchBy = HubSpotContactKeys.Check(options?.MatchBy ?? ContactMatchKey.Auto, nameof(options));
        if (HubSpotContactKeys.FindProblem(contact, matchBy) is { } problem)
        {
            throw new ArgumentException(problem.Message, nameof(contact));
        }

        Dictionary<string, string> properties = _mapper.ToProperties(contact);
        cancellationToken.ThrowIfCancellationRequested();
        if (HubSpotContactKeys.MatchesById(contact, matchBy))
        {
            HubSpotObject updated = await _api.UpdateAsync(contact.Id!, properties, cancellationToken).ConfigureAwait(false);
            return new UpsertResult<Contact>(_mapper.FromObject(updated), Created: false);
        }

        HubSpotObject stored = await UpsertByEmailAsync(_api, contact.Email!.Value.Value, properties, cancellationToken).ConfigureAwait(false);
        return new UpsertResult<Contact>(_mapper.FromObject(stored), stored.New ?? false);
    }

    public Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        options ??= new ContactUpsertOptions();
        options.Validate();
        ContactMatchKey matchBy = HubSpotContactKeys.Check(options.MatchBy, nameof(options));
        cancellationToken.ThrowIfCancellationRequested();
        var bulk = new HubSpotContactBulkUpsert(_api, _mapper, [.. contacts], matchBy, options, _options.MaxBatchSize);
        return bulk.RunAsync(cancellationToken);
    }

    public AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.PageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "ListOptions.PageSize must be positive.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var filters = new List<HubSpotFilter>(2);
        if (options?.LifecycleStage is { Value.Length: > 0 } stage)
        {
            filters.Add(new HubSpotFilter { PropertyName = HubSpotPropertyNames.LifecycleStage, Operator = "EQ", Value = stage.Value });
        }

        if (options?.UpdatedSince is { } since)
        {
            filters.Add(new HubSpotFilter { PropertyName = HubSpotPropertyNames.ContactModified, Operator = "GTE", Value = HubSpotValues.ToEpochMilliseconds(since) });
        }

        return AsyncPageable.Create<Contact>(
            filters.Count == 0 ? ListPageAsync : (after, size, ct) => SearchPageAsync(filters, after, size, ct),
            options?.ContinuationToken,
            options?.PageSize,
            cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        cancellationToken.ThrowIfCancellationRequested();

        // Checked first, so "no such contact" is reported the same way whatever HubSpot answers a delete of one.
        if (await _api.GetAsync(id, _existsQuery, cancellationToken).ConfigureAwait(false) is null)
        {
            return false;
        }

        return options?.Erase == true
            ? await _api.GdprDeleteAsync(id, cancellationToken).ConfigureAwait(false)
            : await _api.ArchiveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        HubSpotServices.Get(this, _metadata, _options, _transport, serviceType, serviceKey);

    /// <summary>Upserts one contact by email with <c>batch/upsert</c> and returns it, or throws for its error.</summary>
    internal static async Task<HubSpotObject> UpsertByEmailAsync(HubSpotObjectApi api, string email, Dictionary<string, string> properties, CancellationToken cancellationToken)
    {
        var input = new HubSpotBatchInput { Inputs = [new HubSpotBatchInputItem { Id = email, IdProperty = HubSpotPropertyNames.Email, Properties = properties }] };
        HubSpotBatchResponse response = await api.BatchUpsertAsync(input, cancellationToken).ConfigureAwait(false);
        if (response.Errors is [{ } error, ..])
        {
            throw HubSpotBatchErrors.ToException(error, api.Provider, api.ObjectType + ".batch.upsert", api.Redactor);
        }

        return response.Results is [{ } stored, ..]
            ? stored
            : throw new MartechRequestException($"{api.Provider} {api.ObjectType}.batch.upsert: HubSpot answered without a result or an error for the contact.")
            {
                Provider = api.Provider,
                StatusCode = System.Net.HttpStatusCode.OK,
            };
    }

    private async ValueTask<Page<Contact>> ListPageAsync(string? after, int? pageSize, CancellationToken cancellationToken)
    {
        HubSpotCollectionResponse page = await _api.ListAsync(_api.Paths.ListPage(PageSize(pageSize), after, _readQuery), cancellationToken).ConfigureAwait(false);
        return ToPage(page);
    }

    private async ValueTask<Page<Contact>> SearchPageAsync(List<HubSpotFilter> filters, string? after, int? pageSize, CancellationToken cancellationToken)
    {
        var search = new HubSpotSearchRequest
        {
            FilterGroups = [new HubSpotFilterGroup { Filters = filters }],
            Properties = [.. _mapper.ReadProperties],
            Limit = PageSize(pageSize),
            After = after,
        };
        HubSpotCollectionResponse page = await _api.SearchAsync(search, cancellationToken).ConfigureAwait(false);
        return ToPage(page);
    }

    private int PageSize(int? requested) => Math.Clamp(requested ?? _options.MaxPageSize, 1, _options.MaxPageSize);

    private Page<Contact> ToPage(HubSpotCollectionResponse page)
    {
        var items = new List<Contact>(page.Results?.Count ?? 0);
        foreach (HubSpotObject result in page.Results ?? [])
        {
            items.Add(_mapper.FromObject(result));
        }

        return new Page<Contact>(items, page.Paging?.Next?.After is { Length: > 0 } next ? next : null);
    }
}
