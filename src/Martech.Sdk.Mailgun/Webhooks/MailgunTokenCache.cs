namespace Martech.Sdk;

/// <summary>
/// The tokens of verified Mailgun requests, each kept until its signed timestamp leaves the freshness window: a request
/// that brings a token again within that window is a replay of a captured request (Mailgun signs every post afresh,
/// retries included). Bounded: at capacity the tokens closest to expiry are forgotten first.
/// </summary>
/// <remarks>Tokens are not secret (they travel in the body beside the signature), so an ordinary dictionary lookup is
/// fine. One cache per receiver, that is per provider instance and process.</remarks>
internal sealed class MailgunTokenCache(int capacity)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _byExpiry = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _expiries.Count;
            }
        }
    }

    /// <summary>Records a token unless it is already held.</summary>
    /// <param name="token">The token.</param>
    /// <param name="expiresAt">Until when a request with it could pass the freshness check.</param>
    /// <param name="now">The clock.</param>
    /// <param name="firstSeenUntil">When the token is already held, the expiry recorded with it.</param>
    /// <returns><see langword="false"/> when the token was seen before and has not expired: a replay.</returns>
    public bool TryAdd(string token, DateTimeOffset expiresAt, DateTimeOffset now, out DateTimeOffset firstSeenUntil)
    {
        lock (_gate)
        {
            Purge(now);
            if (_expiries.TryGetValue(token, out firstSeenUntil))
            {
                return false;
            }

            while (_expiries.Count >= capacity && _byExpiry.TryDequeue(out string? oldest, out DateTimeOffset expiry))
            {
                Forget(oldest, expiry);
            }

            _expiries[token] = expiresAt;
            _byExpiry.Enqueue(token, expiresAt);
            return true;
        }
    }

    // Call under _gate.
    private void Purge(DateTimeOffset now)
    {
        while (_byExpiry.TryPeek(out string? token, out DateTimeOffset expiry) && expiry < now)
        {
            _byExpiry.Dequeue();
            Forget(token, expiry);
        }
    }

    private void Forget(string token, DateTimeOffset expiry)
    {
        if (_expiries.TryGetValue(token, out DateTimeOffset held) && held == expiry)
        {
            _expiries.Remove(token);
        }
    }
}
