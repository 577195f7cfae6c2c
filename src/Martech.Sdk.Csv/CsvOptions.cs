using System.Text;

namespace Martech.Sdk;

/// <summary>How a CSV file is read: text encoding, delimiter and the longest value. <see cref="CsvTable.ReadAsync"/>
/// takes these; <see cref="CsvImportOptions"/> adds the column mapping of contacts and leads.</summary>
public class CsvReadOptions
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

    /// <summary>The longest value, in characters, a cell may hold (default 1 Mi). It bounds memory when a stray quote
    /// would run the rest of the file into one value; a longer value stops the reading with
    /// <see cref="InvalidDataException"/>.</summary>
    public int MaxFieldLength { get; set; } = 1024 * 1024;

    internal virtual void Validate()
    {
        string name = GetType().Name;
        if (FallbackEncoding is null)
        {
            throw new ArgumentException($"{name}.FallbackEncoding must not be null; leave it at its default (Windows-1252) or set an encoding.", "options");
        }

        if (Delimiter is { } d && (d is '"' or '\r' or '\n' || char.IsLetterOrDigit(d)))
        {
            throw new ArgumentException($"{name}.Delimiter '{d}' cannot separate values; use comma, semicolon, tab or pipe, or null to detect it.", "options");
        }

        if (MaxFieldLength < 1)
        {
            throw new ArgumentException($"{name}.MaxFieldLength must be at least 1; it is {MaxFieldLength}.", "options");
        }
    }
}

/// <summary>How a CSV file of contacts or leads is read: the read options, and which column holds which field.</summary>
public sealed class CsvImportOptions : CsvReadOptions
{
    /// <summary>Fields by header: the key is the column's header text (matched ignoring case and surrounding spaces),
    /// the value the field, standard (<see cref="RecordField.Email"/>) or custom
    /// (<see cref="RecordField.Custom(string)"/>, or <see cref="RecordField.Parse(string)"/> of any name that is not a
    /// standard one). A column not listed here maps to a standard field when its header, ignoring case, spaces,
    /// <c>_</c> and <c>-</c>, is the field's name or CSV header (<c>First Name</c>, <c>first_name</c>,
    /// <c>firstName</c>) or a common alias (<c>E-mail</c>, <c>Email Address</c>, <c>Mobile</c>, <c>Surname</c>,
    /// <c>Organization</c>; <c>Title</c>; <c>Lead Status</c>, <c>Lead Source</c>, <c>Lead Score</c> for leads).
    /// A custom field's non-empty cell is stored as a string (<see cref="CustomFieldCollection.Set(string, string?)"/>);
    /// an empty one leaves the field unset.</summary>
    public IDictionary<string, RecordField> Columns { get; } = new Dictionary<string, RecordField>(StringComparer.OrdinalIgnoreCase);

    /// <summary>When <see langword="true"/>, every column that maps to no field becomes a custom field named by its
    /// header. Defaults to <see langword="false"/>: such columns are ignored.</summary>
    public bool UnmappedColumnsAsCustomFields { get; set; }
}

/// <summary>How rows are written to CSV: delimiter, encoding, byte-order mark and formula escaping.
/// <see cref="CsvTable.WriteAsync(Stream, IReadOnlyList{string}, IAsyncEnumerable{IReadOnlyList{string}}, CsvWriteOptions?, CancellationToken)"/>
/// takes these; <see cref="CsvExportOptions"/> adds the columns of contacts and leads.</summary>
public class CsvWriteOptions
{
    /// <summary>The delimiter; defaults to comma.</summary>
    public char Delimiter { get; set; } = ',';

    /// <summary>The text encoding; defaults to UTF-8.</summary>
    public Encoding Encoding { get; set; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>When <see langword="true"/>, the file starts with the encoding's byte-order mark (Excel needs one to
    /// open a UTF-8 file as UTF-8). Defaults to <see langword="false"/>.</summary>
    public bool WriteByteOrderMark { get; set; }

    /// <summary>When <see langword="true"/>, a value that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a
    /// carriage return is written with a leading <c>'</c>, so a spreadsheet opening the file shows it as text instead
    /// of running it as a formula (header values included). The file then no longer reads back the value exactly.
    /// Defaults to <see langword="false"/>: values are written as they are.</summary>
    public bool EscapeFormulas { get; set; }

    internal virtual void Validate()
    {
        string name = GetType().Name;
        if (Delimiter is '"' or '\r' or '\n' || char.IsLetterOrDigit(Delimiter))
        {
            throw new ArgumentException($"{name}.Delimiter '{Delimiter}' cannot separate values; use comma, semicolon, tab or pipe.", "options");
        }

        if (Encoding is null)
        {
            throw new ArgumentException($"{name}.Encoding must not be null.", "options");
        }
    }
}

/// <summary>How contacts or leads are written to CSV: the write options, and which fields are columns.</summary>
public sealed class CsvExportOptions : CsvWriteOptions
{
    /// <summary>The standard fields to write, in order, before the custom-field columns; <see langword="null"/> (the
    /// default) writes every standard field the record type has, in the default order (contacts: <c>id</c>,
    /// <c>email</c>, <c>phone</c>, <c>first_name</c>, <c>last_name</c>, <c>company</c>, <c>job_title</c>,
    /// <c>lifecycle_stage</c>, <c>email_consent</c>, <c>sms_consent</c>, <c>owner_id</c>, <c>created_at</c>,
    /// <c>updated_at</c>; leads: <c>id</c>, <c>contact_id</c>, <c>email</c>, <c>phone</c>, <c>first_name</c>,
    /// <c>last_name</c>, <c>company</c>, <c>title</c>, <c>status</c>, <c>source</c>, <c>score</c>, <c>owner_id</c>,
    /// <c>created_at</c>, <c>updated_at</c>). Headers are the CSV defaults (<c>email</c>, <c>first_name</c>, <c>job_title</c>; a lead's title is
    /// <c>title</c>), which import maps back without configuration. Custom fields go in
    /// <see cref="CustomFieldColumns"/>.</summary>
    public IList<RecordField>? Fields { get; set; }

    /// <summary>The custom fields to write, one column each after the standard fields, the header being the field's
    /// name; or <see langword="null"/> (the default) to discover them from the first
    /// <see cref="DiscoverCustomFieldsFrom"/> records, in the order first seen.</summary>
    public IList<string>? CustomFieldColumns { get; set; }

    /// <summary>How many records are held back to discover custom-field columns when
    /// <see cref="CustomFieldColumns"/> is <see langword="null"/> (default 100; 0 writes no custom fields). Fields
    /// first seen later are not written; <see cref="CsvExportResult.UnwrittenCustomFields"/> names them.</summary>
    public int DiscoverCustomFieldsFrom { get; set; } = 100;

    internal override void Validate()
    {
        base.Validate();
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

internal static class CsvEncodings
{
    public static Encoding Windows1252 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
}
