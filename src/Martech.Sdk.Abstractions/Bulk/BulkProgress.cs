namespace Martech.Sdk;

/// <summary>Progress of a bulk operation, reported after each batch.</summary>
/// <param name="Total">Input items in all.</param>
/// <param name="Completed">Items with an outcome so far (any status).</param>
/// <param name="Failed">Items failed so far.</param>
public readonly record struct BulkProgress(int Total, int Completed, int Failed);
