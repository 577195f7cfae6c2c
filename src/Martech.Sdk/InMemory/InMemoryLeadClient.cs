namespace Martech.Sdk;

/// <summary>
/// The in-memory <see cref="ILeadClient"/>: leads in an <see cref="InMemoryMartechStore"/>, with conversion into
/// contacts (and deals) as a CRM does it.
/// </summary>
/// <remarks>
/// <para>An update keeps every stored property the incoming lead leaves <see langword="null"/> and merges custom
/// fields by name; a <see langword="null"/> <see cref="Lead.Status"/> keeps the stored status, so a sparse
/// <c>new Lead { Id = id, Score = 80 }</c> changes only the score.</para>
/// <para>Conversion uses <see cref="LeadConversionOptions.ExistingContactId"/> when given, else the contact with the
/// lead's email, else a new contact with the lead's email, name, company and phone. An existing contact gets the
/// lead's values only where it has none. Converting a converted lead fails with 409 and
/// <c>LEAD_ALREADY_CONVERTED</c>.</para>
/// </remarks>
internal sealed class InMemoryLeadClient : ILeadClient
{
    private const string Scope = "leads";
    private readonly string _provider;
    private readonly MartechProviderMetadata _metadata;
    private readonly InMemoryMartechStore _store;
    private readonly InMemoryProviderOptions _options;

    public InMemoryLeadClient(MartechProviderMetadata metadata, InMemoryMartechStore store, InMemoryProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _provider = metadata.Name;
        _metadata = metadata;
        _store = store;
        _options = options;
    }

    public Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.Id is not null)
        {
            throw new ArgumentException("Lead.Id must be null when creating a lead; the provider assigns it.", nameof(lead));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.CreateLead(lead));
    }

    public Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (string.IsNullOrWhiteSpace(lead.Id))
        {
            throw new ArgumentException("Lead.Id is required to update a lead.", nameof(lead));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.UpdateLead(lead).GetValueOrThrow(_provider));
    }

    public Task<Lead?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.GetLead(id));
    }

    public AsyncPageable<Lead> ListAsync(LeadListOptions? options = null, CancellationToken cancellationToken = default)
    {
        DateTimeOffset? updatedSince = options?.UpdatedSince;
        LeadStatus? status = options?.Status;
        bool Match(Lead l) => (updatedSince is null || l.UpdatedAt >= updatedSince) && (status is null || l.Status == status);
        return InMemoryPaging.Create(Scope, _provider, options, _options, (after, size) => _store.ListLeads(after, size, Match), cancellationToken);
    }

    public Task<LeadConversionResult> ConvertAsync(string id, LeadConversionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        string? existingContactId = options?.ExistingContactId;
        if (existingContactId is not null && string.IsNullOrWhiteSpace(existingContactId))
        {
            throw new ArgumentException("LeadConversionOptions.ExistingContactId is empty; leave it null to match or create the contact.", nameof(options));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.ConvertLead(id, existingContactId, options?.CreateDeal ?? false).GetValueOrThrow(_provider));
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        InMemoryServices.Get(this, _metadata, _store, _options, serviceType, serviceKey);
}
