using StackExchange.Redis;

namespace Martech.Sdk;

/// <summary>The one Redis connection the stores of this package share in a service provider: made from
/// <see cref="MartechRedisOptions.Configuration"/> on first use (and disposed with the provider), or given by a factory
/// (and then left to its owner).</summary>
internal sealed class MartechRedisConnection(Lazy<IConnectionMultiplexer> connection, bool owned) : IDisposable
{
    public IConnectionMultiplexer Connection => connection.Value;

    public void Dispose()
    {
        if (owned && connection.IsValueCreated)
        {
            connection.Value.Dispose();
        }
    }
}
