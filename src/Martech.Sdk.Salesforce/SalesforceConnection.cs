using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// One provider instance's access to Salesforce REST: it finds the versioned API base from the OAuth2 token's
/// <c>instance_url</c>, builds absolute request URIs from it, and wraps the resources the clients use (SOQL query and
/// query-more, describe with a cache, sObject create, update, upsert by external id and delete, and sObject Collections).
/// Every request goes through the instance's shared transport, so it is authenticated, rate-limited, retried where safe
/// and its errors are mapped by <see cref="SalesforceErrorMapper"/>.
/// </summary>
internal sealed partial class SalesforceConnection
{
    private static readonly ConcurrentDictionary<string, MartechRequestOptions> Operations = new(StringComparer.Ordinal);
    private readonly MartechHttpTransport _transport;
    private readonly OAuth2Authentication _authentication;
    private readonly TimeProvider _time;
    private readonly Lock _describeGate = new();
    private readonly Dictionary<string, DescribeEntry> _describes = new(StringComparer.OrdinalIgnoreCase);
    private volatile ApiBase? _base;

    public SalesforceConnection(MartechProviderMetadata metadata, SalesforceOptions options, MartechHttpTransport transport, OAuth2Authentication authentication, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(authentication);
        Metadata = metadata;
        Options = options;
        _transport = transport;
        _authentication = authentication;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The instance's name and vendor.</summary>
    public MartechProviderMetadata Metadata { get; }

    /// <summary>The instance's options.</summary>
    public SalesforceOptions Options { get; }

    /// <summary>The instance name, for messages.</summary>
    public string Name => Metadata.Name;

    /// <summary>Gets the versioned data API base, <c>{instance_url}/services/data/{ApiVersion}/</c>, from the current
    /// token (obtaining one first when needed).</summary>
    /// <param name="cancellationToken">Cancels the wait for a token.</param>
    /// <returns>The base.</returns>
    /// <exception cref="MartechRequestException">The token answer has no usable <c>instance_url</c>.</exception>
    public async ValueTask<ApiBase> GetApiBaseAsync(CancellationToken cancellationToken)
    {
        OAuth2Token token = await _authentication.GetTokenAsync(cancellationToken).ConfigureAwait(false);
        token.AdditionalProperties.TryGetValue("instance_url", out string? instanceUrl);
        ApiBase? current = _base;
        if (current is not null && string.Equals(current.InstanceUrl, instanceUrl, StringComparison.Ordinal))
        {
            return current;
        }

        if (string.IsNullOrWhiteSpace(instanceUrl)
            || !Uri.TryCreate(instanceUrl.TrimEnd('/') + "/", UriKind.Absolute, out Uri? instance)
            || !SalesforceOptions.IsSecureOrLoopback(instance)
            || instance.AbsolutePath != "/")
        {
            throw new MartechRequestException(
                $"{Name}: the Salesforce token answer has no usable instance_url ('{instanceUrl}'); an https URL such as https://acme.my.salesforce.com is needed to reach the API.")
            {
                Provider = Name,
            };
        }

        current = new ApiBase(instanceUrl, instance, new Uri(instance, $"services/data/{Options.ApiVersion}/"));
        _base = current;
        return current;
    }

    /// <summary>Runs a SOQL query: <c>GET query?q=…</c>.</summary>
    /// <param name="soql">The query.</param>
    /// <param name="batchSize">The batch size to ask for with <c>Sforce-Query-Options</c> (200 to 2000), or
    /// <see langword="null"/> for Salesforce's default.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The first batch.</returns>
    public async Task<SalesforceQueryResult> QueryAsync(string soql, int? batchSize, string operation, CancellationToken cancellationToken)
    {
        ApiBase api = await GetApiBaseAsync(cancellationToken).ConfigureAwait(false);
        using HttpRequestMessage request = Request(HttpMethod.Get, new Uri(api.Data, "query?q=" + Uri.EscapeDataString(soql)), operation);

        // The query names the addresses and names it matches: shown as {soql} below Trace.
        new MartechRequestOptions { Operation = operation, UrlTemplate = "query?q={soql}" }.ApplyTo(request);
        if (batchSize is int size)
        {
            request.Headers.TryAddWithoutValidation("Sforce-Query-Options", "batchSize=" + size.ToString(CultureInfo.InvariantCulture));
        }

        return await _transport.SendAsync(request, SalesforceJsonContext.Default.SalesforceQueryResult, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the next batch of a query: <c>GET {nextRecordsUrl}</c>.</summary>
    /// <param name="nextRecordsUrl">The path Salesforce gave, such as <c>/services/data/v62.0/query/01g…-2000</c>.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException">The path is not a query locator path.</exception>
    public async Task<SalesforceQueryResult> QueryMoreAsync(string nextRecordsUrl, string operation, CancellationToken cancellationToken)
    {
        if (!IsNextRecordsUrl(nextRecordsUrl))
        {
            throw new ArgumentException($"'{nextRecordsUrl}' is not a Salesforce nextRecordsUrl.", nameof(nextRecordsUrl));
        }

        ApiBase api = await GetApiBaseAsync(cancellationToken).ConfigureAwait(false);
        using HttpRequestMessage request = Request(HttpMethod.Get, new Uri(api.Instance, nextRecordsUrl), operation);
        return await _transport.SendAsync(request, SalesforceJsonContext.Default.SalesforceQueryResult, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a string is a query locator path of the form Salesforce returns as <c>nextRecordsUrl</c>.</summary>
    /// <param name="value">The candidate.</param>
    /// <returns><see langword="true"/> when it is.</returns>
    public static bool IsNextRecordsUrl(string? value) => value is not null && NextRecordsUrlPattern().IsMatch(value);

    /// <summary>Gets an object's describe, cached for <see cref="SalesforceOptions.DescribeCacheDuration"/>; one call
    /// however many callers need it at once.</summary>
    /// <param name="type">The sObject type.</param>
    /// <param name="cancellationToken">Stops waiting (the call itself goes on for other callers).</param>
    /// <returns>The description.</returns>
    public async Task<SObjectDescription> DescribeAsync(string type, CancellationToken cancellationToken)
    {
        Task<SObjectDescription> task;
        lock (_describeGate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (!_describes.TryGetValue(type, out DescribeEntry? entry)
                || entry.Task.IsFaulted
                || entry.Task.IsCanceled
                || (entry.Task.IsCompletedSuccessfully && now >= entry.ExpiresAt))
            {
                entry = new DescribeEntry(FetchDescribeAsync(type), now + Options.DescribeCacheDuration);
                _describes[type] = entry;
            }

            task = entry.Task;
        }

        return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Forgets the cached describe of a type when a write named fields it does not know (fields created in
    /// Salesforce after the describe was read), so the next query reads it again and selects them.</summary>
    /// <param name="type">The sObject type written.</param>
    /// <param name="records">The records written.</param>
    public void ForgetDescribeIfStale(string type, IEnumerable<SObjectRecord> records)
    {
        Task<SObjectDescription>? cached;
        lock (_describeGate)
        {
            cached = _describes.TryGetValue(type, out DescribeEntry? entry) ? entry.Task : null;
        }

        if (cached is not { IsCompletedSuccessfully: true })
        {
            return;
        }

        SObjectDescription description = cached.Result;
        foreach (SObjectRecord record in records)
        {
            foreach (string name in record.Names)
            {
                if (!description.HasField(name))
                {
                    ForgetDescribe(type);
                    return;
                }
            }
        }
    }

    /// <summary>Forgets a cached describe, so the next use reads it again.</summary>
    /// <param name="type">The sObject type.</param>
    public void ForgetDescribe(string type)
    {
        lock (_describeGate)
        {
            _describes.Remove(type);
        }
    }

    /// <summary>Creates a record: <c>POST sobjects/{type}/</c>, answered 201 with its id.</summary>
    /// <param name="type">The sObject type.</param>
    /// <param name="record">The fields.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new record's id.</returns>
    public async Task<string> CreateAsync(string type, SObjectRecord record, string operation, CancellationToken cancellationToken)
    {
        ApiBase api = await GetApiBaseAsync(cancellationToken).ConfigureAwait(false);
        using HttpRequestMessage request = Request(HttpMethod.Post, new Uri(api.Data, $"sobjects/{type}/"), operation, record.ToContent());
        SalesforceSaveResult result = await _transport.SendAsync(request, SalesforceJsonContext.Default.SalesforceSaveResult, cancellationToken).ConfigureAwait(false);
        return result.Success && !string.IsNullOrEmpty(result.Id)
            ? result.Id
            : throw Unsuccessful(operation, result);
    }

    /// <summary>Updates a record: <c>PATCH sobjects/{type}/{id}</c>, answered 204.</summary>
    /// <param name="type">The sObject type.</param>
    /// <param name="id">The record id.</param>
    /// <param name="record">The fields to change.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the record is updated.</returns>
    /// <exception cref="MartechNotFoundException">There is no such record.</exception>
    public async Task UpdateAsync(string type, string id, SObjectRecord record, string operation, CancellationToken cancellationToken)
    {
        ApiBase api = await GetApiBaseAsync(cancellationToken).ConfigureAwait(false);
        using HttpRequestMessage request = Request(HttpMethod.Patch, new Uri(api.Data, $"sobjects/{type}/{id}"), operation, record.ToContent());
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Upserts a record by an external id: <c>PATCH sobjects/{type}/{field}/{value}</c>. Salesforce answers 201 when it
    /// created the record, 200 (API 46.0 and later, with <c>"created":false</c>) or 204 (earlier versions, no body) when it
    /// updated one, and 300 when the value matches several records, which the error mapper turns into a
    /// <see cref="MartechRequestException"/> with the code <c>MULTIPLE_CHOICES</c>.
    /// </summary>
    /// <param name="type">The sObject type.</param>
    /// <param name="field">The external-id field.</param>
    /// <param name="value">Its value.</param>
    /// <param name="record">The other fields.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The record's id (<see langword="null"/> on a 204) and whether it was created.</returns>
    public async Task<(string? Id, bool Created)> UpsertByExternalIdAsync(string type, string field, string value, SObjectRecord record, string operation, CancellationToken cancellationToken)
    {
        ApiBase api = await GetApiBaseAsync(cancellationToken).ConfigureAwait(false);
        var uri = new Uri(api.Data, $"sobjects/{type}/{field}/{Uri.EscapeDataString(value)}");
        using HttpRequestMessage request = Request(HttpMethod.Patch, uri, operation, record.ToContent());

        // The external id (an address, say) ends the path: shown as {value} below Trace.
        new MartechRequestOptions { Operation = operation, UrlTemplate = "{value}" }.ApplyTo(request);
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return (null, false);
        }

        // Read through the transport: a body that breaks off or is malformed came after Salesforce may have written.
        SalesforceSaveResult result = await _transport.ReadJsonAsync(request, response, SalesforceJsonContext.Default.SalesforceSaveResult, cancellationToken).ConfigureAwait(false);
        if (!result.Success)
        {
            throw Unsuccessful(operation, result);
        }

        return (result.Id, result.Created ?? response.StatusCode == HttpStatusCode.Created);
    }

    /// <summary>Deletes a record: <c>DELETE sobjects/{type}/{id}</c>.</summary>
    /// <param name="type">The sObject type.</param>
    /// <param name="id">The record id.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns><see langword="true"/> when deleted; <see langword="false"/> when Salesforce answered 404 (no such record,
    /// or <c>ENTITY_IS_DELETED</c>: already in the recycle bin).</returns>
    public async Task<bool> DeleteAsync(string type, string id, string operation, CancellationToken cancellationToken)
    {
        ApiBase api = await GetApiBaseAsync(cancellationToken).ConfigureAwait(false);
        using HttpRequestMessage request = Request(HttpMethod.Delete, new Uri(api.Data, $"sobjects/{type}/{id}"), operation);
        try
        {
            using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MartechNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Creates up to 200 records with sObject Collections: <c>POST composite/sobjects</c>, <c>allOrNone</c> off.</summary>
    /// <param name="type">The sObject type.</param>
    /// <param name="records">The records.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One SaveResult per record, in request order.</returns>
    public Task<IReadOnlyList<SalesforceSaveResult>> CreateCollectionAsync(string type, IReadOnlyList<SObjectRecord> records, string operation, CancellationToken cancellationToken) =>
        SendCollectionAsync(HttpMethod.Post, "composite/sobjects", SObjectRecord.ToCollectionContent(type, [.. records.Select(static r => (r, (string?)null))]), records.Count, operation, cancellationToken);

    /// <summary>Updates up to 200 records with sObject Collections: <c>PATCH composite/sobjects</c>.</summary>
    /// <param name="type">The sObject type.</param>
    /// <param name="records">The records with their ids.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One SaveResult per record, in request order.</returns>
    public Task<IReadOnlyList<SalesforceSaveResult>> UpdateCollectionAsync(string type, IReadOnlyList<(SObjectRecord Record, string Id)> records, string operation, CancellationToken cancellationToken) =>
        SendCollectionAsync(HttpMethod.Patch, "composite/sobjects", SObjectRecord.ToCollectionContent(type, [.. records.Select(static r => (r.Record, (string?)r.Id))]), records.Count, operation, cancellationToken);

    /// <summary>Upserts up to 200 records by an external id: <c>PATCH composite/sobjects/{type}/{field}</c>; each
    /// record carries the field, and each result says whether it was <c>created</c>.</summary>
    /// <param name="type">The sObject type.</param>
    /// <param name="field">The external-id field.</param>
    /// <param name="records">The records.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One SaveResult per record, in request order.</returns>
    public Task<IReadOnlyList<SalesforceSaveResult>> UpsertCollectionAsync(string type, string field, IReadOnlyList<SObjectRecord> records, string operation, CancellationToken cancellationToken) =>
        SendCollectionAsync(HttpMethod.Patch, $"composite/sobjects/{type}/{field}", SObjectRecord.ToCollectionContent(type, [.. records.Select(static r => (r, (string?)null))]), records.Count, operation, cancellationToken);

    /// <summary>Deletes up to 200 records: <c>DELETE composite/sobjects?ids=…&amp;allOrNone=false</c>.</summary>
    /// <param name="ids">The record ids.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One SaveResult per id, in request order.</returns>
    public Task<IReadOnlyList<SalesforceSaveResult>> DeleteCollectionAsync(IReadOnlyList<string> ids, string operation, CancellationToken cancellationToken) =>
        SendCollectionAsync(HttpMethod.Delete, "composite/sobjects?ids=" + string.Join(',', ids) + "&allOrNone=false", null, ids.Count, operation, cancellationToken);

    [GeneratedRegex(@"^/services/data/v[0-9]{1,3}\.[0-9]/query/[A-Za-z0-9]{1,40}-[0-9]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex NextRecordsUrlPattern();

    private static HttpRequestMessage Request(HttpMethod method, Uri uri, string operation, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        Operations.GetOrAdd(operation, static name => new MartechRequestOptions { Operation = name }).ApplyTo(request);
        return request;
    }

    private async Task<IReadOnlyList<SalesforceSaveResult>> SendCollectionAsync(HttpMethod method, string path, HttpContent? content, int expected, string operation, CancellationToken cancellationToken)
    {
        ApiBase api = await GetApiBaseAsync(cancellationToken).ConfigureAwait(false);
        using HttpRequestMessage request = Request(method, new Uri(api.Data, path), operation, content);
        List<SalesforceSaveResult> results = await _transport.SendAsync(request, SalesforceJsonContext.Default.ListSalesforceSaveResult, cancellationToken).ConfigureAwait(false);
        if (results.Count != expected || results.Contains(null!))
        {
            // The records were sent, so their fate is unknown: they must not be matched to the wrong results.
            throw new MartechTransportException($"{Name} {operation}: Salesforce answered {results.Count} results for {expected} records; the outcome of each record is unknown.")
            {
                Provider = Name,
                Operation = operation,
                MayHaveBeenProcessed = method != HttpMethod.Delete,
            };
        }

        return results;
    }

    private async Task<SObjectDescription> FetchDescribeAsync(string type)
    {
        // Not bound to one caller's token: others may be waiting on the same describe.
        ApiBase api = await GetApiBaseAsync(CancellationToken.None).ConfigureAwait(false);
        using HttpRequestMessage request = Request(HttpMethod.Get, new Uri(api.Data, $"sobjects/{type}/describe"), "describe");
        SalesforceDescribeResult result = await _transport.SendAsync(request, SalesforceJsonContext.Default.SalesforceDescribeResult, CancellationToken.None).ConfigureAwait(false);
        return new SObjectDescription(type, result.Fields ?? []);
    }

    private MartechRequestException Unsuccessful(string operation, SalesforceSaveResult? result)
    {
        SalesforceSaveError? error = result?.Errors?.FirstOrDefault();
        string code = error?.StatusCode ?? error?.ErrorCode ?? "UNKNOWN";
        return new MartechRequestException($"{Name} {operation} failed: ({code}) {error?.Message ?? "Salesforce reported no success and no error."}")
        {
            Provider = Name,
            ErrorCode = code,
            FieldErrors = error?.Fields is { Count: > 0 } fields ? [.. fields.Select(f => new MartechFieldError(f, error.Message ?? code, code))] : [],
        };
    }

    /// <summary>The instance URL of a token and the bases derived from it.</summary>
    /// <param name="InstanceUrl">The <c>instance_url</c> as the token endpoint gave it.</param>
    /// <param name="Instance">The instance root, ending with <c>/</c>.</param>
    /// <param name="Data">The versioned data API base, ending with <c>/</c>.</param>
    internal sealed record ApiBase(string InstanceUrl, Uri Instance, Uri Data);

    private sealed record DescribeEntry(Task<SObjectDescription> Task, DateTimeOffset ExpiresAt);
}
