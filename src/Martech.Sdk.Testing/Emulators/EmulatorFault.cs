using System.Globalization;

namespace Martech.Sdk.Testing;

/// <summary>
/// A failure a <see cref="VendorEmulator"/> injects into a request: latency, a 5xx or 429 answer, a response held past
/// the client's timeout, a connection reset before or after processing, or a broken body. Create one with the static
/// factories and schedule it with <see cref="EmulatorFaults"/>.
/// </summary>
/// <remarks>
/// Delays are real time, not the emulator's <see cref="VendorEmulator.TimeProvider"/>: the client on the other end of the
/// socket waits on real time. Stopping the emulator ends every delay at once.
/// </remarks>
public sealed class EmulatorFault
{
    /// <summary>How long <see cref="TimeoutAfterProcessing"/> holds a response by default: the default
    /// <see cref="HttpClient.Timeout"/>, so the client gives up first.</summary>
    public static readonly TimeSpan DefaultHoldTime = TimeSpan.FromSeconds(100);

    // Task.Delay's ceiling is about 49 days; a day is already far beyond any test.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    private EmulatorFault(EmulatorFaultKind kind, TimeSpan delay = default, int statusCode = 0, string? body = null, string? contentType = null, TimeSpan? retryAfter = null)
    {
        Kind = kind;
        Delay = delay;
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
        RetryAfter = retryAfter;
    }

    /// <summary>Gets what the fault does.</summary>
    public EmulatorFaultKind Kind { get; }

    /// <summary>Gets the added latency (<see cref="EmulatorFaultKind.Latency"/>) or the longest time a processed response is
    /// held (<see cref="EmulatorFaultKind.TimeoutAfterProcessing"/>); zero for other kinds.</summary>
    public TimeSpan Delay { get; }

    /// <summary>Gets the status answered by <see cref="EmulatorFaultKind.ServerError"/> (5xx) or
    /// <see cref="EmulatorFaultKind.TooManyRequests"/> (429); zero for other kinds.</summary>
    public int StatusCode { get; }

    /// <summary>Gets the body sent instead of the emulator's own: the 5xx body of <see cref="EmulatorFaultKind.ServerError"/>
    /// or the broken body of <see cref="EmulatorFaultKind.MalformedBody"/>; <see langword="null"/> for the default.</summary>
    public string? Body { get; }

    /// <summary>Gets the content type of <see cref="Body"/> for <see cref="EmulatorFaultKind.ServerError"/>.</summary>
    public string? ContentType { get; }

    /// <summary>Gets the <c>Retry-After</c> of <see cref="EmulatorFaultKind.TooManyRequests"/>, or <see langword="null"/> when the
    /// 429 carries none.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Waits <paramref name="delay"/> before processing the request, then processes it normally. The request is
    /// processed after the delay even when the client timed out meanwhile, as a slow server would.</summary>
    /// <param name="delay">The added latency; greater than zero, at most a day.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is zero, negative or over a day.</exception>
    public static EmulatorFault Latency(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero, nameof(delay));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(delay, MaxDelay, nameof(delay));
        return new EmulatorFault(EmulatorFaultKind.Latency, delay);
    }

    /// <summary>Answers a 5xx status without processing the request.</summary>
    /// <param name="statusCode">The status, 500 to 599.</param>
    /// <param name="body">The body to send; <see langword="null"/> lets the emulator write its vendor's error body
    /// (<see cref="VendorEmulator"/>'s <c>WriteServerErrorAsync</c>).</param>
    /// <param name="contentType">The content type of <paramref name="body"/>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not a 5xx status.</exception>
    /// <exception cref="ArgumentException"><paramref name="contentType"/> is empty while a body is given.</exception>
    public static EmulatorFault ServerError(int statusCode = 500, string? body = null, string contentType = "application/json; charset=utf-8")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 500, nameof(statusCode));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599, nameof(statusCode));
        if (body is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(contentType, nameof(contentType));
        }

        return new EmulatorFault(EmulatorFaultKind.ServerError, statusCode: statusCode, body: body, contentType: body is null ? null : contentType);
    }

    /// <summary>Answers 429 without processing the request, with the emulator's rate-limit body and headers.</summary>
    /// <param name="retryAfter">The <c>Retry-After</c> to send (whole seconds, rounded up); <see langword="null"/> sends none,
    /// as some vendors do.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public static EmulatorFault TooManyRequests(TimeSpan? retryAfter = null)
    {
        if (retryAfter is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(retryAfter));
        }

        return new EmulatorFault(EmulatorFaultKind.TooManyRequests, statusCode: 429, retryAfter: retryAfter);
    }

    /// <summary>Processes the request (its effect is stored), then holds the response until the client disconnects, the
    /// emulator stops, or <paramref name="holdFor"/> passes, whichever comes first; only in the last case is the response sent.</summary>
    /// <param name="holdFor">The longest hold, at most a day; <see langword="null"/> for <see cref="DefaultHoldTime"/>.</param>
    /// <returns>The fault.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="holdFor"/> is zero, negative or over a day.</exception>
    public static EmulatorFault TimeoutAfterProcessing(TimeSpan? holdFor = null)
    {
        TimeSpan hold = holdFor ?? DefaultHoldTime;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(hold, TimeSpan.Zero, nameof(holdFor));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hold, MaxDelay, nameof(holdFor));
        return new EmulatorFault(EmulatorFaultKind.TimeoutAfterProcessing, hold);
    }

    /// <summary>Aborts the connection before the request is processed: nothing is stored, no response is sent.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault ResetBeforeProcessing() => new(EmulatorFaultKind.ResetBeforeProcessing);

    /// <summary>Processes the request (its effect is stored), then aborts the connection without sending the response.</summary>
    /// <returns>The fault.</returns>
    public static EmulatorFault ResetAfterProcessing() => new(EmulatorFaultKind.ResetAfterProcessing);

    /// <summary>Processes the request and answers its status and headers with a body that is not valid JSON.</summary>
    /// <param name="body">The body to send; <see langword="null"/> sends the first half of the real body followed by
    /// <c>&lt;&lt;malformed&gt;&gt;</c>, which no JSON parser accepts.</param>
    /// <returns>The fault.</returns>
    /// <remarks>Responses that cannot carry a body (204, 304, HEAD) are sent unchanged.</remarks>
    public static EmulatorFault MalformedBody(string? body = null) => new(EmulatorFaultKind.MalformedBody, body: body);

    /// <summary>Processes the request and answers its status and headers with a <c>Content-Length</c> larger than the body
    /// sent: the first half of the real body (at least one byte; an empty body becomes <c>{</c> declared as two bytes),
    /// after which the connection is closed.</summary>
    /// <returns>The fault.</returns>
    /// <remarks>Responses that cannot carry a body (204, 304, HEAD) are sent unchanged.</remarks>
    public static EmulatorFault TruncatedBody() => new(EmulatorFaultKind.TruncatedBody);

    /// <summary>Describes the fault, such as <c>ServerError(503)</c> or <c>Latency(00:00:02)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        EmulatorFaultKind.Latency or EmulatorFaultKind.TimeoutAfterProcessing => $"{Kind}({Delay.ToString("c", CultureInfo.InvariantCulture)})",
        EmulatorFaultKind.ServerError => $"{Kind}({StatusCode.ToString(CultureInfo.InvariantCulture)})",
        EmulatorFaultKind.TooManyRequests when RetryAfter is { } retryAfter => $"{Kind}(Retry-After {retryAfter.ToString("c", CultureInfo.InvariantCulture)})",
        _ => Kind.ToString(),
    };
}
