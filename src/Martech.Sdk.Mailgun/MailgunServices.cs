namespace Martech.Sdk;

/// <summary>Answers <c>GetService</c> for the Mailgun clients: the client itself, the instance's metadata and its options.</summary>
internal static class MailgunServices
{
    public static object? Get(object client, MartechProviderMetadata metadata, MailgunOptions options, Type serviceType, object? serviceKey)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType.IsInstanceOfType(client) ? client
            : serviceType == typeof(MartechProviderMetadata) ? metadata
            : serviceType.IsInstanceOfType(options) ? options
            : null;
    }
}
