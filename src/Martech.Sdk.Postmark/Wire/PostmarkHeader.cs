namespace Martech.Sdk.Postmark;

/// <summary>A custom mail header: <c>{"Name", "Value"}</c>.</summary>
internal sealed record PostmarkHeader(string Name, string Value);
