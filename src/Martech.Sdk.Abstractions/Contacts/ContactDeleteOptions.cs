namespace Martech.Sdk;

/// <summary>Options for deleting a contact.</summary>
public class ContactDeleteOptions
{
    /// <summary>Permanently erase the contact and its history (a GDPR erasure request) instead of an ordinary,
    /// often recoverable, delete. The default value is <see langword="false"/>.</summary>
    public bool Erase { get; set; }
}
