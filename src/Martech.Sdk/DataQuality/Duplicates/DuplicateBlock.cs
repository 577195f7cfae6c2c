namespace Martech.Sdk;

/// <summary>One block of a blocking rule: the records that share a key.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Key">The key as text, such as <c>email=info@acme.example</c> or
/// <c>last name~S530 first initial=j company=acme</c> (Soundex codes after <c>~</c>).</param>
/// <param name="Size">How many records share it.</param>
public sealed record DuplicateBlock(DuplicateBlockingRule Rule, string Key, int Size)
{
    /// <summary>The pairs the block holds: n·(n−1)/2.</summary>
    public long Pairs => (long)Size * (Size - 1) / 2;
}
