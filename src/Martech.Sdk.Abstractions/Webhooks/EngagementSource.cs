using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Who made an email open or click. Mail privacy proxies and security scanners fetch images and follow links
/// without a person, so engagement rates count <see cref="Human"/> apart from the rest.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EngagementSource>))]
public enum EngagementSource
{
    /// <summary>Nothing in the event says who: no user agent, no vendor flag.</summary>
    Unknown,

    /// <summary>A person's mail client or browser.</summary>
    Human,

    /// <summary>Apple Mail Privacy Protection, which loads every message's images when it arrives, whether or not the
    /// person opens it.</summary>
    AppleMailPrivacyProtection,

    /// <summary>Gmail's image proxy (<c>GoogleImageProxy</c>). It fetches images when the message is opened, so the open
    /// is usually a person's, but the proxy hides the client and may cache; vendors flag it as a machine open.</summary>
    GmailImageProxy,

    /// <summary>A security scanner or link checker that opens messages and follows links before the person does
    /// (Microsoft Defender Safe Links, Mimecast, Proofpoint, Barracuda, HTTP libraries, headless browsers).</summary>
    SecurityScanner,

    /// <summary>A machine the vendor flagged without saying which.</summary>
    OtherMachine,
}
