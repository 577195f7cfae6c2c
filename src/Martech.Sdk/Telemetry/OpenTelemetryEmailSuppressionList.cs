namespace Martech.Sdk;

/// <summary>Traces and times each suppression-list call (<c>suppressions.find</c>, …).</summary>
public sealed class OpenTelemetryEmailSuppressionList : DelegatingEmailSuppressionList
{
    private readonly TelemetryPipeline _telemetry;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerList">The list to forward to.</param>
    /// <param name="provider">The provider instance name tagged on every activity and measurement.</param>
    public OpenTelemetryEmailSuppressionList(IEmailSuppressionList innerList, string provider)
        : base(innerList)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _telemetry = new TelemetryPipeline(provider);
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("suppressions.find", (InnerList, email), static (s, ct) => s.InnerList.FindAsync(s.email, ct), cancellationToken);

    /// <inheritdoc />
    public override AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.Wrap("suppressions.list", InnerList.ListAsync(options, cancellationToken));

    /// <inheritdoc />
    public override Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("suppressions.add", (InnerList, suppressions, options), static (s, ct) => s.InnerList.AddAsync(s.suppressions, s.options, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("suppressions.remove", (InnerList, suppressions, options), static (s, ct) => s.InnerList.RemoveAsync(s.suppressions, s.options, ct), cancellationToken);
}
