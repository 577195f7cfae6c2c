using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>Runs <see cref="MartechProviderOptions.Validate"/> for one named provider instance.</summary>
internal sealed class MartechProviderOptionsValidator<TOptions>(string name, string configurationPath) : IValidateOptions<TOptions>
    where TOptions : MartechProviderOptions
{
    public ValidateOptionsResult Validate(string? optionsName, TOptions options)
    {
        if (!string.Equals(optionsName, name, StringComparison.Ordinal))
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = options.Validate(configurationPath).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
