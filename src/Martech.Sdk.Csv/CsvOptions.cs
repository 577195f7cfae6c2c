using System.Text;

namespace Martech.Sdk;

/// <summary>How a CSV file is read: text encoding, delimiter, custom-field columns and limits.</summary>
public abstract class CsvImportOptions
{
    /// <summary>The text encoding, or <see langword="null"/> (the default) to detect it: a byte-order mark selects
    /// UTF-8, UTF-16 (little or big endian) or UTF-32; without one the file is read as UTF-8 when its first 64 KiB are
    /// valid UTF-8, else as <see cref="FallbackEncoding"/>.</summary>
    public Encoding? Encoding { get; set; }

    /// <summary>The encoding of a file without a byte-order mark whose first 64 KiB are not valid UTF-8. Defaults to
    /// Windows-1252 (what Excel writes on Western-European Windows), which decodes every byte.</summary>
    public Encoding FallbackEncoding { get; set; } = CsvEncodings.Windows1252;

    /// <summary>The delimiter, or <see langword="null"/> (the default) to detect it from the header line: of comma,
    /// semicolon, tab and pipe, the one occurring most often outside quotes; a tie goes to the earlier in that list,
    /// and a header with none of them (one column) is read with comma.</summary>
    public char? Delimiter { get; set; }

    /// <summary>Custom fields by header: the key is the column's header text (matched ignoring case), the value the
    /// custom field's name on the record. A non-empty cell is stored as a string
    /// (<see cref="CustomFieldCollection.Set(string, string?)"/>); an empty one leaves the field unset.</summary>
    public IDictionary<string, string> CustomFields { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>When <see langword="true"/>, every column that maps to no named field and is not in
    /// <see cref="CustomFields"/> becomes a custom field named by its header. Defaults to <see langword="false"/>:
    /// such columns are ignored.</summary>
    public bool UnmappedColumnsAsCustomFields { get; set; }

    /// <summary>The longest value, in characters, a cell may hold (default 1 Mi). It bounds memory when a stray quote
    /// would run the rest of the file into one value; a longer value stops the import with
    /// <see cref="InvalidDataException"/>.</summary>
    public int MaxFieldLength { get; set; } = 1024 * 1024;

    internal void Validate()
    {
        if (FallbackEncoding is null)
        {
            throw new ArgumentException("CsvImportOptions.FallbackEncoding must not be null; leave it at its default (Windows-1252) or set an encoding.", "options");
        }

        if (Delimiter is { } d && (d is '"' or '\r' or '\n' || char.IsLetterOrDigit(d)))
        {
            throw new ArgumentException($"CsvImportOptions.Delimiter '{d}' cannot separate values; use comma, semicolon, tab or pipe, or null to detect it.", "options");
        }

        if (MaxFieldLength < 1)
        {
            throw new ArgumentException($"CsvImportOptions.MaxFieldLength must be at least 1; it is {MaxFieldLength}.", "options");
        }

        foreach (KeyValuePair<string, string> pair in CustomFields)
        {
            if (string.IsNullOrWhiteSpace(pair.Key) || string.IsNullOrWhiteSpace(pair.Value))
            {
                throw new ArgumentException($"CsvImportOptions.CustomFields maps '{pair.Key}' to '{pair.Value}'; neither the header nor the custom field name may be empty.", "options");
            }
        }
    }
}

/// <summary>How a CSV file of contacts is read.</summary>
public sealed class ContactCsvImportOptions : CsvImportOptions
{
    /// <summary>Named fields by header: the key is the column's header text (matched ignoring case), the value the
    /// field. A column not listed here maps to a field when its header, ignoring case, spaces, <c>_</c> and <c>-</c>,
    /// is the field's name (<c>First Name</c>, <c>first_name</c>, <c>firstName</c>) or a common alias
    /// (<c>E-mail</c>, <c>Email Address</c>, <c>Mobile</c>, <c>Surname</c>, <c>Organization</c>, <c>Title</c>).</summary>
    public IDictionary<string, ContactField> Columns { get; } = new Dictionary<string, ContactField>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>How a CSV file of leads is read.</summary>
public sealed class LeadCsvImportOptions : CsvImportOptions
{
    /// <summary>Named fields by header: the key is the column's header text (matched ignoring case), the value the
    /// field. A column not listed here maps to a field when its header, ignoring case, spaces, <c>_</c> and <c>-</c>,
    /// is the field's name (<c>Lead Source</c> aside: use <c>source</c>) or a common alias (<c>E-mail</c>,
    /// <c>Email Address</c>, <c>Mobile</c>, <c>Surname</c>, <c>Organization</c>).</summary>
    public IDictionary<string, LeadField> Columns { get; } = new Dictionary<string, LeadField>(StringComparer.OrdinalIgnoreCase);
}

/// <summary>How records are written to CSV.</summary>
public abstract class CsvExportOptions
{
    /// <summary>The delimiter; defaults to comma.</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>The text encoding; defaults to UTF-8.</summary>
    public Encoding Encoding { get; set; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>When <see langword="true"/>, the file starts with the encoding's byte-order mark (Excel needs one to
    /// open a UTF-8 file as UTF-8). Defaults to <see langword="false"/>.</summary>
    public bool WriteByteOrderMark { get; set; }

    /// <summary>The custom fields to write, one column each after the named fields, the header being the field's
    /// name; or <see langword="null"/> (the default) to discover them from the first
    /// <see cref="DiscoverCustomFieldsFrom"/> records, in the order first seen.</summary>
    public IList<string>? CustomFieldColumns { get; set; }

    /// <summary>How many records are held back to discover custom-field columns when
    /// <see cref="CustomFieldColumns"/> is <see langword="null"/> (default 100; 0 writes no custom fields). Fields
    /// first seen later are not written; <see cref="CsvExportResult.UnwrittenCustomFields"/> names them.</summary>
    public int DiscoverCustomFieldsFrom { get; set; } = 100;

    internal void Validate()
    {
        if (Delimiter is '"' or '\r' or '\n' || char.IsLetterOrDigit(Delimiter))
        {
            throw new ArgumentException($"CsvExportOptions.Delimiter '{Delimiter}' cannot separate values; use comma, semicolon, tab or pipe.", "options");
        }

        if (Encoding is null)
        {
            throw new ArgumentException("CsvExportOptions.Encoding must not be null.", "options");
        }

        if (DiscoverCustomFieldsFrom < 0)
        {
            throw new ArgumentException($"CsvExportOptions.DiscoverCustomFieldsFrom must be 0 or more; it is {DiscoverCustomFieldsFrom}.", "options");
        }

        if (CustomFieldColumns is { } columns)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (string column in columns)
            {
                if (string.IsNullOrWhiteSpace(column))
                {
                    throw new ArgumentException("CsvExportOptions.CustomFieldColumns holds an empty name.", "options");
                }

                if (!seen.Add(column))
                {
                    throw new ArgumentException($"CsvExportOptions.CustomFieldColumns names '{column}' twice (headers are matched ignoring case on import).", "options");
                }
            }
        }
    }
}

/// <summary>How contacts are written to CSV.</summary>
public sealed class ContactCsvExportOptions : CsvExportOptions
{
    /// <summary>The named fields to write, in order; <see langword="null"/> (the default) writes every
    /// <see cref="ContactField"/> in declaration order. Headers are the defaults (<c>email</c>, <c>first_name</c>,
    /// ...), which import maps back without configuration.</summary>
    public IList<ContactField>? Fields { get; set; }
}

/// <summary>How leads are written to CSV.</summary>
public sealed class LeadCsvExportOptions : CsvExportOptions
{
    /// <summary>The named fields to write, in order; <see langword="null"/> (the default) writes every
    /// <see cref="LeadField"/> in declaration order. Headers are the defaults (<c>email</c>, <c>first_name</c>, ...),
    /// which import maps back without configuration.</summary>
    public IList<LeadField>? Fields { get; set; }
}

internal static class CsvEncodings
{
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
}
