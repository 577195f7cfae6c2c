using System.Text.Encodings.Web;
using System.Text.Json;

namespace LeadFlow;

/// <summary>
/// The report as JSON: an array with one object per CSV row read, its properties named as the CSV columns, written
/// with the source-generated <see cref="LeadFlowJsonContext"/> one row at a time and flushed as it grows.
/// </summary>
public static class JsonRowReport
{
    private const int FlushThreshold = 16 * 1024;

    public static async Task WriteAsync(Stream stream, IEnumerable<LeadFlowRow> rows, CancellationToken cancellationToken)
    {
        // A file, not HTML: '+', '<' or non-ASCII letters in names stay readable; quotes and control characters are escaped.
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        await using var json = new Utf8JsonWriter(stream, options);
        json.WriteStartArray();
        foreach (LeadFlowRow row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            JsonSerializer.Serialize(json, row, LeadFlowJsonContext.Default.LeadFlowRow);
            if (json.BytesPending > FlushThreshold)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }
}
