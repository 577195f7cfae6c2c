namespace Martech.Sdk;

/// <summary>
/// The ambient tenant of calls on this async flow: <c>using (MartechTenant.Use("acme")) { await contacts.UpsertAsync(...); }</c>.
/// Provider instances with per-tenant credentials (<see cref="IMartechCredentialResolver"/>) send the calls made inside
/// the scope with that tenant's credentials, budget, token cache and circuit breaker.
/// </summary>
public static class MartechTenant
{
    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>The tenant of the current async flow, or <see langword="null"/>.</summary>
    public static string? Current => Ambient.Value;

    /// <summary>Sets the tenant for the current async flow until the returned scope is disposed (which restores the
    /// previous one; scopes nest).</summary>
    /// <param name="tenant">The tenant id: not a secret (it appears in logs, metrics tags are not given it).</param>
    /// <returns>The scope.</returns>
    /// <exception cref="ArgumentException"><paramref name="tenant"/> is null, empty or white space.</exception>
    public static IDisposable Use(string tenant)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        string? previous = Ambient.Value;
        Ambient.Value = tenant;
        return new Scope(previous);
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Ambient.Value = previous;
            }
        }
    }
}
