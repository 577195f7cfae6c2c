namespace Martech.Sdk;

/// <summary>Options for deleting a contact.</summary>
public class ContactDeleteOptions
{
    /// <summary>Permanently erase the contact and its history (a GDPR erasure request) instead of an ordinary,
    /// often recoverable, delete. The default value is <see langword="false"/>. A provider whose vendor has no
    /// erasure throws <see cref="NotSupportedException"/> before any call rather than delete softly.</summary>
    public bool Erase { get; set; }
}
