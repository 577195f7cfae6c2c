namespace Martech.Sdk;

/// <summary>Reads a vendor's rate-limit headers (for example <c>X-RateLimit-Remaining</c>) from a response.</summary>
public interface IRateLimitHeaderReader
{
    /// <summary>Reads the headers of a response.</summary>
    /// <param name="response">The response.</param>
    /// <param name="now">The current time, for headers that give a reset moment rather than a duration.</param>
    /// <param name="snapshot">What the headers said.</param>
    /// <returns><see langword="true"/> when the response carried rate-limit headers.</returns>
    bool TryRead(HttpResponseMessage response, DateTimeOffset now, out RateLimitSnapshot snapshot);
}
