using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Martech.Sdk;

/// <summary>Checks the jobs' options, names and provider instances when the host starts.</summary>
internal sealed class MartechJobsValidator(MartechJobDefinitions definitions, IServiceProvider services) : IValidateOptions<MartechJobsOptions>
{
    public ValidateOptionsResult Validate(string? name, MartechJobsOptions options)
    {
        List<string> problems = [.. options.Validate(), .. definitions.Problems(services.GetService<MartechRegistry>())];
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
