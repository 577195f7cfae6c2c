using System.Globalization;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// The person and lead field definitions of one provider instance, read from <c>GET /v1/personFields</c> and
/// <c>GET /v1/leadFields</c> (all pages) and cached for <see cref="PipedriveOptions.FieldCacheDuration"/>. Concurrent
/// callers share one load; a failed load is not cached.
/// </summary>
internal sealed class PipedriveFieldCatalog
{
    /// <summary>How old a cached set must be before a miss may reload it early, so a bulk call full of unknown names
    /// does not reload for each.</summary>
    internal static readonly TimeSpan MinimumRefreshAge = TimeSpan.FromSeconds(5);

    private const int PageLimit = 500;
    private readonly PipedriveApi _api;
    private readonly TimeProvider _time;
    private readonly TimeSpan _cacheDuration;
    private Task<PipedriveFieldSet>? _persons;
    private Task<PipedriveFieldSet>? _leads;

    public PipedriveFieldCatalog(PipedriveApi api, TimeProvider time, TimeSpan cacheDuration)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(time);
        _api = api;
        _time = time;
        _cacheDuration = cacheDuration;
    }

    /// <summary>Gets an object's fields, loading them when not cached or expired.</summary>
    public Task<PipedriveFieldSet> GetAsync(PipedriveEntity entity, CancellationToken cancellationToken) =>
        GetCoreAsync(entity, stale: null, cancellationToken);

    /// <summary>Reloads an object's fields after a name was not found in <paramref name="seen"/>, unless they were
    /// reloaded since or <paramref name="seen"/> is younger than <see cref="MinimumRefreshAge"/>.</summary>
    public Task<PipedriveFieldSet> RefreshAsync(PipedriveEntity entity, PipedriveFieldSet seen, CancellationToken cancellationToken) =>
        GetCoreAsync(entity, seen, cancellationToken);

    private async Task<PipedriveFieldSet> GetCoreAsync(PipedriveEntity entity, PipedriveFieldSet? stale, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ref Task<PipedriveFieldSet>? slot = ref entity == PipedriveEntity.Person ? ref _persons : ref _leads;
        while (true)
        {
            Task<PipedriveFieldSet>? current = Volatile.Read(ref slot);
            if (current is not null && !NeedsLoad(current, stale))
            {
                return await current.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            // The load is shared, so one caller's cancellation must not cancel it for the others.
            var load = new Task<Task<PipedriveFieldSet>>(() => LoadAsync(entity));
            if (Interlocked.CompareExchange(ref slot, load.Unwrap(), current) == current)
            {
                load.Start(TaskScheduler.Default);
            }
        }
    }

    private bool NeedsLoad(Task<PipedriveFieldSet> current, PipedriveFieldSet? stale)
    {
        if (!current.IsCompleted)
        {
            return false;
        }

        if (!current.IsCompletedSuccessfully)
        {
            return true;
        }

        PipedriveFieldSet set = current.Result;
        TimeSpan age = _time.GetUtcNow() - set.LoadedAt;
        return age >= _cacheDuration || (ReferenceEquals(set, stale) && age >= MinimumRefreshAge);
    }

    private async Task<PipedriveFieldSet> LoadAsync(PipedriveEntity entity)
    {
        string path = entity == PipedriveEntity.Person ? "personFields" : "leadFields";
        string operation = entity == PipedriveEntity.Person ? "personFields.list" : "leadFields.list";
        var fields = new List<PipedriveField>();
        int start = 0;
        for (int page = 0; page < 100; page++)
        {
            Uri uri = _api.V1(string.Create(CultureInfo.InvariantCulture, $"{path}?start={start}&limit={PageLimit}"));
            PipedriveEnvelope<List<PipedriveField>> envelope = await _api
                .SendAsync(HttpMethod.Get, uri, PipedriveJsonContext.Default.PipedriveEnvelopeListPipedriveField, operation, CancellationToken.None)
                .ConfigureAwait(false);
            if (envelope.Data is { } data)
            {
                fields.AddRange(data);
            }

            PipedrivePagination? pagination = envelope.AdditionalData?.Pagination;
            if (pagination?.MoreItemsInCollection != true)
            {
                break;
            }

            int next = pagination.NextStart ?? start + (envelope.Data?.Count ?? 0);
            if (next <= start)
            {
                break;
            }

            start = next;
        }

        return new PipedriveFieldSet(fields, _time.GetUtcNow());
    }
}
