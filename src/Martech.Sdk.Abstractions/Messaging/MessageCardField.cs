namespace Martech.Sdk;

/// <summary>A labelled value on a card, such as "Owner: Grace".</summary>
/// <param name="Label">The label.</param>
/// <param name="Value">The value.</param>
public sealed record MessageCardField(string Label, string Value);
