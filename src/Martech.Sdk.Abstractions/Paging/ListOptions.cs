namespace Martech.Sdk;

/// <summary>Options shared by listings.</summary>
public class ListOptions
{
    /// <summary>The page size to ask the vendor for; the provider's default when <see langword="null"/>. Providers
    /// clamp it to the vendor's maximum.</summary>
    public int? PageSize { get; set; }

    /// <summary>A continuation token from an earlier page, to resume a listing where it stopped.</summary>
    public string? ContinuationToken { get; set; }

    /// <summary>Only items changed at or after this time, where the vendor can filter so.</summary>
    public DateTimeOffset? UpdatedSince { get; set; }
}
