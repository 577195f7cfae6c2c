namespace Martech.Sdk;

/// <summary>The <c>GetService</c> escape hatch shared by the in-memory clients.</summary>
internal static class InMemoryServices
{
    /// <summary>Returns the client, the store, the options or the provider metadata when asked for their type
    /// without a key.</summary>
    /// <param name="client">The client asked.</param>
    /// <param name="metadata">The instance's name and vendor.</param>
    /// <param name="store">Its store.</param>
    /// <param name="options">Its options.</param>
    /// <param name="serviceType">The type wanted.</param>
    /// <param name="serviceKey">The key; only <see langword="null"/> matches.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    public static object? Get(object client, MartechProviderMetadata metadata, InMemoryMartechStore store, InMemoryProviderOptions options, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType.IsInstanceOfType(client) ? client
            : serviceType.IsInstanceOfType(store) ? store
            : serviceType.IsInstanceOfType(options) ? options
            : serviceType == typeof(MartechProviderMetadata) ? metadata
            : null;
    }
}
