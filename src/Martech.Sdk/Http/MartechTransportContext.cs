using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Polly;

namespace Martech.Sdk;

/// <summary>
/// The per-instance state of the HTTP transport: options, rate budget, resilience pipeline, redactor and
/// telemetry tags. One singleton per provider instance, shared by every handler the client factory creates, so
/// budgets and circuit-breaker state survive handler rotation.
/// </summary>
internal sealed class MartechTransportContext
{
    public MartechTransportContext(
        string name,
        string providerType,
        MartechHttpOptions options,
        MartechRateBudget budget,
        TimeProvider time,
        ILogger logger,
        IReadOnlyDictionary<string, MartechOperationBudget>? operationBudgets = null)
    {
        Name = name;
        ProviderType = providerType;
        Options = options;
        Budget = budget;
        OperationBudgets = operationBudgets is { Count: > 0 } ? operationBudgets.ToFrozenDictionary(StringComparer.Ordinal) : null;
        Time = time;
        Logger = logger;
        Redactor = new MartechRedactor(options.SensitiveHeaders, options.SensitiveQueryParameters, options.Authentication, options.UrlPathsAreSecret, options.SecretUrls);
        ErrorMapper = options.ErrorMapper ?? DefaultErrorMapper.Instance;
        Pipeline = MartechResiliencePipeline.Build(this);
        Tags = new MartechTelemetryTags(name, providerType);
    }

    /// <summary>The provider instance name.</summary>
    public string Name { get; }

    /// <summary>The vendor, such as "HubSpot".</summary>
    public string ProviderType { get; }

    public MartechHttpOptions Options { get; }

    public MartechRateBudget Budget { get; }

    /// <summary>The budgets of single operations, by operation name; <see langword="null"/> when the instance declares
    /// none, so the rate-limit handler's fast path is one null check.</summary>
    public FrozenDictionary<string, MartechOperationBudget>? OperationBudgets { get; }

    public TimeProvider Time { get; }

    public ILogger Logger { get; }

    public MartechRedactor Redactor { get; }

    public IMartechErrorMapper ErrorMapper { get; }

    public ResiliencePipeline<HttpResponseMessage> Pipeline { get; }

    /// <summary>Cached telemetry tags, so recording a measurement allocates nothing for them.</summary>
    public MartechTelemetryTags Tags { get; }

    /// <summary>The container's transport observer (vendor SLOs), or <see langword="null"/> when none is registered.</summary>
    public MartechTransportObserver? Observer { get; init; }

    /// <summary>The tenant whose credentials this context sends with, or <see langword="null"/> for an instance's own
    /// context.</summary>
    public string? Tenant { get; init; }

    /// <summary>The per-tenant contexts of an instance with per-tenant credentials (<c>UseTenantCredentials</c>);
    /// <see langword="null"/> otherwise, so the handlers' fast path is one null check.</summary>
    public MartechTenantContexts? Tenants { get; set; }

    /// <summary>The context a request is sent with: the tenant's one chosen by the outermost handler, else this one.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The context.</returns>
    public MartechTransportContext For(HttpRequestMessage request) =>
        Tenants is null ? this : MartechTenantContexts.Of(request, this);
}
