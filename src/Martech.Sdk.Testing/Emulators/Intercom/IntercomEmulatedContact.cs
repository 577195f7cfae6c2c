namespace Martech.Sdk.Testing;

/// <summary>A contact (user or lead) held by the <see cref="IntercomEmulator"/>.</summary>
public sealed record IntercomEmulatedContact
{
    /// <summary>Gets the contact id (24 hex digits unless the test chose one).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the role: <c>user</c> or <c>lead</c>.</summary>
    public required string Role { get; init; }

    /// <summary>Gets the email address, or <see langword="null"/>.</summary>
    public string? Email { get; init; }

    /// <summary>Gets the name, or <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the id the workspace gave the contact (<c>external_id</c>), or <see langword="null"/>.</summary>
    public string? ExternalId { get; init; }

    /// <summary>Gets the phone number, or <see langword="null"/>.</summary>
    public string? Phone { get; init; }

    /// <summary>Gets when the contact was added.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
