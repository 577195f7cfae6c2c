namespace Martech.Sdk;

/// <summary>
/// Chooses a provider instance's credentials per call, so one registered provider serves many tenants
/// (<c>.AddHubSpot(...).UseTenantCredentials&lt;TResolver&gt;()</c>). The transport asks it once per tenant and
/// instance and keeps the answer (<see cref="MartechTenantOptions.CredentialLifetime"/>); each tenant then has its own
/// rate budget (keyed by its credential's fingerprint), OAuth2 token cache and circuit breaker.
/// </summary>
/// <remarks>The tenant of a call is <see cref="MartechTenant.Current"/> (set with <see cref="MartechTenant.Use"/>)
/// unless the request's <see cref="MartechRequestOptions.Tenant"/> names one.</remarks>
public interface IMartechCredentialResolver
{
    /// <summary>Gets a tenant's credentials for a provider instance.</summary>
    /// <param name="request">The instance, its vendor and the tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tenant's credentials; <see langword="null"/> when the tenant is unknown (the call then fails with
    /// <see cref="MartechTenantException"/> before anything is sent).</returns>
    ValueTask<MartechTenantCredentials?> ResolveAsync(MartechCredentialRequest request, CancellationToken cancellationToken = default);
}

/// <summary>What a credential resolver is asked for.</summary>
/// <param name="Instance">The provider instance name, such as <c>"hubspot"</c>.</param>
/// <param name="ProviderType">The vendor, such as <c>"HubSpot"</c>.</param>
/// <param name="Tenant">The tenant id, as given to <see cref="MartechTenant.Use"/>.</param>
public sealed record MartechCredentialRequest(string Instance, string ProviderType, string Tenant);

/// <summary>One tenant's credentials for a provider instance.</summary>
public sealed class MartechTenantCredentials
{
    private readonly Uri? _baseAddress;

    /// <summary>Creates the credentials.</summary>
    /// <param name="authentication">How the tenant's requests authenticate (an API key, an OAuth2 connection…).</param>
    public MartechTenantCredentials(MartechAuthentication authentication)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        Authentication = authentication;
    }

    /// <summary>How the tenant's requests authenticate.</summary>
    public MartechAuthentication Authentication { get; }

    /// <summary>The tenant's own API base address (a Salesforce org's instance URL, a Mailgun EU account);
    /// <see langword="null"/> to use the instance's. Requests made against the instance's base address are sent to it
    /// instead.</summary>
    /// <exception cref="ArgumentException">The address is not absolute or does not end with a slash.</exception>
    public Uri? BaseAddress
    {
        get => _baseAddress;
        init
        {
            if (value is not null && (!value.IsAbsoluteUri || !value.AbsolutePath.EndsWith('/')))
            {
                throw new ArgumentException($"A tenant's base address must be absolute and end with '/' so relative paths append to it (was '{MartechRedactor.Default.RedactUrl(value)}').", nameof(BaseAddress));
            }

            _baseAddress = value;
        }
    }

    /// <summary>Describes the credentials without secrets.</summary>
    /// <returns>The scheme and its credential id.</returns>
    public override string ToString() => $"MartechTenantCredentials({Authentication})";
}

/// <summary>Settings of per-tenant credentials for one provider instance.</summary>
public sealed class MartechTenantOptions
{
    /// <summary>How long a resolved tenant's credentials are kept before the resolver is asked again (the tenant's
    /// budget and breaker are kept: they belong to the credential). The default value is 10 minutes.</summary>
    public TimeSpan CredentialLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether a call without a tenant uses the instance's own configured credentials. The default value is
    /// <see langword="false"/>: such a call fails with <see cref="MartechTenantException"/> naming
    /// <see cref="MartechTenant.Use"/>, before anything is sent.</summary>
    public bool AllowCallsWithoutTenant { get; set; }

    /// <summary>The most tenants kept at once; the least recently used is dropped beyond it. The default value is 10,000.</summary>
    public int MaxTenants { get; set; } = 10_000;
}

/// <summary>A call could not be given a tenant's credentials: no tenant was set, or the resolver does not know it.</summary>
public sealed class MartechTenantException : MartechException
{
    /// <summary>Creates the exception with a default message.</summary>
    public MartechTenantException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to fix it.</param>
    /// <param name="innerException">The cause, if any.</param>
    public MartechTenantException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to fix it.</param>
    public MartechTenantException(string message)
        : base(message)
    {
    }
}
