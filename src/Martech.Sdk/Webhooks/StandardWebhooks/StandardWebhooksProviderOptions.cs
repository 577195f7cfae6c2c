namespace Martech.Sdk;

/// <summary>Options of a generic Standard Webhooks receiver instance (<c>AddStandardWebhooks()</c>), bound from
/// <c>Martech:&lt;name&gt;</c>: only its <see cref="Webhooks"/> section.</summary>
public sealed class StandardWebhooksProviderOptions : MartechProviderOptions
{
    /// <summary>The secret(s), tolerances and endpoint settings (<c>Martech:&lt;name&gt;:Webhooks</c>).</summary>
    public StandardWebhookOptions Webhooks { get; set; } = new();

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        if (Webhooks is null)
        {
            return [$"{configurationPath}:Webhooks is required."];
        }

        IEnumerable<string> problems = Webhooks.Validate($"{configurationPath}:Webhooks");
        return Webhooks.IsConfigured
            ? problems
            : problems.Append($"{configurationPath}:Webhooks:Secret is required: the whsec_… signing secret of the tool that sends the webhooks.");
    }
}
