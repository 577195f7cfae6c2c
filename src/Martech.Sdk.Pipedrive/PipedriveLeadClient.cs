using System.Globalization;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// The Pipedrive <see cref="ILeadClient"/>: leads are v1 leads (UUID ids), each linked to a person that holds the
/// lead's email, names, phone and company. Creating a lead finds or creates that person (by <see cref="Lead.ContactId"/>
/// or by email) and then calls <c>POST /leads</c>; listings page <c>GET /leads</c> (then <c>GET /leads/archived</c>)
/// by <c>start</c>/<c>limit</c> and read the persons in batches.
/// </summary>
/// <remarks>
/// Conversion: with <see cref="LeadConversionOptions.CreateDeal"/>, Pipedrive's v2 job
/// <c>POST /leads/{id}/convert/deal</c> is started and its status polled (Pipedrive then deletes the lead). Without it,
/// Pipedrive has nothing to do — a lead is already linked to its person — so the lead is marked
/// <see cref="LeadStatus.Converted"/> in the status field and archived, and its person is the contact.
/// </remarks>
internal sealed class PipedriveLeadClient : ILeadClient
{
    private const string ActivePrefix = "leads:active:";
    private const string ArchivedPrefix = "leads:archived:";
    private readonly MartechProviderMetadata _metadata;
    private readonly PipedrivePersons _persons;
    private readonly PipedriveOptions _options;
    private readonly PipedriveLeadMapper _mapper;
    private readonly TimeProvider _time;

    public PipedriveLeadClient(MartechProviderMetadata metadata, PipedrivePersons persons, PipedriveOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(persons);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _metadata = metadata;
        _persons = persons;
        _options = options;
        _time = time;
        _mapper = new PipedriveLeadMapper(options);
    }

    private PipedriveApi Api => _persons.Api;

    private PipedriveFieldCatalog Catalog => _persons.Catalog;

    public async Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.Id is not null)
        {
            throw new ArgumentException("Lead.Id must be null when creating a lead; Pipedrive assigns it.", nameof(lead));
        }

        CheckPersonKeys(lead);
        CheckFieldNames(lead);
        cancellationToken.ThrowIfCancellationRequested();

        // Checked before anything is written, the person included.
        var (fields, body) = await BuildAsync(lead, create: true, cancellationToken).ConfigureAwait(false);
        Contact person = await EnsurePersonAsync(lead, cancellationToken).ConfigureAwait(false);
        body.PersonId = PipedriveIds.ParsePersonId(person.Id, nameof(lead));
        body.Title ??= PipedriveLeadMapper.DefaultTitle(lead, person);
        PipedriveEnvelope<PipedriveLead> created = await Api
            .SendAsync(HttpMethod.Post, Api.V1("leads"), body, PipedriveJsonContext.Default.PipedriveLeadWrite, PipedriveJsonContext.Default.PipedriveEnvelopePipedriveLead, "leads.create", cancellationToken)
            .ConfigureAwait(false);
        return _mapper.ToLead(created.Data ?? throw NoData("leads.create"), fields, person);
    }

    public async Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (string.IsNullOrWhiteSpace(lead.Id))
        {
            throw new ArgumentException("Lead.Id is required to update a lead.", nameof(lead));
        }

        string id = PipedriveIds.ParseLeadId(lead.Id, nameof(lead));
        long? personId = lead.ContactId is null ? null : PipedriveIds.ParsePersonId(lead.ContactId, nameof(lead));
        CheckFieldNames(lead);
        cancellationToken.ThrowIfCancellationRequested();
        var (fields, body) = await BuildAsync(lead, create: false, cancellationToken).ConfigureAwait(false);
        body.PersonId = personId;

        // The lead first: an unknown id fails here, before its person is touched.
        PipedriveLead updated = body.IsEmpty
            ? await GetWireAsync(id, cancellationToken).ConfigureAwait(false) ?? throw Api.NotFound("leads.update", $"there is no Pipedrive lead with id {id}.")
            : await PatchAsync(id, body, "leads.update", cancellationToken).ConfigureAwait(false);

        Contact? person;
        if (HasPersonValues(lead))
        {
            if (updated.PersonId is null)
            {
                // A lead linked only to an organization: its person values need a person, found or created by email.
                person = await EnsurePersonAsync(lead with { ContactId = null }, cancellationToken).ConfigureAwait(false);
                updated = await PatchAsync(id, new PipedriveLeadWrite { PersonId = PipedriveIds.ParsePersonId(person.Id, nameof(lead)) }, "leads.update", cancellationToken).ConfigureAwait(false);
            }
            else
            {
                person = await EnsurePersonAsync(lead with { ContactId = PipedriveIds.Text(updated.PersonId.Value) }, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            person = await GetPersonAsync(updated.PersonId, cancellationToken).ConfigureAwait(false);
        }

        return _mapper.ToLead(updated, fields, person);
    }

    public async Task<Lead?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        string leadId = PipedriveIds.ParseLeadId(id, nameof(id));
        cancellationToken.ThrowIfCancellationRequested();
        PipedriveLead? wire = await GetWireAsync(leadId, cancellationToken).ConfigureAwait(false);
        if (wire is null)
        {
            return null;
        }

        PipedriveFieldSet fields = await Catalog.GetAsync(PipedriveEntity.Lead, cancellationToken).ConfigureAwait(false);
        Contact? person = await GetPersonAsync(wire.PersonId, cancellationToken).ConfigureAwait(false);
        return _mapper.ToLead(wire, fields, person);
    }

    public AsyncPageable<Lead> ListAsync(LeadListOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.ContinuationToken is { } resume)
        {
            ParseToken(resume);
        }

        DateTimeOffset? updatedSince = options?.UpdatedSince;
        LeadStatus? status = options?.Status;
        return AsyncPageable.Create<Lead>(
            (token, pageSize, ct) => new ValueTask<Page<Lead>>(FetchPageAsync(token, pageSize, updatedSince, status, ct)),
            options?.ContinuationToken,
            options?.PageSize,
            cancellationToken);
    }

    public async Task<LeadConversionResult> ConvertAsync(string id, LeadConversionOptions? options = null, CancellationToken cancellationToken = default)
    {
        string leadId = PipedriveIds.ParseLeadId(id, nameof(id));
        long? existing = options?.ExistingContactId is { } contactId
            ? (string.IsNullOrWhiteSpace(contactId)
                ? throw new ArgumentException("LeadConversionOptions.ExistingContactId is empty; leave it null to keep the lead's person.", nameof(options))
                : PipedriveIds.ParsePersonId(contactId, nameof(options)))
            : null;
        cancellationToken.ThrowIfCancellationRequested();
        return options?.CreateDeal == true
            ? await ConvertToDealAsync(leadId, existing, options, cancellationToken).ConfigureAwait(false)
            : await MarkConvertedAsync(leadId, existing, options, cancellationToken).ConfigureAwait(false);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        PipedriveServices.Get(this, _metadata, _options, serviceType, serviceKey);

    private static bool HasPersonValues(Lead lead) =>
        lead.Email is not null || lead.Phone is not null || lead.FirstName is not null || lead.LastName is not null || lead.Company is not null;

    private static void CheckFieldNames(Lead lead)
    {
        if (PipedriveFieldNames.FindProblem(lead.CustomFields, nameof(Lead)) is { } problem)
        {
            throw problem.ToException(nameof(lead));
        }
    }

    private static void CheckPersonKeys(Lead lead)
    {
        if (lead.ContactId is not null)
        {
            PipedriveIds.ParsePersonId(lead.ContactId, nameof(lead));
        }
        else if (lead.Email is not { IsEmpty: false })
        {
            throw new ArgumentException("Pipedrive links every lead to a person: set Lead.ContactId, or Lead.Email to find or create the person.", nameof(lead));
        }
    }

    private static (string Phase, int Start) ParseToken(string? token)
    {
        if (token is null)
        {
            return (ActivePrefix, 0);
        }

        foreach (string prefix in (ReadOnlySpan<string>)[ActivePrefix, ArchivedPrefix])
        {
            if (token.StartsWith(prefix, StringComparison.Ordinal)
                && int.TryParse(token.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int start))
            {
                return (prefix, start);
            }
        }

        throw new ArgumentException($"'{token}' is not a continuation token of a Pipedrive lead listing.", nameof(token));
    }

    private async Task<Page<Lead>> FetchPageAsync(string? token, int? pageSize, DateTimeOffset? updatedSince, LeadStatus? status, CancellationToken cancellationToken)
    {
        var (phase, start) = ParseToken(token);
        bool archived = phase == ArchivedPrefix;
        int limit = Math.Clamp(pageSize ?? _options.DefaultPageSize, 1, PipedriveOptions.MaxPageSize);
        string path = string.Create(CultureInfo.InvariantCulture, $"{(archived ? "leads/archived" : "leads")}?start={start}&limit={limit}");

        // GET /leads/archived takes no updated_since: archived leads are filtered here.
        if (!archived && updatedSince is { } since)
        {
            path += "&updated_since=" + Uri.EscapeDataString(PipedrivePersons.Rfc3339(since));
        }

        PipedriveEnvelope<List<PipedriveLead>> envelope = await Api
            .SendAsync(HttpMethod.Get, Api.V1(path), PipedriveJsonContext.Default.PipedriveEnvelopeListPipedriveLead, "leads.list", cancellationToken)
            .ConfigureAwait(false);
        List<PipedriveLead> wires = envelope.Data ?? [];
        PipedriveFieldSet fields = await Catalog.GetAsync(PipedriveEntity.Lead, cancellationToken).ConfigureAwait(false);
        var personIds = new List<long>(wires.Count);
        foreach (PipedriveLead wire in wires)
        {
            if (wire.PersonId is long personId)
            {
                personIds.Add(personId);
            }
        }

        Dictionary<long, PipedrivePerson> persons = personIds.Count == 0
            ? []
            : await _persons.GetManyAsync(personIds, "contacts.list", cancellationToken).ConfigureAwait(false);
        PipedriveFieldSet personFields = await Catalog.GetAsync(PipedriveEntity.Person, cancellationToken).ConfigureAwait(false);
        var leads = new List<Lead>(wires.Count);
        foreach (PipedriveLead wire in wires)
        {
            Contact? person = wire.PersonId is long personId && persons.TryGetValue(personId, out PipedrivePerson? found)
                ? _persons.Mapper.ToContact(found, personFields)
                : null;
            Lead lead = _mapper.ToLead(wire, fields, person);

            // Pipedrive cannot filter leads by a custom field: the status is filtered here.
            if ((status is null || lead.Status == status) && (updatedSince is null || !archived || lead.UpdatedAt >= updatedSince))
            {
                leads.Add(lead);
            }
        }

        PipedrivePagination? pagination = envelope.AdditionalData?.Pagination;
        string? next;
        if (pagination?.MoreItemsInCollection == true)
        {
            int nextStart = pagination.NextStart ?? start + wires.Count;
            next = nextStart > start ? phase + nextStart.ToString(CultureInfo.InvariantCulture) : null;
        }
        else
        {
            next = !archived && _options.IncludeArchivedLeads ? ArchivedPrefix + "0" : null;
        }

        return new Page<Lead>(leads, next);
    }

    private async Task<LeadConversionResult> MarkConvertedAsync(string id, long? existing, LeadConversionOptions? options, CancellationToken cancellationToken)
    {
        PipedriveLead wire = await GetWireAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw Api.NotFound("leads.convert", $"there is no Pipedrive lead with id {id}.");
        PipedriveFieldSet fields = await Catalog.GetAsync(PipedriveEntity.Lead, cancellationToken).ConfigureAwait(false);
        if (!_mapper.HasStatusField(fields))
        {
            throw new NotSupportedException(
                $"Converting a Pipedrive lead without a deal marks it converted in the lead field '{_options.Fields.LeadStatus}' (option Fields:LeadStatus), which this account does not have. Create that field, or convert with LeadConversionOptions.CreateDeal to use Pipedrive's lead-to-deal conversion.");
        }

        if (string.Equals(_mapper.ReadStatus(wire, fields), LeadStatus.Converted.Value, StringComparison.OrdinalIgnoreCase))
        {
            throw new MartechRequestException($"{Api.Name} leads.convert failed: the Pipedrive lead {id} is already converted.")
            {
                Provider = Api.Name,
                StatusCode = System.Net.HttpStatusCode.Conflict,
                ErrorCode = "LEAD_ALREADY_CONVERTED",
            };
        }

        long personId = existing ?? wire.PersonId
            ?? throw new ArgumentException($"The Pipedrive lead {id} has no person to become the contact; give one in LeadConversionOptions.ExistingContactId.", nameof(options));
        PipedriveProblem? problem = _mapper.BuildConverted(fields, out PipedriveLeadWrite body);
        if (problem is not null)
        {
            throw new PipedriveProblemException(problem, nameof(id));
        }

        if (personId != wire.PersonId)
        {
            body.PersonId = personId;
        }

        await PatchAsync(id, body, "leads.convert", cancellationToken).ConfigureAwait(false);
        return new LeadConversionResult(id, PipedriveIds.Text(personId));
    }

    private async Task<LeadConversionResult> ConvertToDealAsync(string id, long? existing, LeadConversionOptions options, CancellationToken cancellationToken)
    {
        string? dealName = options.DealName;
        // The deal takes the lead's person and title: set them first when asked to.
        PipedriveLead wire = existing is not null || dealName is not null
            ? await PatchAsync(id, new PipedriveLeadWrite { PersonId = existing, Title = dealName }, "leads.update", cancellationToken).ConfigureAwait(false)
            : await GetWireAsync(id, cancellationToken).ConfigureAwait(false) ?? throw Api.NotFound("leads.convert", $"there is no Pipedrive lead with id {id}.");
        string contactId = wire.PersonId is long personId
            ? PipedriveIds.Text(personId)
            : throw new ArgumentException($"The Pipedrive lead {id} has no person to become the contact; give one in LeadConversionOptions.ExistingContactId.", nameof(options));

        PipedriveEnvelope<PipedriveConversion> started = await Api
            .SendAsync(HttpMethod.Post, PipedriveApi.V2($"leads/{id}/convert/deal"), new PipedriveConvertRequest(), PipedriveJsonContext.Default.PipedriveConvertRequest, PipedriveJsonContext.Default.PipedriveEnvelopePipedriveConversion, "leads.convert", cancellationToken)
            .ConfigureAwait(false);
        string conversionId = started.Data?.ConversionId is { Length: > 0 } value ? value : throw NoData("leads.convert");

        for (int attempt = 1; attempt <= _options.ConversionPollAttempts; attempt++)
        {
            if (_options.ConversionPollInterval > TimeSpan.Zero)
            {
                await Task.Delay(_options.ConversionPollInterval, _time, cancellationToken).ConfigureAwait(false);
            }

            PipedriveEnvelope<PipedriveConversion> status = await Api
                .SendAsync(HttpMethod.Get, PipedriveApi.V2($"leads/{id}/convert/status/{Uri.EscapeDataString(conversionId)}"), PipedriveJsonContext.Default.PipedriveEnvelopePipedriveConversion, "leads.convert.status", cancellationToken)
                .ConfigureAwait(false);
            switch (status.Data?.Status)
            {
                case "completed":
                    return new LeadConversionResult(id, contactId, status.Data.DealId is long deal ? PipedriveIds.Text(deal) : null);
                case "failed" or "rejected":
                    throw new MartechRequestException($"{Api.Name} leads.convert failed: Pipedrive's conversion job {conversionId} for lead {id} ended '{status.Data.Status}'.")
                    {
                        Provider = Api.Name,
                        ErrorCode = "CONVERSION_" + status.Data.Status.ToUpperInvariant(),
                    };
            }
        }

        throw new MartechTimeoutException(
            $"{Api.Name} leads.convert: Pipedrive's conversion job {conversionId} for lead {id} had not finished after {_options.ConversionPollAttempts} status reads; it may still complete. Read GET /api/v2/leads/{id}/convert/status/{conversionId} later.")
        {
            Provider = Api.Name,
            Operation = "leads.convert",
            MayHaveBeenProcessed = true,
            Timeout = _options.ConversionPollInterval * _options.ConversionPollAttempts,
        };
    }

    private async Task<(PipedriveFieldSet Fields, PipedriveLeadWrite Body)> BuildAsync(Lead lead, bool create, CancellationToken cancellationToken)
    {
        PipedriveFieldSet fields = await Catalog.GetAsync(PipedriveEntity.Lead, cancellationToken).ConfigureAwait(false);
        PipedriveProblem? problem = Build(lead, create, fields, out PipedriveLeadWrite body);
        if (problem is { UnknownName: true })
        {
            fields = await Catalog.RefreshAsync(PipedriveEntity.Lead, fields, cancellationToken).ConfigureAwait(false);
            problem = Build(lead, create, fields, out body);
        }

        return problem is null ? (fields, body) : throw new PipedriveProblemException(problem, nameof(lead));
    }

    private PipedriveProblem? Build(Lead lead, bool create, PipedriveFieldSet fields, out PipedriveLeadWrite body) =>
        create ? _mapper.BuildCreate(lead, fields, out body) : _mapper.BuildUpdate(lead, fields, out body);

    /// <summary>Finds or creates the lead's person (by its contact id, else by email) and writes the lead's person
    /// values to it where they differ.</summary>
    private async Task<Contact> EnsurePersonAsync(Lead lead, CancellationToken cancellationToken)
    {
        var contact = new Contact
        {
            Id = lead.ContactId,
            Email = lead.Email,
            Phone = lead.Phone,
            FirstName = lead.FirstName,
            LastName = lead.LastName,
            Company = lead.Company,
        };
        if (contact.Id is null && contact.Email is not { IsEmpty: false })
        {
            throw new ArgumentException("The lead's person values need a person: set Lead.ContactId or Lead.Email.", nameof(lead));
        }

        ContactMatchKey matchBy = contact.Id is null ? ContactMatchKey.Email : ContactMatchKey.Id;
        UpsertResult<Contact> result = await _persons.UpsertAsync(contact, matchBy, knownId: null, tracker: null, cancellationToken).ConfigureAwait(false);
        return result.Value;
    }

    private async Task<Contact?> GetPersonAsync(long? personId, CancellationToken cancellationToken)
    {
        if (personId is not long id)
        {
            return null;
        }

        PipedrivePerson? person = await _persons.GetAsync(id, "contacts.get", cancellationToken).ConfigureAwait(false);
        return person is null ? null : await _persons.ToContactAsync(person, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PipedriveLead?> GetWireAsync(string id, CancellationToken cancellationToken)
    {
        PipedriveEnvelope<PipedriveLead>? envelope = await Api
            .GetOrNullAsync(Api.V1($"leads/{id}"), PipedriveJsonContext.Default.PipedriveEnvelopePipedriveLead, "leads.get", cancellationToken)
            .ConfigureAwait(false);
        return envelope?.Data;
    }

    private async Task<PipedriveLead> PatchAsync(string id, PipedriveLeadWrite body, string operation, CancellationToken cancellationToken)
    {
        PipedriveEnvelope<PipedriveLead> envelope = await Api
            .SendAsync(HttpMethod.Patch, Api.V1($"leads/{id}"), body, PipedriveJsonContext.Default.PipedriveLeadWrite, PipedriveJsonContext.Default.PipedriveEnvelopePipedriveLead, operation, cancellationToken)
            .ConfigureAwait(false);
        return envelope.Data ?? throw NoData(operation);
    }

    private MartechTransportException NoData(string operation) =>
        new($"{Api.Name} {operation}: Pipedrive answered success without the expected \"data\".") { Provider = Api.Name, Operation = operation, MayHaveBeenProcessed = true };
}
