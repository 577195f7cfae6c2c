namespace Martech.Sdk.Testing;

/// <summary>A recipient of an admin-initiated message, as the <see cref="IntercomEmulator"/> received it.</summary>
/// <param name="Type">The recipient's <c>type</c>: <c>user</c> or <c>lead</c>.</param>
/// <param name="Id">The contact id.</param>
public sealed record IntercomEmulatedRecipient(string Type, string Id);
