using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>
/// The transport contexts of one provider instance's tenants: each tenant's credentials, as its resolver gave them,
/// turned into a context of its own (authentication, rate budget by credential, operation budgets, resilience pipeline
/// with its own circuit breaker, redactor). Resolved once per tenant however many calls ask at once, kept for
/// <see cref="MartechTenantOptions.CredentialLifetime"/> and at most <see cref="MartechTenantOptions.MaxTenants"/> at a
/// time (the least recently used dropped first).
/// </summary>
/// <remarks>The outermost transport handler chooses a request's context (<see cref="SelectAsync"/>) and leaves it in the
/// request's options, where the inner handlers and the transport read it (<see cref="Of"/>). Contexts hold nothing to
/// dispose: budgets live in the process's registry, keyed by credential, and outlive them; the resolver's
/// authentication objects stay the resolver's.</remarks>
internal sealed class MartechTenantContexts
{
    /// <summary>Where the chosen context travels with the request.</summary>
    private static readonly HttpRequestOptionsKey<MartechTransportContext> ContextKey = new("Martech.Sdk.TenantContext");

    private static readonly Func<ILogger, string, IDisposable?> TenantScope =
        LoggerMessage.DefineScope<string>("Tenant {MartechTenant}");

    private readonly MartechTransportContext _instance;
    private readonly IMartechCredentialResolver _resolver;
    private readonly MartechTenantOptions _options;
    private readonly Func<MartechHttpOptions, string, MartechTransportContext> _create;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);

    // Most recently used first.
    private readonly LinkedList<Entry> _recency = new();

    public MartechTenantContexts(
        MartechTransportContext instance,
        IMartechCredentialResolver resolver,
        MartechTenantOptions options,
        Func<MartechHttpOptions, string, MartechTransportContext> create)
    {
        _instance = instance;
        _resolver = resolver;
        _options = options;
        _create = create;
        _time = instance.Time;
    }

    /// <summary>How many tenants are kept now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The context the outermost handler chose for a request, or the instance's own.</summary>
    /// <param name="request">The request.</param>
    /// <param name="instance">The instance's context.</param>
    /// <returns>The context to send with.</returns>
    public static MartechTransportContext Of(HttpRequestMessage request, MartechTransportContext instance) =>
        request.Options.TryGetValue(ContextKey, out MartechTransportContext? chosen) && chosen is not null ? chosen : instance;

    /// <summary>Begins the Debug log scope naming a request's tenant, when Debug logging is on.</summary>
    /// <param name="context">The chosen context.</param>
    /// <returns>The scope, or <see langword="null"/>.</returns>
    public static IDisposable? BeginScope(MartechTransportContext context) =>
        context.Tenant is { } tenant && context.Logger.IsEnabled(LogLevel.Debug) ? TenantScope(context.Logger, tenant) : null;

    /// <summary>
    /// Chooses a request's context: the tenant of its <see cref="MartechRequestOptions.Tenant"/>, else
    /// <see cref="MartechTenant.Current"/>; resolves the tenant's credentials when they are not kept yet (or have outlived
    /// <see cref="MartechTenantOptions.CredentialLifetime"/>), leaves the context in the request's options and points
    /// the request at the tenant's base address when it has one. Nothing has been sent when this throws.
    /// </summary>
    /// <param name="request">The request, its URI absolute (the client resolved it against the instance's base address).</param>
    /// <param name="cancellationToken">Stops waiting for the resolver (which goes on for other callers).</param>
    /// <returns>The chosen context.</returns>
    /// <exception cref="MartechTenantException">The call has no tenant (and calls without one are not allowed), or the
    /// resolver does not know it.</exception>
    public async ValueTask<MartechTransportContext> SelectAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? tenant = MartechRequestOptions.Of(request)?.Tenant ?? MartechTenant.Current;
        if (tenant is null)
        {
            if (_options.AllowCallsWithoutTenant)
            {
                return _instance;
            }

            throw new MartechTenantException(
                $"Provider '{_instance.Name}' ({_instance.ProviderType}) sends with per-tenant credentials and this call has no tenant: " +
                "make it inside 'using (MartechTenant.Use(\"tenant-id\")) { ... }', set MartechRequestOptions.Tenant, " +
                "or set MartechTenantOptions.AllowCallsWithoutTenant to send such calls with the instance's own credentials.");
        }

        if (string.IsNullOrWhiteSpace(tenant))
        {
            throw new MartechTenantException($"Provider '{_instance.Name}' ({_instance.ProviderType}) was given an empty tenant id in MartechRequestOptions.Tenant.");
        }

        MartechTransportContext context = await GetAsync(tenant, cancellationToken).ConfigureAwait(false)
            ?? throw new MartechTenantException(
                $"Provider '{_instance.Name}' ({_instance.ProviderType}) has no credentials for tenant '{tenant}': its credential resolver does not know the tenant.");
        request.Options.Set(ContextKey, context);
        RewriteBaseAddress(request, context);
        return context;
    }

    /// <summary>The tenant's context, resolving it once for every caller that asks while it is resolved; <see langword="null"/>
    /// when the resolver does not know the tenant.</summary>
    internal async ValueTask<MartechTransportContext?> GetAsync(string tenant, CancellationToken cancellationToken)
    {
        Entry entry;
        bool owner = false;
        lock (_gate)
        {
            long now = _time.GetTimestamp();
            if (_entries.TryGetValue(tenant, out LinkedListNode<Entry>? node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                entry = node.Value;
                if (entry.Resolution.IsCompletedSuccessfully && _time.GetElapsedTime(entry.ResolvedAt, now) >= _options.CredentialLifetime)
                {
                    // Outlived: ask the resolver again, keeping the context when the credential is the same.
                    entry = new Entry(tenant, entry.Resolution.Result);
                    node.Value = entry;
                    owner = true;
                }
            }
            else
            {
                entry = new Entry(tenant, previous: null);
                _entries[tenant] = _recency.AddFirst(entry);
                owner = true;
                while (_entries.Count > _options.MaxTenants && _recency.Last is { } oldest)
                {
                    _recency.RemoveLast();
                    _entries.Remove(oldest.Value.Tenant);
                }
            }
        }

        if (owner)
        {
            // Not bound to this caller's token: the others waiting on it must not fail because this one gave up.
            _ = ResolveAsync(entry);
        }

        return await entry.Resolution.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task ResolveAsync(Entry entry)
    {
        try
        {
            MartechTenantCredentials? credentials = await _resolver
                .ResolveAsync(new MartechCredentialRequest(_instance.Name, _instance.ProviderType, entry.Tenant), CancellationToken.None)
                .ConfigureAwait(false);
            if (credentials is null)
            {
                // Unknown now, perhaps known later: not kept.
                Forget(entry);
                entry.Complete(null, 0);
                return;
            }

            MartechTransportContext context = entry.Previous is { } previous && IsSame(previous, credentials)
                ? previous
                : _create(ForTenant(_instance.Options, credentials), entry.Tenant);
            entry.Complete(context, _time.GetTimestamp());
        }
#pragma warning disable CA1031 // Every failure goes to the callers waiting on this resolution.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Forget(entry);
            entry.Fail(ex);
        }
    }

    /// <summary>Drops an entry that resolved to nothing or failed, unless a newer one has replaced it.</summary>
    private void Forget(Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(entry.Tenant, out LinkedListNode<Entry>? node) && ReferenceEquals(node.Value, entry))
            {
                _entries.Remove(entry.Tenant);
                _recency.Remove(node);
            }
        }
    }

    private bool IsSame(MartechTransportContext previous, MartechTenantCredentials credentials) =>
        string.Equals(previous.Options.Authentication?.CredentialId, credentials.Authentication.CredentialId, StringComparison.Ordinal)
        && Equals(previous.Options.BaseAddress, credentials.BaseAddress ?? _instance.Options.BaseAddress);

    /// <summary>Points a request made against the instance's base address at the tenant's.</summary>
    private void RewriteBaseAddress(HttpRequestMessage request, MartechTransportContext context)
    {
        Uri tenantBase = context.Options.BaseAddress!;
        Uri instanceBase = _instance.Options.BaseAddress!;
        if (ReferenceEquals(tenantBase, instanceBase) || request.RequestUri is not { IsAbsoluteUri: true } uri)
        {
            return;
        }

        string from = instanceBase.AbsoluteUri;
        string url = uri.AbsoluteUri;
        if (url.StartsWith(from, StringComparison.OrdinalIgnoreCase) && !string.Equals(from, tenantBase.AbsoluteUri, StringComparison.Ordinal))
        {
            request.RequestUri = new Uri(tenantBase.AbsoluteUri + url[from.Length..], UriKind.Absolute);
        }
    }

    /// <summary>The instance's HTTP options with a tenant's credentials and base address.</summary>
    internal static MartechHttpOptions ForTenant(MartechHttpOptions instance, MartechTenantCredentials credentials)
    {
        var options = new MartechHttpOptions
        {
            BaseAddress = credentials.BaseAddress ?? instance.BaseAddress,
            Authentication = credentials.Authentication,
            RateLimit = instance.RateLimit,
            RateLimitHeaders = instance.RateLimitHeaders,
            Resilience = instance.Resilience,
            IsNotProcessed = instance.IsNotProcessed,
            ErrorMapper = instance.ErrorMapper,
            UrlPathsAreSecret = instance.UrlPathsAreSecret,
        };
        options.IdempotencyKeyHeaders.UnionWith(instance.IdempotencyKeyHeaders);
        options.SensitiveHeaders.UnionWith(instance.SensitiveHeaders);
        options.SensitiveQueryParameters.UnionWith(instance.SensitiveQueryParameters);
        foreach (Uri url in instance.SecretUrls)
        {
            options.SecretUrls.Add(url);
        }

        // The instance's scheme's secret headers and parameters stay masked too (a tenant's scheme may differ).
        if (instance.Authentication is { } own)
        {
            options.SensitiveHeaders.UnionWith(own.SecretHeaders);
            options.SensitiveQueryParameters.UnionWith(own.SecretQueryParameters);
        }

        return options;
    }

    /// <summary>One tenant's resolution: in flight, or done with its context.</summary>
    private sealed class Entry(string tenant, MartechTransportContext? previous)
    {
        private readonly TaskCompletionSource<MartechTransportContext?> _resolution = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Tenant { get; } = tenant;

        /// <summary>The context kept before this resolution, reused when the credential has not changed.</summary>
        public MartechTransportContext? Previous { get; } = previous;

        public Task<MartechTransportContext?> Resolution => _resolution.Task;

        /// <summary>When the resolution completed (a <see cref="TimeProvider"/> timestamp).</summary>
        public long ResolvedAt { get; private set; }

        public void Complete(MartechTransportContext? context, long resolvedAt)
        {
            ResolvedAt = resolvedAt;
            _resolution.TrySetResult(context);
        }

        public void Fail(Exception ex)
        {
            // Whatever it is (a resolver's own timeout too), the callers waiting get it; the next call asks again.
            _resolution.TrySetException(ex);

            // Observed here, so a failure nobody waited for is not reported as unobserved.
            _ = _resolution.Task.Exception;
        }
    }
}
