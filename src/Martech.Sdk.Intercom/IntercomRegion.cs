namespace Martech.Sdk.Intercom;

/// <summary>The regional data centre an Intercom workspace is hosted in; it picks the API address.</summary>
public enum IntercomRegion
{
    /// <summary>United States: <c>https://api.intercom.io/</c>.</summary>
    US,

    /// <summary>Europe: <c>https://api.eu.intercom.io/</c>.</summary>
    EU,

    /// <summary>Australia: <c>https://api.au.intercom.io/</c>.</summary>
    AU,
}
