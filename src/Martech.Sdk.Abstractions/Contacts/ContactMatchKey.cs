namespace Martech.Sdk;

/// <summary>How an upsert finds the existing contact to update.</summary>
public enum ContactMatchKey
{
    /// <summary>By <see cref="Contact.Id"/> when it is set, otherwise by <see cref="Contact.Email"/>.</summary>
    Auto,

    /// <summary>By <see cref="Contact.Email"/>; the contact must have one.</summary>
    Email,

    /// <summary>By <see cref="Contact.Id"/>; the contact must have one, and the upsert fails when it does not exist.</summary>
    Id,
}
