namespace Martech.Sdk.Pipedrive;

/// <summary>One of a v2 person's <c>emails</c> or <c>phones</c>: <c>{value, primary, label}</c>.</summary>
internal sealed class PipedriveContactDetail
{
    public string? Value { get; set; }

    public bool? Primary { get; set; }

    public string? Label { get; set; }
}
