namespace Martech.Sdk;

/// <summary>A checkpoint as an <see cref="ICheckpointStore"/> holds it.</summary>
/// <param name="Key">The key.</param>
/// <param name="Version">The version, 1 for the first write, one more per write since.</param>
/// <param name="Json">The document, JSON text.</param>
public sealed record CheckpointEntry(string Key, long Version, string Json);
