namespace Martech.Sdk;

/// <summary>A channel a contact can consent to be contacted on.</summary>
public enum ConsentChannel
{
    /// <summary>Email.</summary>
    Email,

    /// <summary>SMS and other messages to a phone number (WhatsApp included).</summary>
    Sms,
}
