namespace Martech.Sdk;

/// <summary>One call through the resilience pipeline: the request and the timestamp its total timeout ends at.</summary>
/// <param name="Request">The request.</param>
/// <param name="Deadline">The <see cref="TimeProvider"/> timestamp after which no attempt or delay may run.</param>
internal sealed record MartechCall(HttpRequestMessage Request, long Deadline);
