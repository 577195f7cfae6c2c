using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>What <c>UseTenantCredentials</c> registered for one provider instance (a keyed singleton under its name),
/// read by the transport when it builds the instance's context.</summary>
internal sealed class MartechTenantRegistration(string name, Func<IServiceProvider, IMartechCredentialResolver> resolver)
{
    /// <summary>Creates the instance's tenant contexts.</summary>
    /// <param name="services">The container.</param>
    /// <param name="instance">The instance's own context.</param>
    /// <param name="create">Builds a context from HTTP options and the tenant's id.</param>
    /// <returns>The tenant contexts.</returns>
    public MartechTenantContexts CreateContexts(IServiceProvider services, MartechTransportContext instance, Func<MartechHttpOptions, string, MartechTransportContext> create)
    {
        MartechTenantOptions options = services.GetRequiredService<IOptionsMonitor<MartechTenantOptions>>().Get(name);
        IMartechCredentialResolver credentials = resolver(services)
            ?? throw new InvalidOperationException($"Provider '{name}': UseTenantCredentials' resolver factory returned no resolver.");
        return new MartechTenantContexts(instance, credentials, options, create);
    }
}

/// <summary>Checks an instance's <see cref="MartechTenantOptions"/> when the host starts.</summary>
internal sealed class MartechTenantOptionsValidator(string name, string path) : IValidateOptions<MartechTenantOptions>
{
    public ValidateOptionsResult Validate(string? optionsName, MartechTenantOptions options)
    {
        if (!string.Equals(optionsName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new List<string>(2);
        if (options.CredentialLifetime <= TimeSpan.Zero)
        {
            problems.Add($"Provider '{name}': MartechTenantOptions.CredentialLifetime must be positive (was {options.CredentialLifetime}); set {path}:CredentialLifetime or UseTenantCredentials(..., o => o.CredentialLifetime = ...).");
        }

        if (options.MaxTenants < 1)
        {
            problems.Add($"Provider '{name}': MartechTenantOptions.MaxTenants must be at least 1 (was {options.MaxTenants}); set {path}:MaxTenants or UseTenantCredentials(..., o => o.MaxTenants = ...).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>A credential resolver made of a delegate.</summary>
internal sealed class DelegateCredentialResolver(Func<MartechCredentialRequest, CancellationToken, ValueTask<MartechTenantCredentials?>> resolve)
    : IMartechCredentialResolver
{
    public ValueTask<MartechTenantCredentials?> ResolveAsync(MartechCredentialRequest request, CancellationToken cancellationToken = default) =>
        resolve(request, cancellationToken);
}
