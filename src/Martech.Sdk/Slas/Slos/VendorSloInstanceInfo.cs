namespace Martech.Sdk;

/// <summary>A registered provider instance as the SLO report needs it: its name, vendor and capabilities.</summary>
/// <param name="Name">The instance name.</param>
/// <param name="ProviderType">The vendor.</param>
/// <param name="Capabilities">The capabilities it supplies, by configuration name, in the registry's order.</param>
internal sealed record VendorSloInstanceInfo(string Name, string ProviderType, IReadOnlyList<string> Capabilities)
{
    /// <summary>The instances of a registry, in registration order; webhook receiving is not a capability that calls out.</summary>
    public static IReadOnlyList<VendorSloInstanceInfo> From(MartechRegistry registry) =>
        [.. registry.Providers.Select(p => new VendorSloInstanceInfo(
            p.Name,
            p.ProviderType,
            [.. MartechCapabilities.All.Where(c => c.Type != typeof(IWebhookReceiver) && p.Capabilities.Contains(c.Type)).Select(c => c.Name)]))];
}
