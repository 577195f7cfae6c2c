using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Logs each suppression-list call: Debug with timing, Error on failure, addresses only at Trace.</summary>
public sealed class LoggingEmailSuppressionList : DelegatingEmailSuppressionList
{
    private readonly LoggingPipeline _log;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerList">The list to forward to.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="provider">The provider instance name written with every entry.</param>
    public LoggingEmailSuppressionList(IEmailSuppressionList innerList, ILogger logger, string provider)
        : base(innerList)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _log = new LoggingPipeline(logger, provider);
    }

    /// <inheritdoc />
    public override Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default) =>
        _log.RunAsync("FindSuppressions", (InnerList, email), static (s, ct) => s.InnerList.FindAsync(s.email, ct), static s => s.email.Value, static found => $"found={found.Count}", cancellationToken);

    /// <inheritdoc />
    public override AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.Wrap("ListSuppressions", InnerList.ListAsync(options, cancellationToken));

    /// <inheritdoc />
    public override Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("AddSuppressions", (InnerList, suppressions, options), static (s, ct) => s.InnerList.AddAsync(s.suppressions, s.options, ct), static s => $"count={s.suppressions?.Count}", LoggingPayloads.Of, cancellationToken);

    /// <inheritdoc />
    public override Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("RemoveSuppressions", (InnerList, suppressions, options), static (s, ct) => s.InnerList.RemoveAsync(s.suppressions, s.options, ct), static s => $"count={s.suppressions?.Count}", LoggingPayloads.Of, cancellationToken);
}
