namespace Martech.Sdk.Pipedrive;

/// <summary>What the Pipedrive clients answer to <c>GetService</c>: themselves (by any type they implement), the
/// instance's <see cref="MartechProviderMetadata"/> and its <see cref="PipedriveOptions"/>.</summary>
internal static class PipedriveServices
{
    public static object? Get(object client, MartechProviderMetadata metadata, PipedriveOptions options, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType.IsInstanceOfType(client))
        {
            return client;
        }

        if (serviceType == typeof(MartechProviderMetadata))
        {
            return metadata;
        }

        return serviceType == typeof(PipedriveOptions) ? options : null;
    }
}
