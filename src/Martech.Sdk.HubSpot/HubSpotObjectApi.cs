using System.Net.Http.Json;

namespace Martech.Sdk.HubSpot;

/// <summary>
/// The wire calls of one HubSpot object type (contacts or leads): each builds its request, names its operation for
/// telemetry (<c>contacts.batch.upsert</c>, …), declares read-only POSTs (search, batch read) idempotent so the
/// transport may retry them, and parses the answer with source-generated JSON.
/// </summary>
internal sealed class HubSpotObjectApi
{
    private readonly MartechHttpTransport _transport;
    private readonly MartechRequestOptions _get;
    private readonly MartechRequestOptions _list;
    private readonly MartechRequestOptions _search;
    private readonly MartechRequestOptions _create;
    private readonly MartechRequestOptions _update;
    private readonly MartechRequestOptions _archive;
    private readonly MartechRequestOptions _gdprDelete;
    private readonly MartechRequestOptions _batchUpsert;
    private readonly MartechRequestOptions _batchUpdate;
    private readonly MartechRequestOptions _batchRead;

    public HubSpotObjectApi(MartechHttpTransport transport, string objectsPath, string objectType)
    {
        _transport = transport;
        Paths = new HubSpotPaths(objectsPath, objectType);
        ObjectType = objectType;
        _get = new MartechRequestOptions { Operation = objectType + ".get" };
        _list = new MartechRequestOptions { Operation = objectType + ".list" };
        _search = new MartechRequestOptions { Operation = objectType + ".search", Idempotent = true };
        _create = new MartechRequestOptions { Operation = objectType + ".create" };
        _update = new MartechRequestOptions { Operation = objectType + ".update" };
        _archive = new MartechRequestOptions { Operation = objectType + ".archive" };
        _gdprDelete = new MartechRequestOptions { Operation = objectType + ".gdpr-delete" };
        _batchUpsert = new MartechRequestOptions { Operation = objectType + ".batch.upsert" };
        _batchUpdate = new MartechRequestOptions { Operation = objectType + ".batch.update" };
        _batchRead = new MartechRequestOptions { Operation = objectType + ".batch.read", Idempotent = true };
    }

    /// <summary>The object type, such as <c>contacts</c>.</summary>
    public string ObjectType { get; }

    public HubSpotPaths Paths { get; }

    public MartechRedactor Redactor => _transport.Redactor;

    public string Provider => _transport.Name;

    /// <summary>GET <c>…/{id}?{query}</c>; <see langword="null"/> when HubSpot answers 404.</summary>
    public async Task<HubSpotObject?> GetAsync(string id, string query, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Paths.Item(id) + "?" + query, UriKind.Relative));
        _get.ApplyTo(request);
        try
        {
            return await _transport.SendAsync(request, HubSpotJsonContext.Default.HubSpotObject, cancellationToken).ConfigureAwait(false);
        }
        catch (MartechNotFoundException)
        {
            return null;
        }
    }

    /// <summary>GET a list page.</summary>
    public async Task<HubSpotCollectionResponse> ListAsync(string relativeUri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(relativeUri, UriKind.Relative));
        _list.ApplyTo(request);
        return await _transport.SendAsync(request, HubSpotJsonContext.Default.HubSpotCollectionResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>POST <c>…/search</c> (read-only, so declared idempotent).</summary>
    public Task<HubSpotCollectionResponse> SearchAsync(HubSpotSearchRequest body, CancellationToken cancellationToken) =>
        _transport.SendJsonAsync(HttpMethod.Post, Paths.Search, body, HubSpotJsonContext.Default.HubSpotSearchRequest, HubSpotJsonContext.Default.HubSpotCollectionResponse, _search, cancellationToken);

    /// <summary>POST <c>…/{type}</c>: create with associations.</summary>
    public Task<HubSpotObject> CreateAsync(HubSpotCreateInput body, CancellationToken cancellationToken) =>
        _transport.SendJsonAsync(HttpMethod.Post, Paths.Collection, body, HubSpotJsonContext.Default.HubSpotCreateInput, HubSpotJsonContext.Default.HubSpotObject, _create, cancellationToken);

    /// <summary>PATCH <c>…/{id}</c>; <see cref="MartechNotFoundException"/> when there is no such object.</summary>
    public Task<HubSpotObject> UpdateAsync(string id, Dictionary<string, string> properties, CancellationToken cancellationToken) =>
        _transport.SendJsonAsync(HttpMethod.Patch, Paths.Item(id), new HubSpotPropertiesInput { Properties = properties }, HubSpotJsonContext.Default.HubSpotPropertiesInput, HubSpotJsonContext.Default.HubSpotObject, _update, cancellationToken);

    /// <summary>POST <c>…/batch/upsert</c>: 200, or 207 with per-input errors.</summary>
    public Task<HubSpotBatchResponse> BatchUpsertAsync(HubSpotBatchInput body, CancellationToken cancellationToken) =>
        _transport.SendJsonAsync(HttpMethod.Post, Paths.BatchUpsert, body, HubSpotJsonContext.Default.HubSpotBatchInput, HubSpotJsonContext.Default.HubSpotBatchResponse, _batchUpsert, cancellationToken);

    /// <summary>POST <c>…/batch/update</c>: 200, or 207 with per-input errors.</summary>
    public Task<HubSpotBatchResponse> BatchUpdateAsync(HubSpotBatchInput body, CancellationToken cancellationToken) =>
        _transport.SendJsonAsync(HttpMethod.Post, Paths.BatchUpdate, body, HubSpotJsonContext.Default.HubSpotBatchInput, HubSpotJsonContext.Default.HubSpotBatchResponse, _batchUpdate, cancellationToken);

    /// <summary>POST <c>…/batch/read</c> (read-only, so declared idempotent).</summary>
    public Task<HubSpotBatchResponse> BatchReadAsync(HubSpotBatchReadInput body, CancellationToken cancellationToken) =>
        _transport.SendJsonAsync(HttpMethod.Post, Paths.BatchRead, body, HubSpotJsonContext.Default.HubSpotBatchReadInput, HubSpotJsonContext.Default.HubSpotBatchResponse, _batchRead, cancellationToken);

    /// <summary>DELETE <c>…/{id}</c> (archive, recoverable from HubSpot's recycling bin for 90 days).</summary>
    public async Task<bool> ArchiveAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(Paths.Item(id), UriKind.Relative));
        _archive.ApplyTo(request);
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

    /// <summary>POST <c>…/gdpr-delete</c>: permanent erasure.</summary>
    public async Task<bool> GdprDeleteAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Paths.GdprDelete, UriKind.Relative))
        {
            Content = JsonContent.Create(new HubSpotGdprDeleteInput { ObjectId = id }, HubSpotJsonContext.Default.HubSpotGdprDeleteInput),
        };
        _gdprDelete.ApplyTo(request);
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
}
