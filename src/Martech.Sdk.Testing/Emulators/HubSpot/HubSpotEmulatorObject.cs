namespace Martech.Sdk.Testing;

/// <summary>
/// A CRM object held by a <see cref="HubSpotEmulator"/>: a contact or a lead, with its properties as HubSpot stores them
/// (every value a string, the system properties <c>hs_object_id</c> and the create and modify dates included).
/// </summary>
/// <param name="Id">The record id, a decimal number as text.</param>
/// <param name="Properties">The property values by internal name.</param>
/// <param name="CreatedAt">When it was created, by the emulator's clock.</param>
/// <param name="UpdatedAt">When it last changed, by the emulator's clock.</param>
public sealed record HubSpotEmulatorObject(string Id, IReadOnlyDictionary<string, string> Properties, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>Gets the ids of the contacts a lead is associated with; empty for contacts.</summary>
    public IReadOnlyList<string> AssociatedContactIds { get; init; } = [];

    /// <summary>Gets a property's value, or <see langword="null"/> when it has none.</summary>
    /// <param name="name">The internal property name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? this[string name] => Properties.TryGetValue(name, out string? value) ? value : null;
}
