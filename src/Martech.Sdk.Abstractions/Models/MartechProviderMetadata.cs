namespace Martech.Sdk;

/// <summary>Which provider instance stands behind a client; every provider answers
/// <c>GetService(typeof(MartechProviderMetadata))</c> with it.</summary>
/// <param name="Name">The instance name, such as <c>"HubSpotEU"</c>: the key of its services and its configuration section.</param>
/// <param name="ProviderType">The vendor, such as <c>"HubSpot"</c> or <c>"InMemory"</c>.</param>
public sealed record MartechProviderMetadata(string Name, string ProviderType);
