using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>Checks at start-up that every name in <c>Martech:Defaults</c> is a registered provider of that capability,
/// and runs the checks middleware declared about what it needs (<see cref="MartechProviderBuilder.AddStartupCheck"/>).</summary>
internal sealed class MartechDefaultsValidator(MartechRegistry registry) : IValidateOptions<MartechDefaultsOptions>
{
    public ValidateOptionsResult Validate(string? name, MartechDefaultsOptions options)
    {
        var problems = new List<string>();
        foreach (var (type, _) in MartechCapabilities.All)
        {
            string? configured = options.For(type);
            if (configured is null)
            {
                continue;
            }

            var resolver = new MartechDefaultResolver(registry, Microsoft.Extensions.Options.Options.Create(options));
            if (!registry.ProvidersOf(type).Contains(configured, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(resolver.DescribeMissing(type, configured));
            }
        }

        problems.AddRange(registry.StartupProblems());
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
