namespace Martech.Sdk;

/// <summary>A contact's consent decision for one channel: what, where it came from, and when.</summary>
/// <param name="Status">The decision.</param>
/// <param name="Source">Where it was captured, such as <c>"webinar-form"</c>; kept for audit.</param>
/// <param name="UpdatedAt">When the decision was made or last confirmed.</param>
public sealed record Consent(ConsentStatus Status, string? Source = null, DateTimeOffset? UpdatedAt = null)
{
    /// <summary>Whether the contact may be sent marketing on this channel.</summary>
    public bool AllowsMarketing => Status == ConsentStatus.Granted;

    /// <summary>Consent granted now, from a source.</summary>
    /// <param name="source">Where it was captured.</param>
    /// <param name="at">When; now when omitted.</param>
    /// <returns>The consent.</returns>
    public static Consent Granted(string? source = null, DateTimeOffset? at = null) => new(ConsentStatus.Granted, source, at ?? DateTimeOffset.UtcNow);

    /// <summary>Consent denied or withdrawn now, from a source.</summary>
    /// <param name="source">Where it was captured.</param>
    /// <param name="at">When; now when omitted.</param>
    /// <returns>The consent.</returns>
    public static Consent Denied(string? source = null, DateTimeOffset? at = null) => new(ConsentStatus.Denied, source, at ?? DateTimeOffset.UtcNow);
}
