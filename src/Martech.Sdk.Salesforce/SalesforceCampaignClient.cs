using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// <see cref="ICampaignClient"/> on the Salesforce Campaign and CampaignMember sObjects.
/// </summary>
/// <remarks>
/// <para>Members are contacts linked by CampaignMember records (<c>ContactId</c>). Adding looks up the existing members
/// of each batch with SOQL and creates the missing ones with sObject Collections (a concurrent add answered
/// <c>DUPLICATE_VALUE</c> counts as success: the contact is a member); removing deletes the member records with
/// <c>DELETE /composite/sobjects?ids=…</c>. Lead members are not listed: the contract speaks of contacts.</para>
/// <para>Stats: Salesforce itself tracks campaign membership and responses, not email delivery, opens or clicks (those
/// live in Marketing Cloud or Account Engagement). <see cref="CampaignStats.UniqueRecipients"/> is the number of members
/// (contacts and leads) added in the period; <see cref="CampaignStats.UniqueClicks"/> and
/// <see cref="CampaignStats.TotalClicks"/> are the members who responded (<c>HasResponded</c>; with a period, whose
/// <c>FirstRespondedDate</c>, a date, falls in it), so <see cref="CampaignStats.ClickThroughRate"/> is Salesforce's response
/// rate. <see cref="CampaignStats.Delivered"/>, <see cref="CampaignStats.UniqueOpens"/>, <see cref="CampaignStats.Bounces"/>,
/// <see cref="CampaignStats.Unsubscribes"/> and <see cref="CampaignStats.SpamReports"/> are not available and are 0.
/// The campaign's own roll-ups (<c>NumberSent</c>, <c>NumberOfResponses</c>, …) are in its custom fields.</para>
/// </remarks>
internal sealed class SalesforceCampaignClient : ICampaignClient
{
    private const string DuplicateValueCode = "DUPLICATE_VALUE";
    private readonly SalesforceConnection _connection;

    public SalesforceCampaignClient(SalesforceConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        _connection = connection;
    }

    public async Task<Campaign?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        SalesforceIds.Require(id, nameof(id));
        cancellationToken.ThrowIfCancellationRequested();
        SObjectDescription description = await _connection.DescribeAsync(CampaignMapping.Type, cancellationToken).ConfigureAwait(false);
        string soql = $"SELECT {CampaignMapping.SelectList(description)} FROM {CampaignMapping.Type} WHERE Id = {Soql.Quote(id)} LIMIT 1";
        SalesforceQueryResult result = await _connection.QueryAsync(soql, null, "campaigns.get", cancellationToken).ConfigureAwait(false);
        return result.Records is [var record, ..] ? CampaignMapping.Read(record) : null;
    }

    public AsyncPageable<Campaign> ListAsync(ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        var conditions = new List<string>(1);
        if (options?.UpdatedSince is { } since)
        {
            conditions.Add("LastModifiedDate >= " + Soql.DateTimeFloor(since));
        }

        return SoqlListing.Create(
            _connection,
            CampaignMapping.Type,
            async ct => CampaignMapping.SelectList(await _connection.DescribeAsync(CampaignMapping.Type, ct).ConfigureAwait(false)),
            conditions,
            CampaignMapping.Read,
            options,
            "campaigns.list",
            null,
            cancellationToken);
    }

    public async Task<BulkResult<CampaignMember>> AddMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        (string[] ids, BulkOptions bulk) = await PrepareAsync(campaignId, contactIds, options, cancellationToken).ConfigureAwait(false);
        return await SalesforceBulk.RunAsync<CampaignMember>(
            ids.Length,
            bulk,
            index => Precheck(ids, index),
            index => Key(ids[index]),
            (round, results, ct) => AddRoundAsync(campaignId, ids, round, results, ct),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<BulkResult<CampaignMember>> RemoveMembersAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        (string[] ids, BulkOptions bulk) = await PrepareAsync(campaignId, contactIds, options, cancellationToken).ConfigureAwait(false);
        return await SalesforceBulk.RunAsync<CampaignMember>(
            ids.Length,
            bulk,
            index => Precheck(ids, index),
            index => Key(ids[index]),
            (round, results, ct) => RemoveRoundAsync(campaignId, ids, round, results, ct),
            cancellationToken).ConfigureAwait(false);
    }

    public AsyncPageable<CampaignMember> ListMembersAsync(string campaignId, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        SalesforceIds.Require(campaignId, nameof(campaignId));
        var conditions = new List<string>(3) { "CampaignId = " + Soql.Quote(campaignId), "ContactId != null" };
        if (options?.UpdatedSince is { } since)
        {
            conditions.Add("CreatedDate >= " + Soql.DateTimeFloor(since));
        }

        return SoqlListing.Create(
            _connection,
            CampaignMapping.MemberType,
            static _ => Task.FromResult(CampaignMapping.MemberFields),
            conditions,
            CampaignMapping.ReadMember,
            options,
            "campaigns.members.list",
            ct => EnsureCampaignAsync(campaignId, ct),
            cancellationToken);
    }

    public async Task<CampaignStats> GetStatsAsync(string campaignId, CampaignStatsOptions? options = null, CancellationToken cancellationToken = default)
    {
        SalesforceIds.Require(campaignId, nameof(campaignId));
        options?.Validate();
        if (options is { Breakdown: not CampaignStatsBreakdown.None })
        {
            throw new NotSupportedException("Salesforce campaign stats (members and responses) are totals only: ask with CampaignStatsOptions.Breakdown = None.");
        }

        DateTimeOffset? from = options?.From;
        DateTimeOffset? to = options?.To;

        cancellationToken.ThrowIfCancellationRequested();
        await EnsureCampaignAsync(campaignId, cancellationToken).ConfigureAwait(false);

        string campaign = "CampaignId = " + Soql.Quote(campaignId);
        string added = campaign
            + (from is { } f ? " AND CreatedDate >= " + Soql.DateTimeFloor(f) : string.Empty)
            + (to is { } t ? " AND CreatedDate < " + Soql.DateTimeCeiling(t) : string.Empty);
        SalesforceQueryResult members = await _connection.QueryAsync(
            $"SELECT HasResponded, COUNT(Id) members FROM {CampaignMapping.MemberType} WHERE {added} GROUP BY HasResponded",
            null,
            "campaigns.stats",
            cancellationToken).ConfigureAwait(false);
        int recipients = 0;
        int responses = 0;
        foreach (JsonElement row in members.Records)
        {
            int count = row.TryGetProperty("members", out JsonElement n) ? SalesforceValues.Int32(n) ?? 0 : 0;
            recipients += count;
            if (row.TryGetProperty("HasResponded", out JsonElement responded) && responded.ValueKind == JsonValueKind.True)
            {
                responses += count;
            }
        }

        if (from is not null || to is not null)
        {
            // Responses in the period are those first made in it, whenever the member was added.
            string responded = campaign + " AND HasResponded = true"
                + (from is { } f2 ? " AND FirstRespondedDate >= " + Soql.Date(DateOnly.FromDateTime(f2.UtcDateTime)) : string.Empty)
                + (to is { } t2 ? " AND FirstRespondedDate < " + Soql.Date(ExclusiveDate(t2)) : string.Empty);
            SalesforceQueryResult result = await _connection.QueryAsync(
                $"SELECT COUNT(Id) responses FROM {CampaignMapping.MemberType} WHERE {responded}",
                null,
                "campaigns.stats",
                cancellationToken).ConfigureAwait(false);
            responses = result.Records is [var row, ..] && row.TryGetProperty("responses", out JsonElement r) ? SalesforceValues.Int32(r) ?? 0 : 0;
        }

        return new CampaignStats
        {
            CampaignId = campaignId,
            From = from,
            To = to,
            Source = CampaignStatsSource.Vendor,
            Reported = CampaignMetric.UniqueRecipients | CampaignMetric.UniqueClicks | CampaignMetric.TotalClicks,
            UniqueRecipients = recipients,
            UniqueClicks = responses,
            TotalClicks = responses,
        };
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

    /// <summary>The first day not in a period ending (exclusively) at <paramref name="to"/>.</summary>
    private static DateOnly ExclusiveDate(DateTimeOffset to)
    {
        DateTime utc = to.UtcDateTime;
        var day = DateOnly.FromDateTime(utc);
        return utc.TimeOfDay == TimeSpan.Zero ? day : day.AddDays(1);
    }

    /// <summary>Ids compare by their first 15 characters, so the 15- and 18-character forms of one id are one key.</summary>
    private static string Key(string id) => id.Length >= 15 ? id[..15] : id;

    private static BulkItemResult<CampaignMember>? Precheck(string[] ids, int index)
    {
        string? id = ids[index];
        if (string.IsNullOrWhiteSpace(id))
        {
            return new BulkItemResult<CampaignMember>(index, BulkItemStatus.Failed, null, new BulkItemError($"The contact id at index {index} is empty.", "INVALID_ID", "ContactId"));
        }

        return SalesforceIds.IsWellFormed(id)
            ? null
            : new BulkItemResult<CampaignMember>(index, BulkItemStatus.Failed, null, new BulkItemError($"'{id}' is not a Salesforce record id (15 or 18 letters and digits).", "MALFORMED_ID", "ContactId"));
    }

    private async Task<(string[] Ids, BulkOptions Options)> PrepareAsync(string campaignId, IReadOnlyList<string> contactIds, BulkOptions? options, CancellationToken cancellationToken)
    {
        SalesforceIds.Require(campaignId, nameof(campaignId));
        ArgumentNullException.ThrowIfNull(contactIds);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        string[] ids = [.. contactIds];
        await EnsureCampaignAsync(campaignId, cancellationToken).ConfigureAwait(false);
        return (ids, options);
    }

    private async Task EnsureCampaignAsync(string campaignId, CancellationToken cancellationToken)
    {
        string soql = $"SELECT Id FROM {CampaignMapping.Type} WHERE Id = {Soql.Quote(campaignId)} LIMIT 1";
        SalesforceQueryResult result = await _connection.QueryAsync(soql, null, "campaigns.get", cancellationToken).ConfigureAwait(false);
        if (result.Records.Count == 0)
        {
            throw new MartechNotFoundException($"{_connection.Name}: there is no Salesforce campaign {campaignId}.")
            {
                Provider = _connection.Name,
                ErrorCode = "NOT_FOUND",
            };
        }
    }

    /// <summary>The current members of a campaign among some contacts, by contact id key.</summary>
    private async Task<Dictionary<string, JsonElement>> FindMembersAsync(string campaignId, IEnumerable<string> contactIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (List<string> group in Soql.Chunk(contactIds))
        {
            string soql = $"SELECT {CampaignMapping.MemberFields} FROM {CampaignMapping.MemberType} WHERE CampaignId = {Soql.Quote(campaignId)} AND ContactId IN {Soql.InList(group)}";
            SalesforceQueryResult result = await _connection.QueryAsync(soql, null, "campaigns.members.lookup", cancellationToken).ConfigureAwait(false);
            foreach (JsonElement record in result.Records)
            {
                if (record.TryGetProperty("ContactId", out JsonElement contact) && SalesforceValues.String(contact) is { } contactId)
                {
                    found.TryAdd(Key(contactId), record);
                }
            }
        }

        return found;
    }

    private async Task AddRoundAsync(string campaignId, string[] ids, IReadOnlyList<int> round, BulkRun<CampaignMember> results, CancellationToken cancellationToken)
    {
        Dictionary<string, JsonElement> existing = await FindMembersAsync(campaignId, round.Select(i => ids[i]), cancellationToken).ConfigureAwait(false);
        var missing = new List<int>(round.Count);
        foreach (int index in round)
        {
            if (existing.TryGetValue(Key(ids[index]), out JsonElement member))
            {
                results.Settle(Succeeded(index, CampaignMapping.ReadMember(member) with { ContactId = ids[index] }));
            }
            else
            {
                missing.Add(index);
            }
        }

        if (missing.Count == 0 || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        var records = new List<SObjectRecord>(missing.Count);
        foreach (int index in missing)
        {
            var record = new SObjectRecord();
            record.Set("CampaignId", campaignId);
            record.Set("ContactId", ids[index]);
            records.Add(record);
        }

        IReadOnlyList<SalesforceSaveResult> saved;
        try
        {
            saved = await _connection.CreateCollectionAsync(CampaignMapping.MemberType, records, "campaigns.members.add", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MartechException or OperationCanceledException)
        {
            foreach (int index in missing)
            {
                results.Settle(SalesforceBulk.Failed<CampaignMember>(index, ex, write: true, cancellationToken));
            }

            return;
        }

        for (int i = 0; i < missing.Count; i++)
        {
            int index = missing[i];
            SalesforceSaveResult result = saved[i];
            bool alreadyMember = !result.Success && result.Errors is { Count: > 0 } errors && errors.TrueForAll(static e => (e.StatusCode ?? e.ErrorCode) == DuplicateValueCode);
            results.Settle(result.Success || alreadyMember
                ? Succeeded(index, new CampaignMember(campaignId, ids[index]))
                : SalesforceBulk.Failed<CampaignMember>(index, result));
        }
    }

    private async Task RemoveRoundAsync(string campaignId, string[] ids, IReadOnlyList<int> round, BulkRun<CampaignMember> results, CancellationToken cancellationToken)
    {
        Dictionary<string, JsonElement> existing = await FindMembersAsync(campaignId, round.Select(i => ids[i]), cancellationToken).ConfigureAwait(false);
        var members = new List<(int Index, string MemberId, CampaignMember Member)>(round.Count);
        foreach (int index in round)
        {
            if (existing.TryGetValue(Key(ids[index]), out JsonElement record) && record.TryGetProperty("Id", out JsonElement id) && SalesforceValues.String(id) is { } memberId)
            {
                members.Add((index, memberId, CampaignMapping.ReadMember(record) with { ContactId = ids[index] }));
            }
            else
            {
                // Not a member: nothing to remove.
                results.Settle(Succeeded(index, new CampaignMember(campaignId, ids[index])));
            }
        }

        if (members.Count == 0 || cancellationToken.IsCancellationRequested)
        {
            return;
        }

        IReadOnlyList<SalesforceSaveResult> deleted;
        try
        {
            deleted = await _connection.DeleteCollectionAsync([.. members.Select(static m => m.MemberId)], "campaigns.members.remove", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MartechException or OperationCanceledException)
        {
            foreach (var (index, _, _) in members)
            {
                results.Settle(SalesforceBulk.Failed<CampaignMember>(index, ex, write: true, cancellationToken));
            }

            return;
        }

        for (int i = 0; i < members.Count; i++)
        {
            var (index, _, member) = members[i];
            SalesforceSaveResult result = deleted[i];
            bool gone = !result.Success && result.Errors is { Count: > 0 } errors && errors.TrueForAll(static e => (e.StatusCode ?? e.ErrorCode) == "ENTITY_IS_DELETED");
            results.Settle(result.Success || gone ? Succeeded(index, member) : SalesforceBulk.Failed<CampaignMember>(index, result));
        }
    }

    private static BulkItemResult<CampaignMember> Succeeded(int index, CampaignMember member) => new(index, BulkItemStatus.Succeeded, member);
}
