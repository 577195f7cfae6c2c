using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

// Every log call here runs only after an IsEnabled check (Debug for the pipeline, Trace for payloads).
#pragma warning disable CA1873

/// <summary>The timing, outcome and payload logging shared by every logging middleware.</summary>
internal sealed class LoggingPipeline(ILogger logger, string provider)
{
    public ILogger Logger => logger;

    public bool IsEnabled => logger.IsEnabled(LogLevel.Debug);

    /// <summary>Runs a call with timing and outcome logging. Static lambdas plus a state value keep the path free of
    /// closures; when Debug is off the call runs with no logging work at all.</summary>
    public async Task<T> RunAsync<TState, T>(
        string operation,
        TState state,
        Func<TState, CancellationToken, Task<T>> call,
        Func<TState, string>? describeInput,
        Func<T, string>? describeOutput,
        CancellationToken cancellationToken)
    {
        if (!IsEnabled)
        {
            return await call(state, cancellationToken).ConfigureAwait(false);
        }

        if (describeInput is not null && logger.IsEnabled(LogLevel.Trace))
        {
            MartechLog.InvokedPayload(logger, provider, operation, describeInput(state));
        }
        else
        {
            MartechLog.Invoked(logger, provider, operation);
        }

        long start = Stopwatch.GetTimestamp();
        try
        {
            T result = await call(state, cancellationToken).ConfigureAwait(false);
            double elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (describeOutput is not null && logger.IsEnabled(LogLevel.Trace))
            {
                MartechLog.CompletedPayload(logger, provider, operation, elapsed, describeOutput(result));
            }
            else
            {
                MartechLog.Completed(logger, provider, operation, elapsed);
            }

            return result;
        }
        catch (OperationCanceledException)
        {
            MartechLog.Canceled(logger, provider, operation, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            throw;
        }
        catch (Exception ex)
        {
            MartechLog.Failed(logger, provider, operation, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ex);
            throw;
        }
    }

    public AsyncPageable<T> Wrap<T>(string operation, AsyncPageable<T> inner) =>
        IsEnabled ? new LoggingAsyncPageable<T>(this, operation, inner) : inner;

    private void LogInvoked(string operation) => MartechLog.Invoked(logger, provider, operation);

    private sealed class LoggingAsyncPageable<T>(LoggingPipeline pipeline, string operation, AsyncPageable<T> inner) : AsyncPageable<T>
    {
        public override IAsyncEnumerable<Page<T>> AsPages(string? continuationToken = null, int? pageSizeHint = null) =>
            Pages(inner.AsPages(continuationToken, pageSizeHint), default);

        public override async IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
        {
            // Enumerate the inner listing's own item stream so it keeps its default token and page size.
            var items = inner.WithCancellation(cancellationToken).ConfigureAwait(false).GetAsyncEnumerator();
            pipeline.LogInvoked(operation);
            long start = Stopwatch.GetTimestamp();
            try
            {
                while (await pipeline.ObserveAsync(items.MoveNextAsync(), operation, start).ConfigureAwait(false))
                {
                    yield return items.Current;
                }
            }
            finally
            {
                await items.DisposeAsync();
            }

            MartechLog.Completed(pipeline.Logger, pipeline.Provider, operation, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        private async IAsyncEnumerable<Page<T>> Pages(IAsyncEnumerable<Page<T>> pages, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            pipeline.LogInvoked(operation);
            long start = Stopwatch.GetTimestamp();
            var enumerator = pages.WithCancellation(cancellationToken).ConfigureAwait(false).GetAsyncEnumerator();
            try
            {
                while (await pipeline.ObserveAsync(enumerator.MoveNextAsync(), operation, start).ConfigureAwait(false))
                {
                    Page<T> page = enumerator.Current;
                    MartechLog.PageFetched(pipeline.Logger, pipeline.Provider, operation, page.Items.Count, page.ContinuationToken is not null);
                    yield return page;
                }
            }
            finally
            {
                await enumerator.DisposeAsync();
            }
        }
    }

    /// <summary>Awaits one step of a listing, logging a failure or cancellation before it propagates.</summary>
    private async Task<bool> ObserveAsync(ConfiguredValueTaskAwaitable<bool> step, string operation, long start)
    {
        try
        {
            return await step;
        }
        catch (OperationCanceledException)
        {
            MartechLog.Canceled(logger, provider, operation, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            throw;
        }
        catch (Exception ex)
        {
            MartechLog.Failed(logger, provider, operation, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ex);
            throw;
        }
    }

    public string Provider => provider;
}
