using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>A consolidation's checkpoint document: where the source listing stands (the continuation token of the page
/// in progress), the outcomes already decided on that page, and the running totals.</summary>
internal sealed class ConsolidationCheckpoint
{
    public int Format { get; set; } = 1;

    public string Kind { get; set; } = string.Empty;

    public string Source { get; set; } = string.Empty;

    public string Target { get; set; } = string.Empty;

    public ConsolidationMode Mode { get; set; }

    /// <summary>The token the page in progress is read from; <see langword="null"/> for the first page.</summary>
    public string? PageToken { get; set; }

    /// <summary>Pages finished.</summary>
    public int Pages { get; set; }

    public bool Completed { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    public ConsolidationTotals Totals { get; set; } = new();

    /// <summary>The outcomes decided on the page in progress, so a resumed run does not decide them again.</summary>
    public List<CheckpointOutcome> Outcomes { get; set; } = [];
}

internal sealed class ConsolidationTotals
{
    public int Created { get; set; }

    public int Updated { get; set; }

    public int Skipped { get; set; }

    public int Failed { get; set; }

    public int SourceDeleted { get; set; }

    public void Count(ConsolidationOutcome outcome)
    {
        switch (outcome.Status)
        {
            case ConsolidationStatus.Created: Created++; break;
            case ConsolidationStatus.Updated: Updated++; break;
            case ConsolidationStatus.Skipped: Skipped++; break;
            default: Failed++; break;
        }

        if (outcome.SourceDeleted)
        {
            SourceDeleted++;
        }
    }
}

internal sealed class CheckpointOutcome
{
    public string SourceId { get; set; } = string.Empty;

    public ConsolidationStatus Status { get; set; }

    public string? TargetId { get; set; }

    /// <summary>A move's target write, saved before its source delete: the outcome is not reported yet, and a resumed
    /// run deletes the source record again (it may be gone already) and reports it.</summary>
    public bool DeletePending { get; set; }

    /// <summary>The outcome's email, kept only while <see cref="DeletePending"/>.</summary>
    public string? Email { get; set; }

    /// <summary>The outcome's reason, kept only while <see cref="DeletePending"/>.</summary>
    public string? Reason { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConsolidationCheckpoint))]
internal sealed partial class ConsolidationJsonContext : JsonSerializerContext;
