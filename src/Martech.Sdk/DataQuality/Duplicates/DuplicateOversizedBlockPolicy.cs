namespace Martech.Sdk;

/// <summary>What duplicate detection does with a block larger than <see cref="DuplicateDetectionOptions.MaxBlockSize"/>.</summary>
public enum DuplicateOversizedBlockPolicy
{
    /// <summary>Refuse the run before any pair is compared: a <see cref="DuplicateBlockingException"/> names the block's
    /// rule, key and size.</summary>
    Refuse,

    /// <summary>Compare no pair of the block and report it in <see cref="DuplicateDetectionResult.SkippedBlocks"/>; pairs
    /// other rules find are still compared.</summary>
    Skip,
}
