using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The undo file: everything needed to put the records back as they were before a merge.</summary>
internal sealed class MergeUndoDocument
{
    public int Version { get; set; } = 1;

    public string MergeId { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public string Actor { get; set; } = string.Empty;

    public List<MergeUndoStep> Steps { get; set; } = [];
}

/// <summary>One record a merge writes: for an update, the fields changed and their old values; for a delete, the whole
/// record. The outcome is <c>Pending</c> until the write is done, so a file left by a crash still undoes safely.</summary>
internal sealed class MergeUndoStep
{
    public string Instance { get; set; } = string.Empty;

    public string ContactId { get; set; } = string.Empty;

    public MergeAction Action { get; set; }

    /// <summary><c>Pending</c>, or a <see cref="MergeOutcomeStatus"/> name.</summary>
    public string Outcome { get; set; } = MergeUndoOutcomes.Pending;

    /// <summary>The fields changed, as <see cref="RecordField.ToString"/> writes them, with their old and new text.</summary>
    public List<MergeUndoField> Fields { get; set; } = [];

    /// <summary>For an update, the old values of the changed fields (typed: consent source and time, custom raw JSON);
    /// for a delete, the whole record.</summary>
    public Contact? Old { get; set; }
}

internal sealed class MergeUndoField
{
    public string Field { get; set; } = string.Empty;

    public string? Old { get; set; }

    public string? New { get; set; }
}

internal static class MergeUndoOutcomes
{
    public const string Pending = "Pending";
}

/// <summary>One line of the audit log.</summary>
internal sealed class MergeAuditEntry
{
    public string MergeId { get; set; } = string.Empty;

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public MergeAction Action { get; set; }

    public string Instance { get; set; } = string.Empty;

    public string ContactId { get; set; } = string.Empty;

    public string? NewContactId { get; set; }

    public MergeOutcomeStatus Status { get; set; }

    public string? Error { get; set; }

    public List<MergeUndoField> Changes { get; set; } = [];
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(MergeUndoDocument))]
[JsonSerializable(typeof(MergeAuditEntry))]
internal sealed partial class MergeJsonContext : JsonSerializerContext;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    WriteIndented = true)]
[JsonSerializable(typeof(MergeUndoDocument))]
internal sealed partial class MergeUndoJsonContext : JsonSerializerContext;

/// <summary>Reads and writes the undo file and appends audit lines.</summary>
internal static class MergeFiles
{
    /// <summary>Writes the undo file through a temporary file and a move, so a reader never sees half a file.</summary>
    internal static async Task WriteUndoAsync(string path, MergeUndoDocument document, CancellationToken cancellationToken)
    {
        string temporary = path + ".tmp";
        var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None);
        await using (stream.ConfigureAwait(false))
        {
            await JsonSerializer.SerializeAsync(stream, document, MergeUndoJsonContext.Default.MergeUndoDocument, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    internal static async Task<MergeUndoDocument> ReadUndoAsync(string path, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        await using ConfiguredAsyncDisposable disposing = stream.ConfigureAwait(false);
        MergeUndoDocument? document;
        try
        {
            document = await JsonSerializer.DeserializeAsync(stream, MergeUndoJsonContext.Default.MergeUndoDocument, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The undo file '{path}' is not a merge undo file: {e.Message}", nameof(path), e);
        }

        return document is { Version: 1, MergeId.Length: > 0 }
            ? document
            : throw new ArgumentException($"The undo file '{path}' is not a version 1 merge undo file.", nameof(path));
    }

    /// <summary>Appends one JSON line and flushes it before the next record is written. Not cancellable: a record
    /// that was written always gets its line.</summary>
    internal static async Task AppendAuditAsync(string path, MergeAuditEntry entry)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(entry, MergeJsonContext.Default.MergeAuditEntry);
        byte[] line = new byte[json.Length + 1];
        json.CopyTo(line, 0);
        line[^1] = (byte)'\n';
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await using ConfiguredAsyncDisposable disposing = stream.ConfigureAwait(false);
        await stream.WriteAsync(line, CancellationToken.None).ConfigureAwait(false);
        await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    internal static List<MergeUndoField> Fields(IEnumerable<MergeFieldChange> changes) =>
        [.. changes.Select(c => new MergeUndoField { Field = c.Field.ToString(), Old = c.OldValue, New = c.NewValue })];

    internal static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
