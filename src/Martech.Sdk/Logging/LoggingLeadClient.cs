using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Logs each lead call: Debug with timing, Error on failure, payloads only at Trace.</summary>
public sealed class LoggingLeadClient : DelegatingLeadClient
{
    private readonly LoggingPipeline _log;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="provider">The provider instance name written with every entry.</param>
    public LoggingLeadClient(ILeadClient innerClient, ILogger logger, string provider)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _log = new LoggingPipeline(logger, provider);
    }

    /// <inheritdoc />
    public override Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default) =>
        _log.RunAsync("CreateLead", (InnerClient, lead), static (s, ct) => s.InnerClient.CreateAsync(s.lead, ct), static s => LoggingPayloads.Of(s.lead), LoggingPayloads.Of, cancellationToken);

    /// <inheritdoc />
    public override Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default) =>
        _log.RunAsync("UpdateLead", (InnerClient, lead), static (s, ct) => s.InnerClient.UpdateAsync(s.lead, ct), static s => LoggingPayloads.Of(s.lead), LoggingPayloads.Of, cancellationToken);

    /// <inheritdoc />
    public override Task<Lead?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _log.RunAsync("GetLead", (InnerClient, id), static (s, ct) => s.InnerClient.GetAsync(s.id, ct), static s => s.id, static l => LoggingPayloads.Of(l, "not found"), cancellationToken);

    /// <inheritdoc />
    public override AsyncPageable<Lead> ListAsync(LeadListOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.Wrap("ListLeads", InnerClient.ListAsync(options, cancellationToken));

    /// <inheritdoc />
    public override Task<LeadConversionResult> ConvertAsync(string id, LeadConversionOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("ConvertLead", (InnerClient, id, options), static (s, ct) => s.InnerClient.ConvertAsync(s.id, s.options, ct), static s => s.id, LoggingPayloads.Of, cancellationToken);
}
