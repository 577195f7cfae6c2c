namespace Martech.Sdk.Intercom;

/// <summary>How an admin-initiated message (<c>POST /messages</c>) to a contact is delivered.</summary>
public enum IntercomMessageType
{
    /// <summary>An in-app message (<c>"inapp"</c>).</summary>
    InApp,

    /// <summary>An email (<c>"email"</c>).</summary>
    Email,
}
