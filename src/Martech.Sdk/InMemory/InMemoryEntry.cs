namespace Martech.Sdk;

/// <summary>One stored item of an in-memory store and the sequence number that orders listings of it.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class InMemoryEntry<T>(long sequence, T value)
{
    /// <summary>The creation-order number; listings page by it, so updates never move an item.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>The stored value; replaced (never mutated) on update, under the store's lock.</summary>
    public T Value { get; set; } = value;
}
