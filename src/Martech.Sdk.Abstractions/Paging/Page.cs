namespace Martech.Sdk;

/// <summary>One page of a listing, with the token that fetches the next one.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="ContinuationToken">Fetches the page after this one; <see langword="null"/> on the last page. Opaque:
/// store it to resume a long export later.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
