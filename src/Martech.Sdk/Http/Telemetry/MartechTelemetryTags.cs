namespace Martech.Sdk;

/// <summary>Telemetry tags fixed for a provider instance, built once.</summary>
internal sealed class MartechTelemetryTags(string provider, string providerType)
{
    public KeyValuePair<string, object?> Provider { get; } = new(MartechTelemetry.ProviderTag, provider);

    public KeyValuePair<string, object?> ProviderType { get; } = new(MartechTelemetry.ProviderTypeTag, providerType);
}
