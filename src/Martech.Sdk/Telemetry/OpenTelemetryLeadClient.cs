namespace Martech.Sdk;

/// <summary>Traces and times each lead call (<c>leads.create</c>, …).</summary>
public sealed class OpenTelemetryLeadClient : DelegatingLeadClient
{
    private readonly TelemetryPipeline _telemetry;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    /// <param name="provider">The provider instance name tagged on every activity and measurement.</param>
    public OpenTelemetryLeadClient(ILeadClient innerClient, string provider)
        : base(innerClient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _telemetry = new TelemetryPipeline(provider);
    }

    /// <inheritdoc />
    public override Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("leads.create", (InnerClient, lead), static (s, ct) => s.InnerClient.CreateAsync(s.lead, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("leads.update", (InnerClient, lead), static (s, ct) => s.InnerClient.UpdateAsync(s.lead, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<Lead?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("leads.get", (InnerClient, id), static (s, ct) => s.InnerClient.GetAsync(s.id, ct), cancellationToken);

    /// <inheritdoc />
    public override AsyncPageable<Lead> ListAsync(LeadListOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.Wrap("leads.list", InnerClient.ListAsync(options, cancellationToken));

    /// <inheritdoc />
    public override Task<LeadConversionResult> ConvertAsync(string id, LeadConversionOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("leads.convert", (InnerClient, id, options), static (s, ct) => s.InnerClient.ConvertAsync(s.id, s.options, ct), cancellationToken);
}
