namespace Martech.Sdk.Postmark;

/// <summary>One address of a suppression create or delete.</summary>
internal sealed record PostmarkSuppressionAddress(string EmailAddress);
