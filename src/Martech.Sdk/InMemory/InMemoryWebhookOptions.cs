namespace Martech.Sdk;

/// <summary>
/// Webhooks of an in-memory provider instance, bound from <c>Martech:&lt;name&gt;:Webhooks</c>: the Standard Webhooks
/// secret its receiver verifies, and <see cref="Callback"/>, which makes the instance post signed events for what it
/// sends (delivered, opened, clicked and bounced emails; SMS status) so the whole loop runs without a vendor.
/// </summary>
/// <remarks>Each request carries one event as a JSON array written by <see cref="MartechEventSerializer"/>, signed the
/// Standard Webhooks way with <see cref="StandardWebhookOptions.Secret"/>; its <c>webhook-id</c> is the event id, the
/// same on every redelivery.</remarks>
public sealed class InMemoryWebhookOptions : StandardWebhookOptions
{
    /// <summary>Where and how to post events for sends; off until <see cref="WebhookCallbackOptions.Url"/> is set.</summary>
    public WebhookCallbackOptions Callback { get; set; } = new();

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        foreach (string problem in base.Validate(configurationPath))
        {
            yield return problem;
        }

        if (Callback is null)
        {
            yield return $"{configurationPath}:{nameof(Callback)} is required.";
            yield break;
        }

        foreach (string problem in Callback.Validate($"{configurationPath}:{nameof(Callback)}"))
        {
            yield return problem;
        }

        if (Callback.Url is not null && !IsConfigured)
        {
            yield return $"{configurationPath}:{nameof(Secret)} is required when {configurationPath}:{nameof(Callback)}:Url is set: callbacks are signed with it (StandardWebhookSigner.GenerateSecret() makes one).";
        }
    }
}
