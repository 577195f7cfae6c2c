using Microsoft.Extensions.Hosting;

namespace Martech.Sdk;

/// <summary>Checks at host start what options validation alone cannot: that every instance's past tolerance fits in
/// the dedupe window (or a replay inside the tolerance could slip past dedupe), and that the store answers.</summary>
internal sealed class WebhookStartupCheck(MartechWebhookInbox inbox, MartechWebhooksOptions options, string path) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (string provider in inbox.Providers)
        {
            MartechWebhookOptions? instance = inbox.GetOptions(provider);
            if (instance is not null && instance.PastTolerance + instance.FutureTolerance >= options.DedupeWindow)
            {
                problems.Add($"{path}:DedupeWindow ({options.DedupeWindow}) must be longer than the tolerances of '{provider}' ({instance.PastTolerance} past + {instance.FutureTolerance} future), or a replay inside the tolerance could be handled twice.");
            }
        }

        try
        {
            await inbox.Store.CountAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            problems.Add($"The webhook event store ({inbox.Store.GetType().Name}) does not answer: {ex.Message}");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Martech webhooks are misconfigured: " + string.Join(" ", problems));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
