namespace Martech.Sdk;

/// <summary>The Mailgun region a sending domain lives in; it decides the API base address.</summary>
public enum MailgunRegion
{
    /// <summary>The US region, <c>https://api.mailgun.net/</c>.</summary>
    US,

    /// <summary>The EU region, <c>https://api.eu.mailgun.net/</c>.</summary>
    EU,
}
