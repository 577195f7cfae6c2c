namespace Martech.Sdk;

/// <summary>Which of Mailgun's two documented paths for a tag's statistics the provider calls (both answer the same
/// body; which one Mailgun prefers is not settled in its reference, so it is an option).</summary>
public enum MailgunTagStatsEndpoint
{
    /// <summary><c>GET /v3/{domain}/tags/{tag}/stats</c>: the tag in the path.</summary>
    TagInPath,

    /// <summary><c>GET /v3/{domain}/tag/stats?tag={tag}</c>: the tag in the query, the newer reference's form.</summary>
    TagInQuery,
}
