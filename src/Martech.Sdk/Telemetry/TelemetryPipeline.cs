using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Martech.Sdk;

/// <summary>The activity and duration metric shared by every OpenTelemetry middleware. With no listener attached it
/// checks that and calls through.</summary>
internal sealed class TelemetryPipeline(string provider)
{
    private readonly KeyValuePair<string, object?> _provider = new(MartechTelemetry.ProviderTag, provider);

    private static bool IsEnabled => MartechTelemetry.ActivitySource.HasListeners() || MartechTelemetry.OperationDuration.Enabled;

    public async Task<T> RunAsync<TState, T>(string operation, TState state, Func<TState, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return await call(state, cancellationToken).ConfigureAwait(false);
        }

        using Activity? activity = Start(operation);
        long start = Stopwatch.GetTimestamp();
        try
        {
            T result = await call(state, cancellationToken).ConfigureAwait(false);
            Stop(operation, start, "success", activity, null);
            return result;
        }
        catch (Exception ex)
        {
            Stop(operation, start, Outcome(ex, cancellationToken), activity, ex);
            throw;
        }
    }

    public AsyncPageable<T> Wrap<T>(string operation, AsyncPageable<T> inner) =>
        IsEnabled ? new TelemetryAsyncPageable<T>(this, operation, inner) : inner;

    private Activity? Start(string operation)
    {
        Activity? activity = MartechTelemetry.ActivitySource.StartActivity(operation, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(_provider.Key, _provider.Value);
            activity.SetTag(MartechTelemetry.OperationTag, operation);
        }

        return activity;
    }

    private void Stop(string operation, long start, string outcome, Activity? activity, Exception? error)
    {
        if (activity is not null && error is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, outcome);
            activity.SetTag("error.type", error.GetType().FullName);
        }

        if (MartechTelemetry.OperationDuration.Enabled)
        {
            MartechTelemetry.OperationDuration.Record(
                Stopwatch.GetElapsedTime(start).TotalSeconds,
                _provider,
                new(MartechTelemetry.OperationTag, operation),
                new(MartechTelemetry.OutcomeTag, outcome));
        }
    }

    private static string Outcome(Exception ex, CancellationToken cancellationToken) =>
        ex is OperationCanceledException && cancellationToken.IsCancellationRequested ? "canceled"
        : ex is MartechTimeoutException ? "timeout"
        : "failure";

    private sealed class TelemetryAsyncPageable<T>(TelemetryPipeline pipeline, string operation, AsyncPageable<T> inner) : AsyncPageable<T>
    {
        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
            Pages(inner.AsPages(continuationToken, pageSizeHint), default);

        // One activity per page fetched, so a long export shows as a series of spans rather than one endless one.
        private async IAsyncEnumerable<Page<T>> Pages(IAsyncEnumerable<Page<T>> pages, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var enumerator = pages.WithCancellation(cancellationToken).ConfigureAwait(false).GetAsyncEnumerator();
            try
            {
                while (true)
                {
                    Page<T>? page = await pipeline.RunAsync(
                        operation,
                        enumerator,
                        static async (e, _) => await e.MoveNextAsync() ? e.Current : null,
                        cancellationToken).ConfigureAwait(false);
                    if (page is null)
                    {
                        yield break;
                    }

                    yield return page;

                    // A page without a continuation token is the last: no further (empty) span.
                    if (page.ContinuationToken is null)
                    {
                        yield break;
                    }
                }
            }
            finally
            {
                await enumerator.DisposeAsync();
            }
        }
    }
}
