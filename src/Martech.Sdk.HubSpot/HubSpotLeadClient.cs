namespace Martech.Sdk.HubSpot;

/// <summary>
/// The HubSpot <see cref="ILeadClient"/> over the CRM v3 leads object. HubSpot requires every lead to be associated
/// with a contact, and the lead's person data (email, names, company, phone) is that contact's: creating a lead
/// associates it with <see cref="Lead.ContactId"/>, or with the contact found or created by <see cref="Lead.Email"/>;
/// reading one reads its contact too. HubSpot has no lead conversion API, so <see cref="ConvertAsync"/> is not
/// supported.
/// </summary>
internal sealed class HubSpotLeadClient : ILeadClient
{
    private const string ContactsAssociation = "contacts";

    private readonly MartechProviderMetadata _metadata;
    private readonly HubSpotOptions _options;
    private readonly MartechHttpTransport _transport;
    private readonly HubSpotObjectApi _leads;
    private readonly HubSpotObjectApi _contacts;
    private readonly HubSpotLeadMapper _mapper;
    private readonly string _propertiesQuery;
    private readonly string _readQuery;
    private readonly string _personQuery;

    public HubSpotLeadClient(MartechProviderMetadata metadata, HubSpotOptions options, MartechHttpTransport transport, string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        _metadata = metadata;
        _options = options;
        _transport = transport;
        _leads = new HubSpotObjectApi(transport, options.ObjectsPath, "leads");
        _contacts = new HubSpotObjectApi(transport, options.ObjectsPath, "contacts");
        _mapper = new HubSpotLeadMapper(options, configurationPath);
        _propertiesQuery = HubSpotPaths.PropertiesQuery(_mapper.ReadProperties);
        _readQuery = _propertiesQuery + "&associations=" + ContactsAssociation;
        _personQuery = HubSpotPaths.PropertiesQuery(HubSpotContactMapper.PersonProperties);
    }

    public async Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.Id is not null)
        {
            throw new ArgumentException("Lead.Id must be null when creating a lead; HubSpot assigns it.", nameof(lead));
        }

        if (lead.ContactId is not null && string.IsNullOrWhiteSpace(lead.ContactId))
        {
            throw new ArgumentException("Lead.ContactId is empty; leave it null to find or create the contact by Lead.Email.", nameof(lead));
        }

        if (lead.ContactId is null && lead.Email is not { IsEmpty: false })
        {
            throw new ArgumentException(
                "HubSpot requires every lead to be associated with a contact: set Lead.ContactId, or Lead.Email so the contact is found or created by email.",
                nameof(lead));
        }

        // Checked before any call: a lead HubSpot could not store fails here, not after its contact was written.
        _mapper.ToProperties(lead, string.Empty);
        Dictionary<string, string> person = PersonProperties(lead);
        cancellationToken.ThrowIfCancellationRequested();

        HubSpotObject contact;
        if (lead.ContactId is { } contactId)
        {
            contact = await _contacts.GetAsync(contactId, _personQuery, cancellationToken).ConfigureAwait(false)
                ?? throw new MartechNotFoundException($"{_metadata.Name} leads.create: there is no contact '{contactId}' to associate the lead with.")
                {
                    Provider = _metadata.Name,
                    StatusCode = System.Net.HttpStatusCode.NotFound,
                    ErrorCode = HubSpotBatchErrors.ObjectNotFound,
                };

            // The lead's person data is its contact's: written there, and only where it differs (no needless write).
            Dictionary<string, string> changed = Changed(person, contact);
            if (changed.Count > 0)
            {
                contact = await _contacts.UpdateAsync(contactId, changed, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            contact = await HubSpotContactClient.UpsertByEmailAsync(_contacts, lead.Email!.Value.Value, person, cancellationToken).ConfigureAwait(false);
        }

        string associatedId = contact.Id ?? lead.ContactId
            ?? throw new MartechRequestException($"{_metadata.Name} leads.create: HubSpot returned the lead's contact without an id.") { Provider = _metadata.Name };
        var input = new HubSpotCreateInput
        {
            Properties = _mapper.ToProperties(lead, DefaultName(lead, contact)),
            Associations =
            [
                new HubSpotAssociationInput
                {
                    To = new HubSpotObjectId { Id = associatedId },
                    Types = [new HubSpotAssociationType { AssociationCategory = _options.LeadContactAssociationCategory, AssociationTypeId = _options.LeadContactAssociationTypeId }],
                },
            ],
        };
        HubSpotObject created = await _leads.CreateAsync(input, cancellationToken).ConfigureAwait(false);
        return _mapper.FromObject(created, associatedId, contact);
    }

    public async Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (string.IsNullOrWhiteSpace(lead.Id))
        {
            throw new ArgumentException("Lead.Id is required to update a lead.", nameof(lead));
        }

        Dictionary<string, string> properties = _mapper.ToProperties(lead, defaultName: null);
        Dictionary<string, string> person = PersonProperties(lead);
        cancellationToken.ThrowIfCancellationRequested();

        string? contactId = null;
        if (person.Count > 0 || lead.ContactId is not null)
        {
            // The person data goes to the lead's own contact, read before anything is written.
            HubSpotObject current = await _leads.GetAsync(lead.Id, _readQuery, cancellationToken).ConfigureAwait(false) ?? throw NotFound(lead.Id, "leads.update");
            contactId = ContactIdOf(current);
            if (lead.ContactId is not null && !string.Equals(lead.ContactId, contactId, StringComparison.Ordinal))
            {
                throw new NotSupportedException(
                    $"HubSpot lead '{lead.Id}' is associated with contact '{contactId ?? "(none)"}', not '{lead.ContactId}'; this provider does not move a lead to another contact. Leave Lead.ContactId null, or change the association with HubSpot's associations API.");
            }

            if (person.Count > 0 && contactId is null)
            {
                throw new MartechRequestException($"{_metadata.Name} leads.update: lead '{lead.Id}' has no associated contact to hold its person data.") { Provider = _metadata.Name };
            }
        }

        await _leads.UpdateAsync(lead.Id, properties, cancellationToken).ConfigureAwait(false);
        if (person.Count > 0)
        {
            await _contacts.UpdateAsync(contactId!, person, cancellationToken).ConfigureAwait(false);
        }

        return await GetAsync(lead.Id, cancellationToken).ConfigureAwait(false) ?? throw NotFound(lead.Id, "leads.get");
    }

    public async Task<Lead?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        cancellationToken.ThrowIfCancellationRequested();
        HubSpotObject? found = await _leads.GetAsync(id, _readQuery, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }

        string? contactId = ContactIdOf(found);
        HubSpotObject? contact = contactId is null ? null : await _contacts.GetAsync(contactId, _personQuery, cancellationToken).ConfigureAwait(false);
        return _mapper.FromObject(found, contactId, contact);
    }

    public AsyncPageable<Lead> ListAsync(LeadListOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.PageSize is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.PageSize, "ListOptions.PageSize must be positive.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        LeadStatus? status = options?.Status;
        DateTimeOffset? updatedSince = options?.UpdatedSince;
        return AsyncPageable.Create<Lead>(
            (after, size, ct) => ListPageAsync(after, size, status, updatedSince, ct),
            options?.ContinuationToken,
            options?.PageSize,
            cancellationToken);
    }

    public Task<LeadConversionResult> ConvertAsync(string id, LeadConversionOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(
            "HubSpot has no lead conversion API. Move the lead to a qualified status with UpdateAsync (Lead.Status) and create the deal with HubSpot's deals API (the MartechHttpTransport from GetService gives authenticated access).");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        HubSpotServices.Get(this, _metadata, _options, _transport, serviceType, serviceKey);

    private static Dictionary<string, string> PersonProperties(Lead lead)
    {
        var person = new Dictionary<string, string>(StringComparer.Ordinal);
        if (lead.Email is { IsEmpty: false } email)
        {
            person[HubSpotPropertyNames.Email] = email.Value;
        }

        if (lead.Phone is { Value.Length: > 0 } phone)
        {
            person[HubSpotPropertyNames.Phone] = phone.Value;
        }

        if (lead.FirstName is not null)
        {
            person[HubSpotPropertyNames.FirstName] = lead.FirstName;
        }

        if (lead.LastName is not null)
        {
            person[HubSpotPropertyNames.LastName] = lead.LastName;
        }

        if (lead.Company is not null)
        {
            person[HubSpotPropertyNames.Company] = lead.Company;
        }

        return person;
    }

    /// <summary>The person properties whose values differ from the contact's (email ignoring case).</summary>
    private static Dictionary<string, string> Changed(Dictionary<string, string> person, HubSpotObject contact)
    {
        var changed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in person)
        {
            string? current = contact.Properties is { } p && p.TryGetValue(name, out string? stored) ? stored : null;
            bool same = name switch
            {
                HubSpotPropertyNames.Email => string.Equals(current, value, StringComparison.OrdinalIgnoreCase),
                HubSpotPropertyNames.Phone => current is not null && PhoneNumber.TryParse(current, out PhoneNumber phone) && phone.Value == value,
                _ => string.Equals(current, value, StringComparison.Ordinal),
            };
            if (!same)
            {
                changed[name] = value;
            }
        }

        return changed;
    }

    /// <summary>The lead name HubSpot requires, when the lead has no title: the contact's name, else its email.</summary>
    private static string DefaultName(Lead lead, HubSpotObject contact)
    {
        var person = HubSpotContactMapper.Person(contact);
        string? first = person.FirstName ?? lead.FirstName;
        string? last = person.LastName ?? lead.LastName;
        string name = $"{first} {last}".Trim();
        return name.Length > 0 ? name : (person.Email ?? lead.Email)?.Value ?? "Lead";
    }

    private static string? ContactIdOf(HubSpotObject lead)
    {
        if (lead.Associations is null)
        {
            return null;
        }

        foreach (var (type, list) in lead.Associations)
        {
            if (string.Equals(type, ContactsAssociation, StringComparison.OrdinalIgnoreCase) && list?.Results is [{ Id.Length: > 0 } first, ..])
            {
                return first.Id;
            }
        }

        return null;
    }

    private MartechNotFoundException NotFound(string id, string operation) =>
        new($"{_metadata.Name} {operation}: there is no lead with id '{id}'.")
        {
            Provider = _metadata.Name,
            StatusCode = System.Net.HttpStatusCode.NotFound,
            ErrorCode = HubSpotBatchErrors.ObjectNotFound,
        };

    /// <summary>One page of leads with their contacts' person data (one batch read per page). A status or time
    /// filter is applied here: HubSpot's search, which could filter, does not return associations.</summary>
    private async ValueTask<Page<Lead>> ListPageAsync(string? after, int? pageSize, LeadStatus? status, DateTimeOffset? updatedSince, CancellationToken cancellationToken)
    {
        int size = Math.Clamp(pageSize ?? _options.MaxPageSize, 1, _options.MaxPageSize);
        HubSpotCollectionResponse page = await _leads.ListAsync(_leads.Paths.ListPage(size, after, _propertiesQuery, ContactsAssociation), cancellationToken).ConfigureAwait(false);
        var leads = new List<(HubSpotObject Lead, string? ContactId)>(page.Results?.Count ?? 0);
        var contactIds = new List<HubSpotObjectId>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (HubSpotObject result in page.Results ?? [])
        {
            string? contactId = ContactIdOf(result);
            leads.Add((result, contactId));
            if (contactId is not null && seen.Add(contactId))
            {
                contactIds.Add(new HubSpotObjectId { Id = contactId });
            }
        }

        var contacts = new Dictionary<string, HubSpotObject>(StringComparer.Ordinal);
        if (contactIds.Count > 0)
        {
            HubSpotBatchResponse read = await _contacts.BatchReadAsync(
                new HubSpotBatchReadInput { Inputs = contactIds, Properties = [.. HubSpotContactMapper.PersonProperties] },
                cancellationToken).ConfigureAwait(false);
            foreach (HubSpotObject contact in read.Results ?? [])
            {
                if (contact.Id is not null)
                {
                    contacts[contact.Id] = contact;
                }
            }
        }

        var items = new List<Lead>(leads.Count);
        foreach (var (source, contactId) in leads)
        {
            Lead lead = _mapper.FromObject(source, contactId, contactId is not null && contacts.TryGetValue(contactId, out HubSpotObject? contact) ? contact : null);
            if ((status is null || lead.Status == status) && (updatedSince is null || lead.UpdatedAt >= updatedSince))
            {
                items.Add(lead);
            }
        }

        return new Page<Lead>(items, page.Paging?.Next?.After is { Length: > 0 } next ? next : null);
    }
}
