namespace Martech.Sdk;

/// <summary>The stored item of an upsert and whether it was created.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Value">The item as stored, with its provider id.</param>
/// <param name="Created"><see langword="true"/> when created; <see langword="false"/> when an existing item was updated.</param>
public sealed record UpsertResult<T>(T Value, bool Created);
