namespace Martech.Sdk;

/// <summary>Which clock times the shared rate budgets kept in Redis.</summary>
public enum RedisClock
{
    /// <summary>The Redis server's clock (<c>TIME</c> inside the Lua script): one clock for every process, so skew
    /// between the processes' hosts does not matter. Needs Redis 5 or newer (scripts replicated by their effects, the
    /// only mode of Redis 7). The default.</summary>
    Server = 0,

    /// <summary>Each caller's <see cref="TimeProvider"/> clock, passed to the script: for serverless Redis offerings
    /// that refuse <c>TIME</c> in scripts. Clock skew between the hosts then shifts when their permits leave the
    /// window: a host whose clock runs <c>d</c> behind frees its permits <c>d</c> early for the others, so keep the
    /// hosts synchronized (NTP).</summary>
    Caller = 1,
}
