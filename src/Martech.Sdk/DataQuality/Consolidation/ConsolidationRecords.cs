namespace Martech.Sdk;

/// <summary>What the consolidation engine needs of one kind of record (contacts or leads) at the source and the target,
/// so one engine moves both.</summary>
/// <typeparam name="T">The record type.</typeparam>
internal abstract class ConsolidationRecords<T>(ConsolidationMapper mapper)
    where T : class
{
    protected ConsolidationMapper Mapper { get; } = mapper;

    /// <summary><c>contacts</c> or <c>leads</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Whether the target can look up many addresses at once; otherwise the target is indexed by listing it.</summary>
    public abstract bool CanLookUpByEmail { get; }

    /// <summary>Reads one source page at a token.</summary>
    public abstract Task<Page<T>> ReadPageAsync(string? token, int? pageSize, CancellationToken cancellationToken);

    /// <summary>Lists the target's records, to index them.</summary>
    public abstract IAsyncEnumerable<T> ListTargetAsync(int? pageSize, CancellationToken cancellationToken);

    public abstract string? IdOf(T record);

    public abstract EmailAddress? EmailOf(T record);

    public abstract PhoneNumber? PhoneOf(T record);

    public abstract T Map(T source);

    /// <summary>The target ids of the addresses that have a record on the target.</summary>
    public abstract Task<IReadOnlyDictionary<EmailAddress, string>> FindOnTargetAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken);

    /// <summary>Creates the record on the target; whether it was created (an upsert by email may find one after all).</summary>
    public abstract Task<(string? Id, bool Created)> CreateAsync(T mapped, CancellationToken cancellationToken);

    /// <summary>Updates the target record with the mapped values.</summary>
    public abstract Task<string?> UpdateAsync(T mapped, string targetId, CancellationToken cancellationToken);

    /// <summary>Deletes the source record (a move).</summary>
    public abstract Task<bool> DeleteSourceAsync(string id, CancellationToken cancellationToken);

    protected static async Task<Page<TItem>> FirstPageAsync<TItem>(AsyncPageable<TItem> pageable, string? token, int? pageSize, CancellationToken cancellationToken)
    {
        await foreach (Page<TItem> page in pageable.AsPages(token, pageSize).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return page;
        }

        return new Page<TItem>([], null);
    }
}

/// <summary>Contacts: look-ups by <see cref="IContactClient.FindByEmailsAsync"/>, writes by upsert (by email to create,
/// by id to update), deletes for a move.</summary>
internal sealed class ContactConsolidationRecords(IContactClient source, IContactClient target, ConsolidationMapper mapper)
    : ConsolidationRecords<Contact>(mapper)
{
    public override string Kind => "contacts";

    public override bool CanLookUpByEmail => true;

    public override Task<Page<Contact>> ReadPageAsync(string? token, int? pageSize, CancellationToken cancellationToken) =>
        FirstPageAsync(source.ListAsync(new ContactListOptions { PageSize = pageSize }, cancellationToken), token, pageSize, cancellationToken);

    public override IAsyncEnumerable<Contact> ListTargetAsync(int? pageSize, CancellationToken cancellationToken) =>
        target.ListAsync(new ContactListOptions { PageSize = pageSize }, cancellationToken);

    public override string? IdOf(Contact record) => record.Id;

    public override EmailAddress? EmailOf(Contact record) => record.Email is { IsEmpty: false } email ? email : null;

    public override PhoneNumber? PhoneOf(Contact record) => record.Phone;

    public override Contact Map(Contact source) => Mapper.Map(source);

    public override async Task<IReadOnlyDictionary<EmailAddress, string>> FindOnTargetAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<EmailAddress, string>();
        foreach ((EmailAddress email, Contact contact) in await target.FindByEmailsAsync(emails, cancellationToken).ConfigureAwait(false))
        {
            if (contact.Id is { } id)
            {
                ids[email] = id;
            }
        }

        return ids;
    }

    public override async Task<(string? Id, bool Created)> CreateAsync(Contact mapped, CancellationToken cancellationToken)
    {
        if (mapped.Email is not { IsEmpty: false })
        {
            throw new ArgumentException("The contact has no email address, which a contacts client needs to create a contact (its upsert key); map one, or copy it by hand.");
        }

        // An upsert by email cannot make a second contact with the address, even when a retry or a resumed run sends
        // the same record twice.
        UpsertResult<Contact> result = await target.UpsertAsync(mapped with { Id = null }, new ContactUpsertOptions { MatchBy = ContactMatchKey.Email }, cancellationToken).ConfigureAwait(false);
        return (result.Value.Id, result.Created);
    }

    public override async Task<string?> UpdateAsync(Contact mapped, string targetId, CancellationToken cancellationToken)
    {
        UpsertResult<Contact> result = await target.UpsertAsync(mapped with { Id = targetId }, new ContactUpsertOptions { MatchBy = ContactMatchKey.Id }, cancellationToken).ConfigureAwait(false);
        return result.Value.Id ?? targetId;
    }

    public override Task<bool> DeleteSourceAsync(string id, CancellationToken cancellationToken) => source.DeleteAsync(id, null, cancellationToken);
}

/// <summary>Leads: the target is indexed by listing it (a lead client has no look-up); writes by create and update;
/// no delete.</summary>
internal sealed class LeadConsolidationRecords(ILeadClient source, ILeadClient target, ConsolidationMapper mapper)
    : ConsolidationRecords<Lead>(mapper)
{
    public override string Kind => "leads";

    public override bool CanLookUpByEmail => false;

    public override Task<Page<Lead>> ReadPageAsync(string? token, int? pageSize, CancellationToken cancellationToken) =>
        FirstPageAsync(source.ListAsync(new LeadListOptions { PageSize = pageSize }, cancellationToken), token, pageSize, cancellationToken);

    public override IAsyncEnumerable<Lead> ListTargetAsync(int? pageSize, CancellationToken cancellationToken) =>
        target.ListAsync(new LeadListOptions { PageSize = pageSize }, cancellationToken);

    public override string? IdOf(Lead record) => record.Id;

    public override EmailAddress? EmailOf(Lead record) => record.Email is { IsEmpty: false } email ? email : null;

    public override PhoneNumber? PhoneOf(Lead record) => record.Phone;

    public override Lead Map(Lead source) => Mapper.Map(source);

    // No look-up by email for leads: the target index, built by listing the target, answers instead.
    public override Task<IReadOnlyDictionary<EmailAddress, string>> FindOnTargetAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<EmailAddress, string>>(new Dictionary<EmailAddress, string>());

    public override async Task<(string? Id, bool Created)> CreateAsync(Lead mapped, CancellationToken cancellationToken)
    {
        Lead created = await target.CreateAsync(mapped with { Id = null, ContactId = null }, cancellationToken).ConfigureAwait(false);
        return (created.Id, true);
    }

    public override async Task<string?> UpdateAsync(Lead mapped, string targetId, CancellationToken cancellationToken)
    {
        Lead updated = await target.UpdateAsync(mapped with { Id = targetId, ContactId = null }, cancellationToken).ConfigureAwait(false);
        return updated.Id ?? targetId;
    }

    public override Task<bool> DeleteSourceAsync(string id, CancellationToken cancellationToken) =>
        throw new NotSupportedException("A lead client has no delete; ConsolidationOptions.Validate refuses a lead move.");
}
