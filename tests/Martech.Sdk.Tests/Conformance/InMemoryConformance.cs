using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.Conformance;

/// <summary>Builds the in-memory provider the way a user registers it, for the conformance suites.</summary>
internal static class InMemoryConformance
{
    /// <summary>A fresh container with one in-memory instance under the default name.</summary>
    public static ServiceProvider BuildServices()
    {
        var services = new ServiceCollection();
        services.AddMartech().AddInMemory();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>The store behind the default in-memory instance.</summary>
    public static InMemoryMartechStore Store(IServiceProvider services) =>
        services.GetRequiredKeyedService<InMemoryMartechStore>("InMemory");
}
