namespace Martech.Sdk.Pipedrive;

/// <summary>The body of v2 <c>POST /leads/{id}/convert/deal</c>: the stage or pipeline of the new deal, both optional
/// (the default pipeline's first stage when neither is sent).</summary>
internal sealed class PipedriveConvertRequest
{
    public long? StageId { get; set; }

    public long? PipelineId { get; set; }
}
