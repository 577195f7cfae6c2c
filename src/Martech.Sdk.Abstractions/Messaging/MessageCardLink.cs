namespace Martech.Sdk;

/// <summary>A link or button on a card.</summary>
/// <param name="Text">The button text.</param>
/// <param name="Url">Where it goes; must be an absolute http or https URL.</param>
public sealed record MessageCardLink(string Text, Uri Url);
