namespace Martech.Sdk;

/// <summary>A lead client that forwards every call to an inner client; middleware derives from it.</summary>
public class DelegatingLeadClient : ILeadClient
{
    /// <summary>Creates a client that forwards to <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    protected DelegatingLeadClient(ILeadClient innerClient)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        InnerClient = innerClient;
    }

    /// <summary>The client calls are forwarded to.</summary>
    protected ILeadClient InnerClient { get; }

    /// <inheritdoc />
    public virtual Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default) =>
        InnerClient.CreateAsync(lead, cancellationToken);

    /// <inheritdoc />
    public virtual Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default) =>
        InnerClient.UpdateAsync(lead, cancellationToken);

    /// <inheritdoc />
    public virtual Task<Lead?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        InnerClient.GetAsync(id, cancellationToken);

    /// <inheritdoc />
    public virtual AsyncPageable<Lead> ListAsync(LeadListOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.ListAsync(options, cancellationToken);

    /// <inheritdoc />
    public virtual Task<LeadConversionResult> ConvertAsync(string id, LeadConversionOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerClient.ConvertAsync(id, options, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerClient.GetService(serviceType, serviceKey);
    }
}
