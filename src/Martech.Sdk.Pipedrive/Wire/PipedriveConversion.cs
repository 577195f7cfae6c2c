namespace Martech.Sdk.Pipedrive;

/// <summary>A v2 lead-to-deal conversion job: its id, its status (<c>not_started</c>, <c>running</c>,
/// <c>completed</c>, <c>failed</c>, <c>rejected</c>) and, once completed, the deal's id.</summary>
internal sealed class PipedriveConversion
{
    public string? ConversionId { get; set; }

    public string? Status { get; set; }

    public string? LeadId { get; set; }

    public long? DealId { get; set; }
}
