namespace Martech.Sdk.HubSpot;

/// <summary>The <c>GetService</c> escape hatch shared by the HubSpot clients.</summary>
internal static class HubSpotServices
{
    /// <summary>Returns the client, the instance's options, its HTTP transport (to call HubSpot endpoints the SDK does
    /// not cover, with the same authentication, rate budget and resilience) or its metadata, when asked for their
    /// type without a key.</summary>
    public static object? Get(object client, MartechProviderMetadata metadata, HubSpotOptions options, MartechHttpTransport transport, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType.IsInstanceOfType(client) ? client
            : serviceType == typeof(MartechProviderMetadata) ? metadata
            : serviceType == typeof(HubSpotOptions) ? options
            : serviceType == typeof(MartechHttpTransport) ? transport
            : null;
    }
}
