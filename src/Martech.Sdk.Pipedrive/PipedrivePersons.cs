using System.Globalization;
using System.Text;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// The v2 persons endpoints and the upsert built on them, shared by the contact client and the lead client (a lead's
/// email, names, phone and company live on its person).
/// </summary>
internal sealed class PipedrivePersons
{
    /// <summary>The most ids <c>GET /persons?ids=</c> takes.</summary>
    public const int MaxIdsPerRequest = 100;

    private readonly PipedriveApi _api;
    private readonly string _include;

    public PipedrivePersons(PipedriveApi api, PipedriveFieldCatalog catalog, PipedriveOptions options)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        _api = api;
        Catalog = catalog;
        Mapper = new PipedrivePersonMapper(options);

        // marketing_status is returned only when asked for (and only with Pipedrive Campaigns).
        _include = options.UseMarketingStatus ? "include_fields=marketing_status" : string.Empty;
    }

    public PipedriveApi Api => _api;

    public PipedriveFieldCatalog Catalog { get; }

    public PipedrivePersonMapper Mapper { get; }

    /// <summary>Gets a person; <see langword="null"/> when there is none or it is deleted.</summary>
    public async Task<PipedrivePerson?> GetAsync(long id, string operation, CancellationToken cancellationToken)
    {
        string path = _include.Length == 0 ? $"persons/{PipedriveIds.Text(id)}" : $"persons/{PipedriveIds.Text(id)}?{_include}";
        PipedriveEnvelope<PipedrivePerson>? envelope = await _api
            .GetOrNullAsync(PipedriveApi.V2(path), PipedriveJsonContext.Default.PipedriveEnvelopePipedrivePerson, operation, cancellationToken)
            .ConfigureAwait(false);
        PipedrivePerson? person = envelope?.Data;
        return person is null || person.IsDeleted == true ? null : person;
    }

    /// <summary>Finds the person with an email address (any of its addresses, ignoring case) through
    /// <c>GET /persons/search?term=…&amp;fields=email&amp;exact_match=true</c>; the lowest id when several have it.</summary>
    public async Task<long?> FindIdAsync(EmailAddress email, string operation, CancellationToken cancellationToken)
    {
        string path = $"persons/search?term={Uri.EscapeDataString(email.Value)}&fields=email&exact_match=true";
        PipedriveEnvelope<PipedriveSearchResult> envelope = await _api
            .SendAsync(HttpMethod.Get, PipedriveApi.V2(path), PipedriveJsonContext.Default.PipedriveEnvelopePipedriveSearchResult, operation, cancellationToken)
            .ConfigureAwait(false);
        long? best = null;
        foreach (PipedriveSearchEntry entry in envelope.Data?.Items ?? [])
        {
            if (entry.Item is not { } item || item.Id <= 0 || (best is long current && current <= item.Id))
            {
                continue;
            }

            foreach (string value in item.Emails ?? [])
            {
                if (EmailAddress.TryParse(value, out EmailAddress found) && found == email)
                {
                    best = item.Id;
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>Gets persons by id, up to <see cref="MaxIdsPerRequest"/> a request; missing and deleted ones are left out.</summary>
    public async Task<Dictionary<long, PipedrivePerson>> GetManyAsync(IReadOnlyCollection<long> ids, string operation, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, PipedrivePerson>(ids.Count);
        long[] all = [.. ids.Distinct()];
        for (int offset = 0; offset < all.Length; offset += MaxIdsPerRequest)
        {
            int count = Math.Min(MaxIdsPerRequest, all.Length - offset);
            var path = new StringBuilder("persons?ids=");
            for (int i = 0; i < count; i++)
            {
                path.Append(i == 0 ? string.Empty : ",").Append(PipedriveIds.Text(all[offset + i]));
            }

            path.Append(CultureInfo.InvariantCulture, $"&limit={MaxIdsPerRequest}");
            if (_include.Length > 0)
            {
                path.Append('&').Append(_include);
            }

            PipedriveEnvelope<List<PipedrivePerson>> envelope = await _api
                .SendAsync(HttpMethod.Get, PipedriveApi.V2(path.ToString()), PipedriveJsonContext.Default.PipedriveEnvelopeListPipedrivePerson, operation, cancellationToken)
                .ConfigureAwait(false);
            foreach (PipedrivePerson person in envelope.Data ?? [])
            {
                if (person.IsDeleted != true)
                {
                    found[person.Id] = person;
                }
            }
        }

        return found;
    }

    /// <summary>Reads one page of <c>GET /persons</c> with cursor paging.</summary>
    public async Task<(List<PipedrivePerson> Items, string? NextCursor)> ListAsync(string? cursor, int limit, DateTimeOffset? updatedSince, CancellationToken cancellationToken)
    {
        var path = new StringBuilder("persons?limit=").Append(limit.ToString(CultureInfo.InvariantCulture));
        if (cursor is not null)
        {
            path.Append("&cursor=").Append(Uri.EscapeDataString(cursor));
        }

        if (updatedSince is { } since)
        {
            path.Append("&updated_since=").Append(Uri.EscapeDataString(Rfc3339(since)));
        }

        if (_include.Length > 0)
        {
            path.Append('&').Append(_include);
        }

        PipedriveEnvelope<List<PipedrivePerson>> envelope = await _api
            .SendAsync(HttpMethod.Get, PipedriveApi.V2(path.ToString()), PipedriveJsonContext.Default.PipedriveEnvelopeListPipedrivePerson, "contacts.list", cancellationToken)
            .ConfigureAwait(false);
        string? next = envelope.AdditionalData?.NextCursor;
        return (envelope.Data ?? [], string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>Deletes a person; <see langword="false"/> when there was none.</summary>
    public async Task<bool> DeleteAsync(long id, CancellationToken cancellationToken)
    {
        try
        {
            await _api.SendAsync(HttpMethod.Delete, PipedriveApi.V2($"persons/{PipedriveIds.Text(id)}"), PipedriveJsonContext.Default.PipedriveEnvelopeJsonElement, "contacts.delete", cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (MartechNotFoundException)
        {
            return false;
        }
    }

    /// <summary>
    /// Creates a person or updates the one that matches: by id (it must exist) or by email (searched, unless
    /// <paramref name="knownId"/> says which person has it). An update sends only what changes, and nothing when nothing
    /// does.
    /// </summary>
    public async Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactMatchKey matchBy, long? knownId, PipedriveWriteTracker? tracker, CancellationToken cancellationToken)
    {
        PipedriveFieldSet fields = await Catalog.GetAsync(PipedriveEntity.Person, cancellationToken).ConfigureAwait(false);

        // Custom field names and ids are checked before anything is read or written for the contact.
        PipedriveProblem? problem = Mapper.CheckFields(contact, fields);
        if (problem is { UnknownName: true })
        {
            fields = await Catalog.RefreshAsync(PipedriveEntity.Person, fields, cancellationToken).ConfigureAwait(false);
            problem = Mapper.CheckFields(contact, fields);
        }

        if (problem is not null)
        {
            throw new PipedriveProblemException(problem, nameof(contact));
        }

        bool byId = matchBy == ContactMatchKey.Id || (matchBy == ContactMatchKey.Auto && contact.Id is not null);
        PipedrivePerson? stored;
        if (byId)
        {
            long id = PipedriveIds.ParsePersonId(contact.Id, nameof(contact));
            stored = await GetAsync(id, "contacts.get", cancellationToken).ConfigureAwait(false)
                ?? throw _api.NotFound("contacts.upsert", $"there is no Pipedrive person with id {PipedriveIds.Text(id)}.");
        }
        else
        {
            long? id = knownId ?? await FindIdAsync(contact.Email!.Value, "contacts.search", cancellationToken).ConfigureAwait(false);
            stored = id is long found ? await GetAsync(found, "contacts.get", cancellationToken).ConfigureAwait(false) : null;
        }

        PipedrivePersonWrite body;
        (fields, body) = await BuildAsync(contact, stored, fields, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            tracker?.Start();
            PipedriveEnvelope<PipedrivePerson> created = await _api
                .SendAsync(HttpMethod.Post, PipedriveApi.V2("persons"), body, PipedriveJsonContext.Default.PipedrivePersonWrite, PipedriveJsonContext.Default.PipedriveEnvelopePipedrivePerson, "contacts.create", cancellationToken)
                .ConfigureAwait(false);
            PipedrivePerson person = created.Data ?? throw NoData("contacts.create");
            person.MarketingStatus ??= body.MarketingStatus;
            return new UpsertResult<Contact>(Mapper.ToContact(person, fields), Created: true);
        }

        if (body.IsEmpty)
        {
            return new UpsertResult<Contact>(Mapper.ToContact(stored, fields), Created: false);
        }

        tracker?.Start();
        PipedriveEnvelope<PipedrivePerson> updated = await _api
            .SendAsync(HttpMethod.Patch, PipedriveApi.V2($"persons/{PipedriveIds.Text(stored.Id)}"), body, PipedriveJsonContext.Default.PipedrivePersonWrite, PipedriveJsonContext.Default.PipedriveEnvelopePipedrivePerson, "contacts.update", cancellationToken)
            .ConfigureAwait(false);
        PipedrivePerson result = updated.Data ?? throw NoData("contacts.update");
        result.MarketingStatus ??= body.MarketingStatus ?? stored.MarketingStatus;
        return new UpsertResult<Contact>(Mapper.ToContact(result, fields), Created: false);
    }

    /// <summary>Maps a person with the current field definitions.</summary>
    public async Task<Contact> ToContactAsync(PipedrivePerson person, CancellationToken cancellationToken)
    {
        PipedriveFieldSet fields = await Catalog.GetAsync(PipedriveEntity.Person, cancellationToken).ConfigureAwait(false);
        return Mapper.ToContact(person, fields);
    }

    /// <summary>RFC 3339 in UTC to the second, as Pipedrive's <c>updated_since</c> takes it.</summary>
    internal static string Rfc3339(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    private async Task<(PipedriveFieldSet Fields, PipedrivePersonWrite Body)> BuildAsync(Contact contact, PipedrivePerson? stored, PipedriveFieldSet fields, CancellationToken cancellationToken)
    {
        PipedriveProblem? problem = Build(contact, stored, fields, out PipedrivePersonWrite body);
        if (problem is { UnknownName: true })
        {
            // The field may have been created since the definitions were cached: read them again, once.
            fields = await Catalog.RefreshAsync(PipedriveEntity.Person, fields, cancellationToken).ConfigureAwait(false);
            problem = Build(contact, stored, fields, out body);
        }

        return problem is null ? (fields, body) : throw new PipedriveProblemException(problem, nameof(contact));
    }

    private PipedriveProblem? Build(Contact contact, PipedrivePerson? stored, PipedriveFieldSet fields, out PipedrivePersonWrite body) =>
        stored is null ? Mapper.BuildCreate(contact, fields, out body) : Mapper.BuildUpdate(contact, stored, fields, out body);

    private MartechTransportException NoData(string operation) =>
        new($"{_api.Name} {operation}: Pipedrive answered success without the person in \"data\".") { Provider = _api.Name, Operation = operation, MayHaveBeenProcessed = true };
}
