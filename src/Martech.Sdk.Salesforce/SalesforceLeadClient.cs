namespace Martech.Sdk.Salesforce;

/// <summary>
/// <see cref="ILeadClient"/> on the Salesforce Lead sObject: create (<c>POST /sobjects/Lead/</c>), update
/// (<c>PATCH /sobjects/Lead/{id}</c>), get and list with SOQL (custom fields included, status filter as
/// <c>WHERE Status = …</c>). Creates and updates read the stored lead back.
/// </summary>
/// <remarks>
/// Conversion is not supported: Salesforce REST has no lead-convert resource. Converting a lead takes Apex
/// (<c>Database.convertLead</c>), the SOAP API's <c>convertLead</c> call, or a user in Salesforce, so
/// <see cref="ConvertAsync"/> throws <see cref="NotSupportedException"/> before any call.
/// </remarks>
internal sealed class SalesforceLeadClient : ILeadClient
{
    private const string Type = LeadMapping.Type;
    private readonly SalesforceConnection _connection;
    private readonly LeadMapping _mapping;

    public SalesforceLeadClient(SalesforceConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
        _mapping = new LeadMapping(connection.Options);
    }

    public async Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (lead.Id is not null)
        {
            throw new ArgumentException($"Lead.Id must be null to create a lead (was '{lead.Id}'); use UpdateAsync to change an existing one.", nameof(lead));
        }

        cancellationToken.ThrowIfCancellationRequested();
        SObjectDescription? description = await DescribeIfNeededAsync(lead, cancellationToken).ConfigureAwait(false);
        SObjectRecord record = _mapping.Write(lead, WriteKind.Create, description);
        string id = await _connection.CreateAsync(Type, record, "leads.create", cancellationToken).ConfigureAwait(false);
        _connection.ForgetDescribeIfStale(Type, [record]);
        return await ReadBackAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lead);
        SalesforceIds.Require(lead.Id, "lead.Id");
        cancellationToken.ThrowIfCancellationRequested();
        SObjectDescription? description = await DescribeIfNeededAsync(lead, cancellationToken).ConfigureAwait(false);
        SObjectRecord record = _mapping.Write(lead, WriteKind.Update, description);
        await _connection.UpdateAsync(Type, lead.Id!, record, "leads.update", cancellationToken).ConfigureAwait(false);
        _connection.ForgetDescribeIfStale(Type, [record]);
        return await ReadBackAsync(lead.Id!, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Lead?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        SalesforceIds.Require(id, nameof(id));
        cancellationToken.ThrowIfCancellationRequested();
        SObjectDescription description = await _connection.DescribeAsync(Type, cancellationToken).ConfigureAwait(false);
        string soql = $"SELECT {LeadMapping.SelectList(description)} FROM {Type} WHERE Id = {Soql.Quote(id)} LIMIT 1";
        SalesforceQueryResult result = await _connection.QueryAsync(soql, null, "leads.get", cancellationToken).ConfigureAwait(false);
        return result.Records is [var record, ..] ? _mapping.Read(record) : null;
    }

    public AsyncPageable<Lead> ListAsync(LeadListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conditions = new List<string>(2);
        if (options?.Status is { } status)
        {
            conditions.Add("Status = " + Soql.Quote(_mapping.ToSalesforce(status)));
        }

        if (options?.UpdatedSince is { } since)
        {
            conditions.Add("LastModifiedDate >= " + Soql.DateTimeFloor(since));
        }

        return SoqlListing.Create(
            _connection,
            Type,
            async ct => LeadMapping.SelectList(await _connection.DescribeAsync(Type, ct).ConfigureAwait(false)),
            conditions,
            _mapping.Read,
            options,
            "leads.list",
            null,
            cancellationToken);
    }

    public Task<LeadConversionResult> ConvertAsync(string id, LeadConversionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        throw new NotSupportedException(
            "Salesforce's REST API has no lead-conversion resource: converting a lead takes Apex (Database.convertLead), the SOAP API's convertLead call, "
            + "or a user in Salesforce. Convert it there (or call an Apex REST endpoint of your own); nothing was sent.");
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

    // Custom field names are checked here, before the describe: the first request either write makes.
    private async Task<SObjectDescription?> DescribeIfNeededAsync(Lead lead, CancellationToken cancellationToken)
    {
        if (lead.CustomFields.Count == 0)
        {
            return null;
        }

        SalesforceFieldNames.ThrowIfInvalid(lead.CustomFields, nameof(Lead), nameof(lead));
        return await _connection.DescribeAsync(Type, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Lead> ReadBackAsync(string id, CancellationToken cancellationToken) =>
        await GetAsync(id, cancellationToken).ConfigureAwait(false)
            ?? throw new MartechNotFoundException($"{_connection.Name}: the Salesforce lead {id} was written but is gone when read back (deleted meanwhile?).")
            {
                Provider = _connection.Name,
            };
}
