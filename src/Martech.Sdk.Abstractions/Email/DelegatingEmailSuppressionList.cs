namespace Martech.Sdk;

/// <summary>A suppression list that forwards every call to an inner list; middleware derives from it.</summary>
public class DelegatingEmailSuppressionList : IEmailSuppressionList
{
    /// <summary>Creates a list that forwards to <paramref name="innerList"/>.</summary>
    /// <param name="innerList">The list to forward to.</param>
    protected DelegatingEmailSuppressionList(IEmailSuppressionList innerList)
    {
        ArgumentNullException.ThrowIfNull(innerList);
        InnerList = innerList;
    }

    /// <summary>The list calls are forwarded to.</summary>
    protected IEmailSuppressionList InnerList { get; }

    /// <inheritdoc />
    public virtual Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default) =>
        InnerList.FindAsync(email, cancellationToken);

    /// <inheritdoc />
    public virtual AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerList.ListAsync(options, cancellationToken);

    /// <inheritdoc />
    public virtual Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerList.AddAsync(suppressions, options, cancellationToken);

    /// <inheritdoc />
    public virtual Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        InnerList.RemoveAsync(suppressions, options, cancellationToken);

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerList.GetService(serviceType, serviceKey);
    }
}
