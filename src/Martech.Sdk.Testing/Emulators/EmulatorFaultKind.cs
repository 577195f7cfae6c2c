namespace Martech.Sdk.Testing;

/// <summary>What an injected <see cref="EmulatorFault"/> does to a request.</summary>
public enum EmulatorFaultKind
{
    /// <summary>Waits before the request is processed, then processes it normally, even when the client has given up by then.</summary>
    Latency,

    /// <summary>Answers a 5xx status with a body; the request is not processed.</summary>
    ServerError,

    /// <summary>Answers 429, with <c>Retry-After</c> when one is given and the emulator's rate-limit body; the request is not processed.</summary>
    TooManyRequests,

    /// <summary>Processes the request, then holds the response until the client gives up (or the hold ends).</summary>
    TimeoutAfterProcessing,

    /// <summary>Aborts the connection before the request is processed.</summary>
    ResetBeforeProcessing,

    /// <summary>Processes the request, then aborts the connection without answering: the "processed but response lost" case.</summary>
    ResetAfterProcessing,

    /// <summary>Processes the request and answers its status and headers with a body that is not valid JSON.</summary>
    MalformedBody,

    /// <summary>Processes the request and answers a <c>Content-Length</c> larger than the body it sends, then closes the connection.</summary>
    TruncatedBody,
}
