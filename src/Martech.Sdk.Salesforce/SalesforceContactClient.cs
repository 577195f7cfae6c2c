using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// <see cref="IContactClient"/> on the Salesforce Contact sObject.
/// </summary>
/// <remarks>
/// <para>Reads use SOQL with <c>FIELDS(STANDARD)</c> plus the custom fields of the object's describe (and
/// <c>Account.Name</c> for the company), so custom fields come back. Upserts by id update with
/// <c>PATCH /sobjects/Contact/{id}</c>; upserts by email either use the external-id field configured in
/// <see cref="SalesforceOptions.ContactEmailExternalIdField"/> (<c>PATCH /sobjects/Contact/{field}/{email}</c>) or find the
/// contact with SOQL and then create (<c>POST /sobjects/Contact/</c>) or update it. An address held by several contacts
/// (Salesforce allows it) is refused with the code <c>MULTIPLE_CHOICES</c> rather than guessed; single upserts read the
/// stored contact back.</para>
/// <para>Bulk upserts use sObject Collections (200 records a request, <c>allOrNone</c> off): one SOQL lookup for the
/// batch's addresses, then one create and one update request (or one collection upsert by external id), with each
/// SaveResult matched to its input item. Their results carry the contact as sent, with its Salesforce id.</para>
/// <para>Deleting moves the contact to the recycle bin; Salesforce REST has no permanent erasure, so
/// <see cref="ContactDeleteOptions.Erase"/> throws <see cref="NotSupportedException"/>.</para>
/// </remarks>
internal sealed class SalesforceContactClient : IContactClient
{
    private const string Type = ContactMapping.Type;
    private readonly SalesforceConnection _connection;
    private readonly ContactMapping _mapping;
    private readonly AccountResolver _accounts;

    public SalesforceContactClient(SalesforceConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _mapping = new ContactMapping(connection.Options);
        _accounts = new AccountResolver(connection);
    }

    private SalesforceOptions Options => _connection.Options;

    private string? ExternalIdField => Options.ContactEmailExternalIdField;

    public async Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        SalesforceIds.Require(id, nameof(id));
        cancellationToken.ThrowIfCancellationRequested();
        return await QueryOneAsync($"Id = {Soql.Quote(id)}", "contacts.get", cancellationToken).ConfigureAwait(false);
    }

    public async Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        if (email.IsEmpty)
        {
            throw new ArgumentException("The email address is empty.", nameof(email));
        }

        cancellationToken.ThrowIfCancellationRequested();

        // Salesforce allows one address on several contacts: the oldest is the one found.
        return await QueryOneAsync($"Email = {Soql.Quote(email.Value)} ORDER BY CreatedDate, Id", "contacts.find", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads by email with one SOQL query per group of at most 100 addresses (<c>Email IN (…)</c>, cut by
    /// <see cref="Soql.Chunk"/> so the URL-encoded list stays well inside Salesforce's 16,384-byte request line however
    /// long the addresses), following <c>nextRecordsUrl</c>; where several contacts share an address, the oldest is the
    /// one found, as for <see cref="FindByEmailAsync"/>.</summary>
    public async Task<IReadOnlyDictionary<EmailAddress, Contact>> FindByEmailsAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<EmailAddress> distinct = ContactClientExtensions.DistinctEmails(emails, nameof(emails));

        cancellationToken.ThrowIfCancellationRequested();
        var found = new Dictionary<EmailAddress, Contact>();
        if (distinct.Count == 0)
        {
            return found;
        }

        SObjectDescription description = await _connection.DescribeAsync(Type, cancellationToken).ConfigureAwait(false);
        var wanted = new HashSet<EmailAddress>(distinct);
        foreach (List<string> group in Soql.Chunk(distinct.Select(static e => e.Value), maxCount: 100))
        {
            string soql = $"SELECT {_mapping.SelectList(description)} FROM {Type} WHERE Email IN {Soql.InList(group)} ORDER BY CreatedDate, Id";
            SalesforceQueryResult result = await _connection.QueryAsync(soql, null, "contacts.find_many", cancellationToken).ConfigureAwait(false);
            while (true)
            {
                foreach (System.Text.Json.JsonElement record in result.Records ?? [])
                {
                    Contact contact = _mapping.Read(record);
                    if (contact.Email is { } email && wanted.Contains(email))
                    {
                        found.TryAdd(email, contact);
                    }
                }

                if (result.Done || result.NextRecordsUrl is not { } next)
                {
                    break;
                }

                result = await _connection.QueryMoreAsync(next, "contacts.find_many", cancellationToken).ConfigureAwait(false);
            }
        }

        return found;
    }

    public async Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ContactMatchKey matchBy = CheckMatchKey(options);
        if (FindKeyProblem(contact, matchBy) is { } problem)
        {
            throw new ArgumentException(problem.Message, nameof(contact));
        }

        bool byId = UsesId(contact, matchBy);
        if (byId)
        {
            SalesforceIds.Require(contact.Id, "contact.Id");
        }

        SalesforceFieldNames.ThrowIfInvalid(contact.CustomFields, nameof(Contact), nameof(contact));

        cancellationToken.ThrowIfCancellationRequested();
        SObjectDescription? description = contact.CustomFields.Count > 0
            ? await _connection.DescribeAsync(Type, cancellationToken).ConfigureAwait(false)
            : null;
        string? accountId = await ResolveAccountAsync(contact, cancellationToken).ConfigureAwait(false);
        if (byId)
        {
            SObjectRecord update = _mapping.Write(contact, WriteKind.Update, description, accountId, creates: false);
            await _connection.UpdateAsync(Type, contact.Id!, update, "contacts.update", cancellationToken).ConfigureAwait(false);
            _connection.ForgetDescribeIfStale(Type, [update]);
            return new UpsertResult<Contact>(await ReadBackAsync(contact.Id!, cancellationToken).ConfigureAwait(false), false);
        }

        string email = contact.Email!.Value.Value;
        if (ExternalIdField is { } field)
        {
            bool creates = NeedsDefaultLastName(contact)
                && (await FindIdsAsync(field, [email], "contacts.lookup", cancellationToken).ConfigureAwait(false)).Count == 0;
            SObjectRecord upsert = _mapping.Write(contact, WriteKind.Upsert, description, accountId, creates);
            upsert.Remove(field);
            var (id, created) = await _connection.UpsertByExternalIdAsync(Type, field, email, upsert, "contacts.upsert", cancellationToken).ConfigureAwait(false);
            _connection.ForgetDescribeIfStale(Type, [upsert]);

            // API versions before 46.0 answer an update with 204 and no id.
            id ??= (await FindIdsAsync(field, [email], "contacts.lookup", cancellationToken).ConfigureAwait(false)).GetValueOrDefault(email)?.FirstOrDefault()
                ?? throw new MartechRequestException($"{_connection.Name} contacts.upsert: Salesforce updated the contact for '{email}' but it could not be found afterwards.") { Provider = _connection.Name };
            return new UpsertResult<Contact>(await ReadBackAsync(id, cancellationToken).ConfigureAwait(false), created);
        }

        List<string> matches = (await FindIdsAsync("Email", [email], "contacts.lookup", cancellationToken).ConfigureAwait(false)).GetValueOrDefault(email) ?? [];
        if (matches.Count > 1)
        {
            throw MultipleMatches(email, matches);
        }

        if (matches.Count == 1)
        {
            SObjectRecord update = _mapping.Write(contact, WriteKind.Update, description, accountId, creates: false);
            await _connection.UpdateAsync(Type, matches[0], update, "contacts.update", cancellationToken).ConfigureAwait(false);
            _connection.ForgetDescribeIfStale(Type, [update]);
            return new UpsertResult<Contact>(await ReadBackAsync(matches[0], cancellationToken).ConfigureAwait(false), false);
        }

        SObjectRecord create = _mapping.Write(contact, WriteKind.Create, description, accountId, creates: true);
        string createdId = await _connection.CreateAsync(Type, create, "contacts.create", cancellationToken).ConfigureAwait(false);
        _connection.ForgetDescribeIfStale(Type, [create]);
        return new UpsertResult<Contact>(await ReadBackAsync(createdId, cancellationToken).ConfigureAwait(false), true);
    }

    public async Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        options ??= new ContactUpsertOptions();
        options.Validate();
        ContactMatchKey matchBy = CheckMatchKey(options);
        cancellationToken.ThrowIfCancellationRequested();

        // A snapshot, so that a caller changing its list while the batches run cannot change what is processed.
        Contact?[] items = [.. contacts];
        var byId = new bool[items.Length];
        BulkItemResult<Contact>? Precheck(int index)
        {
            Contact? contact = items[index];
            if (contact is null)
            {
                return Failed(index, new BulkItemError($"The contact at index {index} is null.", "NULL_ITEM"));
            }

            if (FindKeyProblem(contact, matchBy) is { } problem)
            {
                return Failed(index, new BulkItemError(problem.Message, "MISSING_KEY", problem.Field));
            }

            if (SalesforceFieldNames.FindProblem(contact.CustomFields, nameof(Contact)) is { } nameProblem)
            {
                return Failed(index, new BulkItemError(nameProblem, "INVALID_FIELD_NAME", nameof(Contact.CustomFields)));
            }

            byId[index] = UsesId(contact, matchBy);
            if (byId[index] && !SalesforceIds.IsWellFormed(contact.Id))
            {
                return Failed(index, new BulkItemError($"Contact.Id '{contact.Id}' is not a Salesforce record id (15 or 18 letters and digits).", "MALFORMED_ID", nameof(Contact.Id)));
            }

            return null;
        }

        // The 15- and 18-character forms of an id are one record; addresses compare ignoring case, as SOQL does.
        string? KeyOf(int index) => byId[index] ? "id:" + items[index]!.Id![..15] : "email:" + items[index]!.Email!.Value.Value.ToUpperInvariant();

        // Companies are resolved up front, once each, so that concurrent batches cannot create an Account twice.
        Dictionary<string, AccountMatch>? accounts = null;
        bool anyCustomFields = false;
        var prechecked = new BulkItemResult<Contact>?[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            prechecked[i] = Precheck(i);
            anyCustomFields |= prechecked[i] is null && items[i]!.CustomFields.Count > 0;
        }

        if (_mapping.AccountMode)
        {
            var companies = new List<string>();
            for (int i = 0; i < items.Length; i++)
            {
                if (prechecked[i] is null && items[i]!.Company is { } company && !string.IsNullOrWhiteSpace(company))
                {
                    companies.Add(company);
                }
            }

            if (companies.Count > 0)
            {
                try
                {
                    accounts = await _accounts.ResolveAsync(companies, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    // Cancelled after the call started: no contact was sent, and the run below reports each one cancelled.
                }
            }
        }

        return await SalesforceBulk.RunAsync<Contact>(
            items.Length,
            options,
            index => prechecked[index],
            KeyOf,
            (round, results, ct) => UpsertRoundAsync(items, byId, round, results, accounts, anyCustomFields, ct),
            cancellationToken).ConfigureAwait(false);
    }

    public AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conditions = new List<string>(2);
        if (options?.UpdatedSince is { } since)
        {
            conditions.Add("LastModifiedDate >= " + Soql.DateTimeFloor(since));
        }

        if (options?.LifecycleStage is { } stage)
        {
            string field = Options.ContactLifecycleStageField
                ?? throw new NotSupportedException($"Listing contacts by lifecycle stage needs a Contact field for it: set {_connection.Name}'s ContactLifecycleStageField (Salesforce has no standard one).");
            conditions.Add($"{field} = {Soql.Quote(stage.Value)}");
        }

        return SoqlListing.Create(
            _connection,
            Type,
            async ct => _mapping.SelectList(await _connection.DescribeAsync(Type, ct).ConfigureAwait(false)),
            conditions,
            _mapping.Read,
            options,
            "contacts.list",
            null,
            cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        SalesforceIds.Require(id, nameof(id));
        if (options?.Erase == true)
        {
            throw new NotSupportedException(
                "Salesforce REST cannot erase a contact permanently: a delete moves it to the recycle bin. Use Salesforce's own tools (the Bulk API's hardDelete, or emptying the recycle bin) for an erasure request; nothing was deleted.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await _connection.DeleteAsync(Type, id, "contacts.delete", cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(_connection.Options) ? _connection.Options
            : serviceType == typeof(MartechProviderMetadata) ? _connection.Metadata
            : null;
    }

    private static BulkItemResult<Contact> Failed(int index, BulkItemError error) => new(index, BulkItemStatus.Failed, null, error);

    private static ContactMatchKey CheckMatchKey(ContactUpsertOptions? options)
    {
        ContactMatchKey matchBy = options?.MatchBy ?? ContactMatchKey.Auto;
        return matchBy is ContactMatchKey.Auto or ContactMatchKey.Email or ContactMatchKey.Id
            ? matchBy
            : throw new ArgumentOutOfRangeException(nameof(options), matchBy, "ContactUpsertOptions.MatchBy is not a known ContactMatchKey.");
    }

    private static bool UsesId(Contact contact, ContactMatchKey matchBy) =>
        matchBy == ContactMatchKey.Id || (matchBy == ContactMatchKey.Auto && contact.Id is not null);

    /// <summary>Says what key the contact lacks for the match, naming the field; <see langword="null"/> when it has it.</summary>
    private static (string Message, string Field)? FindKeyProblem(Contact contact, ContactMatchKey matchBy)
    {
        bool hasEmail = contact.Email is { IsEmpty: false };
        return matchBy switch
        {
            ContactMatchKey.Id when string.IsNullOrWhiteSpace(contact.Id) => ("Contact.Id is required when ContactUpsertOptions.MatchBy is Id.", nameof(Contact.Id)),
            ContactMatchKey.Email when !hasEmail => ("Contact.Email is required when ContactUpsertOptions.MatchBy is Email.", nameof(Contact.Email)),
            ContactMatchKey.Auto when contact.Id is not null && string.IsNullOrWhiteSpace(contact.Id) => ("Contact.Id is empty; leave it null to match by Contact.Email.", nameof(Contact.Id)),
            ContactMatchKey.Auto when contact.Id is null && !hasEmail => ("The contact needs a Contact.Id or a Contact.Email to be upserted; it has neither.", nameof(Contact.Email)),
            _ => null,
        };
    }

    private bool NeedsDefaultLastName(Contact contact) =>
        Options.DefaultLastName is not null && string.IsNullOrWhiteSpace(contact.LastName)
        && !(contact.CustomFields.TryGetValue("LastName", out JsonElement raw) && !string.IsNullOrWhiteSpace(SalesforceValues.String(raw)));

    private MartechRequestException MultipleMatches(string email, List<string> ids) =>
        new($"{_connection.Name} contacts.upsert: {ids.Count} Salesforce contacts have the address '{email}' ({string.Join(", ", ids)}); upsert by email refuses to choose. Merge them, or upsert by id.")
        {
            Provider = _connection.Name,
            ErrorCode = SalesforceErrorMapper.MultipleChoicesCode,
            FieldErrors = [new MartechFieldError(nameof(Contact.Email), "matches several contacts", SalesforceErrorMapper.MultipleChoicesCode)],
        };

    private async Task<Contact?> QueryOneAsync(string condition, string operation, CancellationToken cancellationToken)
    {
        SObjectDescription description = await _connection.DescribeAsync(Type, cancellationToken).ConfigureAwait(false);
        string soql = $"SELECT {_mapping.SelectList(description)} FROM {Type} WHERE {condition} LIMIT 1";
        SalesforceQueryResult result = await _connection.QueryAsync(soql, null, operation, cancellationToken).ConfigureAwait(false);
        return result.Records is [var record, ..] ? _mapping.Read(record) : null;
    }

    private async Task<Contact> ReadBackAsync(string id, CancellationToken cancellationToken) =>
        await QueryOneAsync($"Id = {Soql.Quote(id)}", "contacts.get", cancellationToken).ConfigureAwait(false)
            ?? throw new MartechNotFoundException($"{_connection.Name}: the Salesforce contact {id} was written but is gone when read back (deleted meanwhile?).")
            {
                Provider = _connection.Name,
            };

    private async Task<string?> ResolveAccountAsync(Contact contact, CancellationToken cancellationToken)
    {
        if (!_mapping.AccountMode || string.IsNullOrWhiteSpace(contact.Company))
        {
            return null;
        }

        string company = contact.Company;

        AccountMatch match = (await _accounts.ResolveAsync([company], cancellationToken).ConfigureAwait(false))[company];
        if (match.Error is { } error)
        {
            throw error.Exception as MartechException ?? new MartechRequestException($"{_connection.Name} contacts.upsert: {error.Message}")
            {
                Provider = _connection.Name,
                ErrorCode = error.Code,
                FieldErrors = [new MartechFieldError(nameof(Contact.Company), error.Message, error.Code)],
            };
        }

        return match.Choose(CurrentAccountId(contact));
    }

    private static string? CurrentAccountId(Contact contact) =>
        contact.CustomFields.TryGetValue("AccountId", out JsonElement value) ? SalesforceValues.String(value) : null;

    /// <summary>Finds contact ids by a field's values (Email, or the external-id field), oldest first, per value
    /// (keys ignore case, as SOQL's comparison does).</summary>
    private async Task<Dictionary<string, List<string>>> FindIdsAsync(string field, IReadOnlyCollection<string> values, string operation, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (List<string> group in Soql.Chunk(values))
        {
            string soql = $"SELECT Id, {field} FROM {Type} WHERE {field} IN {Soql.InList(group)} ORDER BY CreatedDate, Id";
            SalesforceQueryResult result = await _connection.QueryAsync(soql, null, operation, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                foreach (JsonElement record in result.Records)
                {
                    if (record.TryGetProperty("Id", out JsonElement id) && SalesforceValues.String(id) is { } idText
                        && record.TryGetProperty(field, out JsonElement key) && SalesforceValues.String(key) is { } keyText)
                    {
                        (found.TryGetValue(keyText, out List<string>? ids) ? ids : found[keyText] = []).Add(idText);
                    }
                }

                if (result.Done || result.NextRecordsUrl is null)
                {
                    break;
                }

                result = await _connection.QueryMoreAsync(result.NextRecordsUrl, operation, cancellationToken).ConfigureAwait(false);
            }
        }

        return found;
    }

    /// <summary>Upserts one round of a batch: valid items whose keys are all different.</summary>
    private async Task UpsertRoundAsync(
        Contact?[] items,
        bool[] byId,
        IReadOnlyList<int> round,
        BulkRun<Contact> results,
        Dictionary<string, AccountMatch>? accounts,
        bool anyCustomFields,
        CancellationToken cancellationToken)
    {
        SObjectDescription? description = anyCustomFields ? await _connection.DescribeAsync(Type, cancellationToken).ConfigureAwait(false) : null;

        // Each item's Account first: an item whose company has none fails alone.
        var accountIds = new Dictionary<int, string?>();
        var pending = new List<int>(round.Count);
        foreach (int index in round)
        {
            Contact contact = items[index]!;
            string? accountId = null;
            if (accounts is not null && contact.Company is { } company && accounts.TryGetValue(company, out AccountMatch? match))
            {
                if (match.Error is { } error)
                {
                    results.Settle(Failed(index, error));
                    continue;
                }

                accountId = match.Choose(CurrentAccountId(contact));
            }

            accountIds[index] = accountId;
            pending.Add(index);
        }

        var creates = new List<int>();
        var updates = new List<(int Index, string Id)>();
        var upserts = new List<int>();
        var upsertCreates = new HashSet<int>();
        var byEmail = new List<int>();
        foreach (int index in pending)
        {
            if (byId[index])
            {
                updates.Add((index, items[index]!.Id!));
            }
            else
            {
                byEmail.Add(index);
            }
        }

        if (byEmail.Count > 0)
        {
            // Without an external id, every address is looked up; with one, only those of contacts without a last
            // name, to know whether the upsert creates (and so needs the default last name).
            HashSet<int> lookFor = ExternalIdField is null ? [.. byEmail] : [.. byEmail.Where(i => NeedsDefaultLastName(items[i]!))];
            Dictionary<string, List<string>> found = lookFor.Count == 0
                ? new(StringComparer.OrdinalIgnoreCase)
                : await FindIdsAsync(ExternalIdField ?? "Email", [.. lookFor.Select(i => items[i]!.Email!.Value.Value)], "contacts.batch.lookup", cancellationToken).ConfigureAwait(false);
            foreach (int index in byEmail)
            {
                string email = items[index]!.Email!.Value.Value;
                List<string>? ids = found.GetValueOrDefault(email);
                if (ExternalIdField is not null)
                {
                    upserts.Add(index);
                    if (ids is null or { Count: 0 } && lookFor.Contains(index))
                    {
                        upsertCreates.Add(index);
                    }
                }
                else if (ids is null or { Count: 0 })
                {
                    creates.Add(index);
                }
                else if (ids.Count == 1)
                {
                    updates.Add((index, ids[0]));
                }
                else
                {
                    MartechRequestException ex = MultipleMatches(email, ids);
                    results.Settle(Failed(index, new BulkItemError(ex.Message, ex.ErrorCode, nameof(Contact.Email))));
                }
            }
        }

        if (creates.Count > 0)
        {
            var records = creates.Select(i => _mapping.Write(items[i]!, WriteKind.Create, description, accountIds[i], creates: true)).ToList();
            await WriteAsync(creates, results, ct => _connection.CreateCollectionAsync(Type, records, "contacts.batch.create", ct), (index, result) =>
                new BulkItemResult<Contact>(index, BulkItemStatus.Created, items[index]! with { Id = result.Id }), cancellationToken).ConfigureAwait(false);
            _connection.ForgetDescribeIfStale(Type, records);
        }

        if (updates.Count > 0)
        {
            var records = updates.Select(u => (_mapping.Write(items[u.Index]!, WriteKind.Update, description, accountIds[u.Index], creates: false), u.Id)).ToList();
            var updatedIds = updates.ToDictionary(static u => u.Index, static u => u.Id);
            await WriteAsync([.. updates.Select(static u => u.Index)], results, ct => _connection.UpdateCollectionAsync(Type, records, "contacts.batch.update", ct), (index, result) =>
                new BulkItemResult<Contact>(index, BulkItemStatus.Updated, items[index]! with { Id = result.Id ?? updatedIds[index] }), cancellationToken).ConfigureAwait(false);
            _connection.ForgetDescribeIfStale(Type, records.Select(static r => r.Item1));
        }

        if (upserts.Count > 0)
        {
            string field = ExternalIdField!;
            var records = upserts.Select(i =>
            {
                SObjectRecord record = _mapping.Write(items[i]!, WriteKind.Upsert, description, accountIds[i], upsertCreates.Contains(i));
                record.Set(field, items[i]!.Email!.Value.Value);
                return record;
            }).ToList();
            await WriteAsync(upserts, results, ct => _connection.UpsertCollectionAsync(Type, field, records, "contacts.batch.upsert", ct), (index, result) =>
                new BulkItemResult<Contact>(index, result.Created == true ? BulkItemStatus.Created : BulkItemStatus.Updated, items[index]! with { Id = result.Id }), cancellationToken).ConfigureAwait(false);
            _connection.ForgetDescribeIfStale(Type, records);
        }
    }

    /// <summary>Sends one collection request for some items and records each item's outcome from its SaveResult, or from
    /// the request's failure.</summary>
    private static async Task WriteAsync(
        List<int> indexes,
        BulkRun<Contact> results,
        Func<CancellationToken, Task<IReadOnlyList<SalesforceSaveResult>>> send,
        Func<int, SalesforceSaveResult, BulkItemResult<Contact>> succeeded,
        CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return; // the runner reports them cancelled
        }

        IReadOnlyList<SalesforceSaveResult> saved;
        try
        {
            saved = await send(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MartechException or OperationCanceledException)
        {
            foreach (int index in indexes)
            {
                results.Settle(SalesforceBulk.Failed<Contact>(index, ex, write: true, cancellationToken));
            }

            return;
        }

        for (int i = 0; i < indexes.Count; i++)
        {
            int index = indexes[i];
            results.Settle(saved[i].Success ? succeeded(index, saved[i]) : SalesforceBulk.Failed<Contact>(index, saved[i]));
        }
    }
}
