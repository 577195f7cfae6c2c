using System.Net.Http.Headers;
using System.Threading.Channels;

namespace Martech.Sdk;

/// <summary>
/// Posts webhook requests for a test double in the background, in order or shuffled, each once plus the configured
/// redeliveries, signing each post afresh (so timestamps are current while event ids repeat). Sends never wait for it;
/// tests wait with <see cref="WhenIdleAsync"/>.
/// </summary>
internal sealed class WebhookCallbackPoster : IAsyncDisposable, IDisposable
{
    private readonly Channel<Batch> _queue = Channel.CreateUnbounded<Batch>(new UnboundedChannelOptions { SingleReader = true });
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<WebhookCallbackDelivery> _deliveries = [];
    private readonly Task _worker;
    private readonly CancellationTokenSource _stopping = new();
    private Random? _random;
    private int _outstanding;
    private TaskCompletionSource _idle = NewIdle(completed: true);

    public WebhookCallbackPoster(TimeProvider? timeProvider = null, HttpMessageHandler? handler = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _http = handler is null ? new HttpClient { Timeout = TimeSpan.FromSeconds(30) } : new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        _worker = Task.Run(RunAsync);
    }

    public IReadOnlyList<WebhookCallbackDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    /// <summary>Queues the requests of one send.</summary>
    /// <param name="options">Where to post, redeliveries, order.</param>
    /// <param name="requests">Each request's description and a builder that signs it for a given time.</param>
    public void Enqueue(WebhookCallbackOptions options, IReadOnlyList<(string Description, Func<DateTimeOffset, WebhookCallback> Build)> requests)
    {
        if (options.Url is not { } url || requests.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (_outstanding++ == 0)
            {
                _idle = NewIdle(completed: false);
            }

            _random ??= new Random(options.Seed);
        }

        _queue.Writer.TryWrite(new Batch(url, options.Redeliveries, options.OutOfOrder, options.Delay, requests));
    }

    public Task WhenIdleAsync(TimeSpan timeout)
    {
        Task idle;
        lock (_gate)
        {
            idle = _idle.Task;
        }

        return idle.WaitAsync(timeout);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped with work queued.
        }

        _http.Dispose();
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _stopping.Cancel();
        try
        {
            _worker.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The worker ended by the cancellation.
        }

        _http.Dispose();
    }

    private static TaskCompletionSource NewIdle(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }

    private async Task RunAsync()
    {
        await foreach (Batch batch in _queue.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
        {
            try
            {
                if (batch.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(batch.Delay, _time, _stopping.Token).ConfigureAwait(false);
                }

                var posts = new List<(string Description, Func<DateTimeOffset, WebhookCallback> Build, int Attempt)>();
                foreach (var (description, build) in batch.Requests)
                {
                    for (int attempt = 1; attempt <= 1 + batch.Redeliveries; attempt++)
                    {
                        posts.Add((description, build, attempt));
                    }
                }

                if (batch.OutOfOrder)
                {
                    lock (_gate)
                    {
                        _random!.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(posts));
                    }
                }

                foreach (var (description, build, attempt) in posts)
                {
                    await PostAsync(batch.Url, description, build, attempt).ConfigureAwait(false);
                }
            }
            finally
            {
                lock (_gate)
                {
                    if (--_outstanding == 0)
                    {
                        _idle.TrySetResult();
                    }
                }
            }
        }
    }

    private async Task PostAsync(Uri url, string description, Func<DateTimeOffset, WebhookCallback> build, int attempt)
    {
        WebhookCallbackDelivery delivery;
        try
        {
            WebhookCallback callback = build(_time.GetUtcNow());
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(callback.Body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(callback.ContentType);
            foreach (var (name, value) in callback.Headers)
            {
                if (!request.Headers.TryAddWithoutValidation(name, value))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            using HttpResponseMessage response = await _http.SendAsync(request, _stopping.Token).ConfigureAwait(false);
            delivery = new WebhookCallbackDelivery(description, (int)response.StatusCode, attempt);
        }
        catch (Exception ex) when (!_stopping.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // Any failure (the connection, the request builder, the content type) is recorded; the worker goes on.
            delivery = new WebhookCallbackDelivery(description, 0, attempt, ex.Message);
        }

        lock (_gate)
        {
            _deliveries.Add(delivery);
        }
    }

    private sealed record Batch(Uri Url, int Redeliveries, bool OutOfOrder, TimeSpan Delay, IReadOnlyList<(string Description, Func<DateTimeOffset, WebhookCallback> Build)> Requests);
}
