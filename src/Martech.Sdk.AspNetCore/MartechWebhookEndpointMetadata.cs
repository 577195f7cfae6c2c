namespace Microsoft.AspNetCore.Builder;

/// <summary>Endpoint metadata naming the provider instance a Martech webhook endpoint serves.</summary>
/// <param name="Provider">The instance name.</param>
public sealed record MartechWebhookEndpointMetadata(string Provider);
