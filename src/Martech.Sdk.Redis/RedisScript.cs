using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Martech.Sdk;

/// <summary>A Lua script run by its SHA-1 (<c>EVALSHA</c>), loaded with <c>EVAL</c> when the server does not have it.</summary>
/// <param name="text">The script.</param>
internal sealed class RedisScript(string text)
{
#pragma warning disable CA5350 // Redis names scripts by their SHA-1 (EVALSHA); no security rests on it.
    private readonly byte[] _hash = SHA1.HashData(Encoding.UTF8.GetBytes(text));
#pragma warning restore CA5350

    /// <summary>Runs the script.</summary>
    /// <param name="database">The database.</param>
    /// <param name="keys">Every key the script touches.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Stops waiting for the answer (the script may still run).</param>
    /// <returns>The script's result.</returns>
    public async Task<RedisResult> EvaluateAsync(IDatabase database, RedisKey[] keys, RedisValue[] args, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await WaitAsync(database.ScriptEvaluateAsync(_hash, keys, args), cancellationToken).ConfigureAwait(false);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // First use on this server (or after a restart or SCRIPT FLUSH): EVAL loads it for the next EVALSHA.
            return await WaitAsync(database.ScriptEvaluateAsync(text, keys, args), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for a call, giving up when the token is canceled.</summary>
    internal static Task<T> WaitAsync<T>(Task<T> call, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? call.WaitAsync(cancellationToken) : call;
}
