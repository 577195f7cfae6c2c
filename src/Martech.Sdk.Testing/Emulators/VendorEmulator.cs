using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Martech.Sdk.Testing;

/// <summary>
/// The base of a vendor emulator: a small Kestrel app on 127.0.0.1, on a port the OS assigns, that speaks a vendor's
/// wire format so the real provider can run against it over real sockets. A derived emulator maps the vendor's routes
/// in <see cref="MapRoutes"/>; this base records every request (<see cref="RequestLog"/>), enforces
/// <see cref="RateLimit"/>, and injects <see cref="Faults"/> in front of those routes.
/// </summary>
/// <remarks>
/// An emulator starts once; after it stops, <see cref="BaseAddress"/> still answers so a test can show what a client does
/// when nothing listens. It logs nothing and leaves no console or signal handlers behind. Each request runs through: the
/// request log, then the rate limit, then fault injection, then the vendor routes. Like a vendor's backend, routes finish
/// work a client gave up on: their <c>HttpContext.RequestAborted</c> fires when the emulator stops, not when the client
/// disconnects. A route that throws answers 500 and leaves the exception in <see cref="RecordedRequest.Exception"/>.
/// </remarks>
/// <example>
/// <code>
/// await using var emulator = new MyVendorEmulator();
/// await emulator.StartAsync();
/// using var http = new HttpClient { BaseAddress = emulator.BaseAddress };
/// emulator.Faults.Next(1, "POST", "/v1/items", EmulatorFault.ResetAfterProcessing());
/// </code>
/// </example>
public abstract class VendorEmulator : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stopping = new();
    private TimeProvider _timeProvider = TimeProvider.System;
    private EmulatorRateLimiter? _rateLimiter;
    private WebApplication? _app;
    private Uri? _baseAddress;
    private State _state;

    /// <summary>Creates an emulator that is not yet listening.</summary>
    protected VendorEmulator()
    {
    }

    private enum State
    {
        Created,
        Starting,
        Running,
        Stopped,
    }

    /// <summary>Gets the address the emulator listens on, <c>http://127.0.0.1:{port}/</c>, ending with <c>/</c>.</summary>
    /// <exception cref="InvalidOperationException">The emulator has not been started.</exception>
    public Uri BaseAddress => Volatile.Read(ref _baseAddress) ?? throw new InvalidOperationException("The emulator has not been started; call StartAsync first.");

    /// <summary>Gets whether the emulator is listening.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_gate)
            {
                return _state == State.Running;
            }
        }
    }

    /// <summary>Gets or sets the clock of rate-limit windows and of <see cref="RecordedRequest.ArrivedAt"/>, so a test can
    /// move time instead of sleeping. Injected delays use real time.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    public TimeProvider TimeProvider
    {
        get => Volatile.Read(ref _timeProvider);
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            Volatile.Write(ref _timeProvider, value);
        }
    }

    /// <summary>Gets or sets the rate limit; setting one (even the same again) starts its windows afresh.</summary>
    /// <value>The default value is <see langword="null"/>: no limit.</value>
    public EmulatorRateLimit? RateLimit
    {
        get => Volatile.Read(ref _rateLimiter)?.Limit;
        set => Volatile.Write(ref _rateLimiter, value is null ? null : new EmulatorRateLimiter(value));
    }

    /// <summary>Gets the fault rules applied to incoming requests.</summary>
    public EmulatorFaults Faults { get; } = new();

    /// <summary>Gets the log of every request received.</summary>
    public EmulatorRequestLog RequestLog { get; } = new();

    /// <summary>Clears what the kit holds for a test (faults, the request log, the rate limit); a vendor emulator's
    /// <c>Reset</c> calls it after clearing its own state.</summary>
    protected void ResetKit()
    {
        Faults.Clear();
        RequestLog.Clear();
        RateLimit = null;
    }

    /// <summary>Gets a token cancelled when the emulator stops, for routes that wait (long polls, slow vendors).</summary>
    protected CancellationToken StoppingToken => _stopping.Token;

    internal EmulatorRateLimiter? RateLimiter => Volatile.Read(ref _rateLimiter);

    internal CancellationToken StopToken => _stopping.Token;

    /// <summary>Starts listening on 127.0.0.1 on a port the OS assigns, and reads the bound address back into
    /// <see cref="BaseAddress"/>.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the emulator accepts connections.</returns>
    /// <exception cref="InvalidOperationException">The emulator was already started.</exception>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_state != State.Created)
            {
                throw new InvalidOperationException($"The emulator can start once; it is {_state.ToString().ToLowerInvariant()}.");
            }

            _state = State.Starting;
        }

        WebApplication? app = null;
        try
        {
            app = Build();
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            Uri address = ReadBoundAddress(app);
            lock (_gate)
            {
                _app = app;
                Volatile.Write(ref _baseAddress, address);
                _state = State.Running;
            }
        }
        catch
        {
            lock (_gate)
            {
                _state = State.Stopped;
            }

            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>Stops listening: held and delayed requests end at once, open connections close. Does nothing when the
    /// emulator is not running.</summary>
    /// <param name="cancellationToken">Ends the graceful part of the stop early.</param>
    /// <returns>A task that completes when the port is closed.</returns>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        WebApplication? app;
        lock (_gate)
        {
            app = _app;
            _app = null;
            if (_state == State.Running)
            {
                _state = State.Stopped;
            }
        }

        if (app is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Stops the emulator and releases it.</summary>
    /// <returns>A task that completes when the emulator is stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        await DisposeAsyncCore().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Describes the emulator, such as <c>HubSpotEmulator at http://127.0.0.1:40123/</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        Volatile.Read(ref _baseAddress) is { } address ? $"{GetType().Name} at {address}" : $"{GetType().Name} (not started)";

    /// <summary>Maps the vendor's routes with minimal APIs (<c>routes.MapGet(...)</c>, <c>routes.MapPost(...)</c>).</summary>
    /// <param name="routes">The route builder.</param>
    protected abstract void MapRoutes(IEndpointRouteBuilder routes);

    /// <summary>Adds services the routes need; called once before the app is built. The base adds nothing.</summary>
    /// <param name="services">The app's services.</param>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Whether a request counts against the <see cref="RateLimit"/> the way the vendor counts it, before the limit's
    /// own <see cref="EmulatorRateLimit.AppliesTo"/>; an exempt request is neither counted nor refused and gets no
    /// rate-limit headers. The base counts every request; Salesforce, for example, does not count its OAuth token endpoint
    /// as an API request.</summary>
    /// <param name="request">The request.</param>
    /// <returns><see langword="true"/> when the request counts.</returns>
    protected virtual bool CountsAgainstRateLimit(RecordedRequest request) => true;

    /// <summary>Writes the vendor's rate-limit headers; called for every request the <see cref="RateLimit"/> applies to,
    /// admitted or rejected, before the response starts. The base writes none.</summary>
    /// <param name="response">The response.</param>
    /// <param name="remaining">Requests left in the window after this one (0 when rejected).</param>
    /// <param name="limit">The window's <see cref="EmulatorRateLimit.PermitLimit"/>.</param>
    /// <param name="resetAfter">Time until the window ends (by <see cref="TimeProvider"/>; add it to
    /// <c>TimeProvider.GetUtcNow()</c> for vendors that send a Unix reset time).</param>
    /// <example>
    /// <code>
    /// protected override void WriteRateLimitHeaders(HttpResponse response, int remaining, int limit, TimeSpan resetAfter)
    /// {
    ///     response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
    ///     response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
    ///     response.Headers["X-RateLimit-Reset"] = (TimeProvider.GetUtcNow() + resetAfter).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    /// }
    /// </code>
    /// </example>
    protected virtual void WriteRateLimitHeaders(HttpResponse response, int remaining, int limit, TimeSpan resetAfter)
    {
    }

    /// <summary>Writes the vendor's 429 body. Status 429 and <c>Retry-After</c> are already set (an override may change
    /// them, as for a vendor that signals throttling in a 200 body). The base writes
    /// <c>{"error":"rate_limited","message":"Too many requests."}</c>.</summary>
    /// <param name="context">The request's context.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> sent, or <see langword="null"/> when none was.</param>
    /// <returns>A task that completes when the body is written.</returns>
    protected virtual Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, new ErrorBody("rate_limited", "Too many requests."), context.Response.StatusCode, cancellationToken: context.RequestAborted);
    }

    /// <summary>Writes the vendor's body for an injected 5xx that names no body of its own. The status is already set. The
    /// base writes <c>{"error":"server_error","message":"Injected server error."}</c>.</summary>
    /// <param name="context">The request's context.</param>
    /// <returns>A task that completes when the body is written.</returns>
    protected virtual Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, new ErrorBody("server_error", "Injected server error."), context.Response.StatusCode, cancellationToken: context.RequestAborted);
    }

    /// <summary>Stops the emulator and releases its resources; override to release a derived emulator's own, calling the base.</summary>
    /// <returns>A task that completes when the emulator is released.</returns>
    protected virtual async ValueTask DisposeAsyncCore()
    {
        await StopAsync().ConfigureAwait(false);
        lock (_gate)
        {
            _state = State.Stopped;
        }

        _stopping.Dispose();
    }

    internal bool InvokeCountsAgainstRateLimit(RecordedRequest request) => CountsAgainstRateLimit(request);

    internal void InvokeWriteRateLimitHeaders(HttpResponse response, int remaining, int limit, TimeSpan resetAfter) =>
        WriteRateLimitHeaders(response, remaining, limit, resetAfter);

    internal Task InvokeWriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = RetryAfterSeconds(delay).ToString(CultureInfo.InvariantCulture);
        }

        return WriteRateLimitExceededAsync(context, retryAfter);
    }

    internal Task InvokeWriteServerErrorAsync(HttpContext context) => WriteServerErrorAsync(context);

    // Whole seconds, rounded up so a client that waits that long finds the window open; never 0.
    private static long RetryAfterSeconds(TimeSpan delay) => Math.Max(1, (long)Math.Ceiling(delay.TotalSeconds));

    private static Uri ReadBoundAddress(WebApplication app)
    {
        ICollection<string> addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        if (addresses.Count != 1)
        {
            throw new InvalidOperationException($"The emulator expected one bound address and found {addresses.Count}: {string.Join(", ", addresses)}.");
        }

        string bound = addresses.First();
        var address = new Uri(bound.EndsWith('/') ? bound : bound + "/", UriKind.Absolute);
        if (!IPAddress.TryParse(address.Host, out IPAddress? ip) || !IPAddress.IsLoopback(ip) || address.Port == 0)
        {
            throw new InvalidOperationException($"The emulator bound '{bound}', not a loopback address with a port.");
        }

        return address;
    }

    private WebApplication Build()
    {
        // The empty builder: no configuration files (no file watchers), no logging providers, no console lifetime.
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = GetType().Assembly.GetName().Name });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // Loopback only, port 0: the OS picks a free port, and nothing listens beyond this machine.
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime>(new EmulatorHostLifetime());

        // Held and delayed requests end when the emulator stops; a route that ignores the stop gets a short grace.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(5));
        ConfigureServices(builder.Services);

        WebApplication app = builder.Build();
        var pipeline = new EmulatorPipeline(this);
        app.Use(pipeline.InvokeAsync);
        app.UseRouting();
        MapRoutes(app);
        return app;
    }

    private sealed record ErrorBody(string Error, string Message);
}
