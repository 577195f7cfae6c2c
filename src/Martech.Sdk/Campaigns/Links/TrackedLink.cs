namespace Martech.Sdk;

/// <summary>A link tagged with UTM parameters for a campaign, as <see cref="TrackedLinks.Create"/> builds it.</summary>
/// <param name="Url">The link, exactly as it is to be printed, sent or put in a QR code: the destination's scheme, host,
/// path, query and fragment kept as given, with the UTM parameters encoded once in the query.</param>
/// <param name="Utm">The UTM parameters after normalisation (the values the link carries, decoded).</param>
public sealed record TrackedLink(string Url, UtmParameters Utm)
{
    /// <summary>The campaign id the link carries (<c>utm_id</c>).</summary>
    public string CampaignId => Utm.Id ?? string.Empty;

    /// <summary>The link as a <see cref="System.Uri"/>. Write <see cref="Url"/> where the exact text matters:
    /// <see cref="System.Uri.ToString"/> unescapes some characters.</summary>
    /// <returns>The link.</returns>
    public Uri ToUri() => new(Url, UriKind.Absolute);

    /// <summary>Returns <see cref="Url"/>.</summary>
    /// <returns>The link.</returns>
    public override string ToString() => Url;
}
