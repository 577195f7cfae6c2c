namespace Martech.Sdk;

/// <summary>
/// Options of an in-memory provider instance, bound from <c>Martech:&lt;name&gt;</c> (<c>Martech:InMemory</c> by
/// default). They set the limits a real vendor would impose, so code written against the embedded default pages and
/// batches the way it will against a vendor.
/// </summary>
public sealed class InMemoryProviderOptions : MartechProviderOptions
{
    /// <summary>The largest value <see cref="MaxPageSize"/> and <see cref="MaxBatchSize"/> accept.</summary>
    public const int MaxAllowedSize = 10_000;

    /// <summary>The page size of a listing when neither the listing options nor the page request give one.</summary>
    /// <value>The default value is 50.</value>
    public int DefaultPageSize { get; set; } = 50;

    /// <summary>The largest page a listing returns; larger requested sizes are clamped to it.</summary>
    /// <value>The default value is 500.</value>
    public int MaxPageSize { get; set; } = 500;

    /// <summary>The most items one batch of a bulk operation holds; a larger <see cref="BulkOptions.BatchSize"/> is
    /// clamped to it.</summary>
    /// <value>The default value is 100.</value>
    public int MaxBatchSize { get; set; } = 100;

    /// <summary>Webhooks: the Standard Webhooks secret the instance's <see cref="IWebhookReceiver"/> verifies, and
    /// callbacks that post signed events for what the instance sends (<c>Martech:&lt;name&gt;:Webhooks</c>).</summary>
    public InMemoryWebhookOptions Webhooks { get; set; } = new();

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        return Problems(configurationPath);
    }

    private IEnumerable<string> Problems(string configurationPath)
    {
        bool maxPageSizeValid = MaxPageSize is >= 1 and <= MaxAllowedSize;
        if (!maxPageSizeValid)
        {
            yield return $"{configurationPath}:{nameof(MaxPageSize)} must be between 1 and {MaxAllowedSize} (was {MaxPageSize}).";
        }

        // Checked against MaxPageSize only when that is valid, so one mistake gives one message.
        if (DefaultPageSize < 1 || (maxPageSizeValid && DefaultPageSize > MaxPageSize))
        {
            yield return maxPageSizeValid
                ? $"{configurationPath}:{nameof(DefaultPageSize)} must be between 1 and {configurationPath}:{nameof(MaxPageSize)} ({MaxPageSize}) (was {DefaultPageSize})."
                : $"{configurationPath}:{nameof(DefaultPageSize)} must be at least 1 (was {DefaultPageSize}).";
        }

        if (MaxBatchSize is < 1 or > MaxAllowedSize)
        {
            yield return $"{configurationPath}:{nameof(MaxBatchSize)} must be between 1 and {MaxAllowedSize} (was {MaxBatchSize}).";
        }

        foreach (string problem in Webhooks is null ? [$"{configurationPath}:{nameof(Webhooks)} is required."] : Webhooks.Validate($"{configurationPath}:{nameof(Webhooks)}"))
        {
            yield return problem;
        }
    }
}
