using System.Globalization;

namespace Martech.Sdk.Pipedrive;

/// <summary>Pipedrive's id formats: persons and users have whole-number ids, leads have UUIDs.</summary>
internal static class PipedriveIds
{
    /// <summary>Parses a person (or user) id; <see langword="false"/> unless it is a positive whole number.</summary>
    public static bool TryParse(string? id, out long value) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;

    /// <summary>Parses a person id or throws an <see cref="ArgumentException"/> naming the argument.</summary>
    public static long ParsePersonId(string? id, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, paramName);
        return TryParse(id.Trim(), out long value)
            ? value
            : throw new ArgumentException($"'{id}' is not a Pipedrive person id: person ids are positive whole numbers.", paramName);
    }

    /// <summary>Checks a lead id and returns it in Pipedrive's form (lower-case UUID).</summary>
    public static string ParseLeadId(string? id, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, paramName);
        return Guid.TryParse(id.Trim(), out Guid uuid)
            ? uuid.ToString("D")
            : throw new ArgumentException($"'{id}' is not a Pipedrive lead id: lead ids are UUIDs.", paramName);
    }

    /// <summary>An id as text.</summary>
    public static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}
