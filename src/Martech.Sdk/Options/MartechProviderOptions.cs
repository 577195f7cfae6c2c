namespace Martech.Sdk;

/// <summary>The base of every provider's options. Options bind from the configuration section
/// <c>Martech:&lt;instance name&gt;</c> and are validated when the host starts.</summary>
public abstract class MartechProviderOptions
{
    /// <summary>Checks the options and describes each problem, naming the setting by its configuration path.</summary>
    /// <param name="configurationPath">The section the options bind from, such as <c>Martech:HubSpot</c>.</param>
    /// <returns>One message per problem; none when the options are valid.</returns>
    public virtual IEnumerable<string> Validate(string configurationPath)
    {
        yield break;
    }

    /// <summary>Names the options type and nothing else: settings include secrets (API keys, tokens), and options
    /// objects end up in logs and debugger displays.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => $"{GetType().Name} (settings not shown)";
}
