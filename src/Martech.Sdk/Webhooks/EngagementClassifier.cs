using System.Buffers;
using System.Net;

namespace Martech.Sdk;

/// <summary>
/// Decides who made an email open or click (<see cref="EngagementSource"/>) from what the vendor recorded: its own
/// machine flag (SendGrid <c>sg_machine_open</c>), its bot label (Mailgun <c>client-info.bot</c>), the user agent and
/// the IP address. Vendor receivers call it for every open and click; the rules are documented in
/// <c>docs/webhooks.md</c>.
/// </summary>
/// <remarks>
/// In order: a vendor bot label wins (<c>apple</c>, <c>gmail</c>, anything else is <see cref="EngagementSource.OtherMachine"/>);
/// then a Gmail image proxy user agent (<c>GoogleImageProxy</c>, <c>ggpht.com</c>); then a known scanner or HTTP-library user
/// agent; then a vendor machine flag (Apple Mail Privacy Protection when the agent is the bare <c>Mozilla/5.0</c> Apple's
/// proxy sends or the address is in Apple's 17.0.0.0/8, otherwise <see cref="EngagementSource.OtherMachine"/>); then the
/// bare <c>Mozilla/5.0</c> from Apple's network; then any other user agent is <see cref="EngagementSource.Human"/>, and no
/// information at all is <see cref="EngagementSource.Unknown"/>.
/// </remarks>
public static class EngagementClassifier
{
    private static readonly SearchValues<string> ScannerAgents = SearchValues.Create(
        [
            "barracuda", "mimecast", "proofpoint", "symantec", "messagelabs", "trend micro", "trendmicro", "forcepoint",
            "ironport", "fireeye", "sophos", "zscaler", "safelinks", "safe links", "bingpreview", "linkcheck", "urlscan",
            "python-requests", "python-urllib", "aiohttp", "curl/", "wget/", "go-http-client", "java/", "okhttp",
            "apache-httpclient", "libwww-perl", "node-fetch", "axios/", "headlesschrome", "phantomjs", "scrapy",
            "bot/", "bot;", "crawler", "spider", "yahoomailproxy",
        ],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Classifies an open or a click.</summary>
    /// <param name="userAgent">The user agent the vendor recorded.</param>
    /// <param name="ipAddress">The IP address the vendor recorded.</param>
    /// <param name="vendorMachineFlag">The vendor's own "machine open" flag, such as SendGrid's <c>sg_machine_open</c>.</param>
    /// <param name="vendorBotLabel">The vendor's bot label, such as Mailgun's <c>client-info.bot</c>
    /// (<c>apple</c>, <c>gmail</c>, <c>generic</c>).</param>
    /// <returns>Who made it.</returns>
    public static EngagementSource Classify(string? userAgent, string? ipAddress = null, bool? vendorMachineFlag = null, string? vendorBotLabel = null)
    {
        if (!string.IsNullOrWhiteSpace(vendorBotLabel))
        {
            return vendorBotLabel.Trim().ToUpperInvariant() switch
            {
                "APPLE" => EngagementSource.AppleMailPrivacyProtection,
                "GMAIL" or "GOOGLE" => EngagementSource.GmailImageProxy,
                _ => EngagementSource.OtherMachine,
            };
        }

        string agent = userAgent?.Trim() ?? string.Empty;
        if (agent.Contains("GoogleImageProxy", StringComparison.OrdinalIgnoreCase) || agent.Contains("ggpht.com", StringComparison.OrdinalIgnoreCase))
        {
            return EngagementSource.GmailImageProxy;
        }

        if (agent.AsSpan().ContainsAny(ScannerAgents))
        {
            return EngagementSource.SecurityScanner;
        }

        bool bareAgent = string.Equals(agent, "Mozilla/5.0", StringComparison.Ordinal);
        if (vendorMachineFlag == true)
        {
            return bareAgent || IsApple(ipAddress) || agent.Length == 0 ? EngagementSource.AppleMailPrivacyProtection : EngagementSource.OtherMachine;
        }

        if (bareAgent && IsApple(ipAddress))
        {
            return EngagementSource.AppleMailPrivacyProtection;
        }

        return agent.Length == 0 || bareAgent ? EngagementSource.Unknown : EngagementSource.Human;
    }

    /// <summary>Whether a source is a machine or proxy rather than a person (everything but
    /// <see cref="EngagementSource.Human"/> and <see cref="EngagementSource.Unknown"/>).</summary>
    /// <param name="source">The source.</param>
    /// <returns><see langword="true"/> for proxies and scanners.</returns>
    public static bool IsMachine(EngagementSource source) =>
        source is not (EngagementSource.Human or EngagementSource.Unknown);

    // Apple owns 17.0.0.0/8; its Mail Privacy Protection proxies fetch from there.
    private static bool IsApple(string? ipAddress) =>
        IPAddress.TryParse(ipAddress, out IPAddress? ip)
        && (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip) is { AddressFamily: System.Net.Sockets.AddressFamily.InterNetwork } v4
        && v4.GetAddressBytes()[0] == 17;
}
