using System.Globalization;
using System.Runtime.CompilerServices;
using CsvHelper;
using CsvHelper.Configuration;

namespace Martech.Sdk;

/// <summary>Reads records from CSV row by row with CsvHelper's parser, fields by index.</summary>
internal static class CsvImporter
{
    private const int Ignored = -1;
    private const int Custom = -2;

    public static async IAsyncEnumerable<CsvRowResult<T>> ReadAsync<T>(
        Stream csv,
        CsvSchema<T> schema,
        IEnumerable<KeyValuePair<string, int>> columns,
        CsvImportOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        (TextReader reader, char delimiter) = await CsvInput.OpenAsync(csv, options, cancellationToken).ConfigureAwait(false);
        var badFields = new List<string>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            Mode = CsvMode.RFC4180,
            IgnoreBlankLines = true,
            MaxFieldSize = options.MaxFieldLength,
            BadDataFound = args => badFields.Add(args.Field),
        };

        using var parser = new CsvParser(reader, configuration, leaveOpen: false);
        if (!await ReadRowAsync(parser).ConfigureAwait(false))
        {
            yield break;
        }

        string[] headers = new string[parser.Count];
        for (int i = 0; i < headers.Length; i++)
        {
            headers[i] = i == 0 ? parser[i].TrimStart('\uFEFF').Trim() : parser[i].Trim();
        }

        (int[] plan, string?[] customNames) = Plan(headers, schema, columns, options);
        badFields.Clear();
        long row = 1;

        while (await ReadRowAsync(parser).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested();
            row++;
            int count = parser.Count;
            long lineBreaks = 0;
            List<CsvRowError>? errors = null;
            var values = new object?[schema.FieldCount];
            var customFields = new CustomFieldCollection();
            for (int i = 0; i < count; i++)
            {
                lineBreaks += LineBreaks(parser[i]);
            }

            long line = parser.RawRow - lineBreaks;

            foreach (string bad in badFields)
            {
                int index = FindBadField(parser, bad);
                (errors ??= []).Add(new CsvRowError(row, line, index < 0 ? null : ColumnName(headers, index), bad, "Malformed quoting: a quote inside a value that is not enclosed in quotes, or text after a closing quote; enclose the value in quotes and double the quotes inside it."));
            }

            badFields.Clear();

            if (count < headers.Length)
            {
                (errors ??= []).Add(new CsvRowError(row, line, headers[count], null, $"The row has {count} values; the header has {headers.Length} columns (the values from '{headers[count]}' on are missing)."));
            }
            else if (count > headers.Length)
            {
                (errors ??= []).Add(new CsvRowError(row, line, ColumnName(headers, headers.Length), parser[headers.Length], $"The row has {count} values; the header has {headers.Length} columns."));
            }

            for (int i = 0; i < Math.Min(count, headers.Length); i++)
            {
                string cell = parser[i];
                if (cell.Length == 0 || plan[i] == Ignored)
                {
                    continue;
                }

                if (plan[i] == Custom)
                {
                    customFields.Set(customNames[i]!, cell);
                }
                else if (schema.Parse(plan[i], cell, out object? value) is { } reason)
                {
                    (errors ??= []).Add(new CsvRowError(row, line, headers[i], cell, reason));
                }
                else
                {
                    values[plan[i]] = value;
                }
            }

            yield return errors is null
                ? new CsvRowResult<T>(row, line, schema.Create(values, customFields), [])
                : new CsvRowResult<T>(row, line, null, errors);
        }
    }

    private static async ValueTask<bool> ReadRowAsync(CsvParser parser)
    {
        try
        {
            return await parser.ReadAsync().ConfigureAwait(false);
        }
        catch (MaxFieldSizeException e)
        {
            throw new InvalidDataException(
                $"A value in the row starting after line {parser.RawRow} is longer than CsvImportOptions.MaxFieldLength ({parser.Configuration.MaxFieldSize} characters): most often a quote that is never closed, which runs the rest of the file into one value. Fix the quoting, or raise MaxFieldLength.",
                e);
        }
    }

    /// <summary>Which field (or custom field, or nothing) each column holds: explicit columns first, then explicit
    /// custom fields, then headers recognised as a field's name, then, when asked, the rest as custom fields.</summary>
    private static (int[] Plan, string?[] CustomNames) Plan<T>(string[] headers, CsvSchema<T> schema, IEnumerable<KeyValuePair<string, int>> columns, CsvImportOptions options)
        where T : class
    {
        int[] plan = new int[headers.Length];
        string?[] customNames = new string?[headers.Length];
        Array.Fill(plan, Ignored);
        var byHeader = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = headers.Length - 1; i >= 0; i--)
        {
            byHeader[headers[i]] = i;
        }

        string Header() => string.Join(", ", headers.Select(h => $"'{h}'"));

        var taken = new Dictionary<int, string>();
        foreach ((string header, int field) in columns)
        {
            if (!byHeader.TryGetValue(header.Trim(), out int i))
            {
                throw new InvalidDataException($"The columns mapping names the header '{header}' (for {schema.Headers[field]}), which the file does not have; its header is {Header()}.");
            }

            plan[i] = field;
            taken[field] = headers[i];
        }

        var customTaken = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string header, string name) in options.CustomFields)
        {
            if (!byHeader.TryGetValue(header.Trim(), out int i))
            {
                throw new InvalidDataException($"CsvImportOptions.CustomFields names the header '{header}', which the file does not have; its header is {Header()}.");
            }

            if (plan[i] != Ignored)
            {
                throw new InvalidDataException($"The column '{headers[i]}' is mapped both to a named field and to the custom field '{name}'; map it once.");
            }

            plan[i] = Custom;
            customNames[i] = name;
            customTaken.Add(name);
        }

        for (int i = 0; i < headers.Length; i++)
        {
            if (plan[i] != Ignored || headers[i].Length == 0)
            {
                continue;
            }

            if (schema.Recognise(headers[i]) is { } field)
            {
                if (taken.TryGetValue(field, out string? other))
                {
                    if (columns.Any(c => c.Value == field))
                    {
                        continue; // the caller mapped another column to this field: that one wins
                    }

                    throw new InvalidDataException($"The columns '{other}' and '{headers[i]}' both read as {schema.Headers[field]}; say which one to use in the import options' Columns.");
                }

                plan[i] = field;
                taken[field] = headers[i];
            }
            else if (options.UnmappedColumnsAsCustomFields)
            {
                if (!customTaken.Add(headers[i]))
                {
                    throw new InvalidDataException($"The header has the column '{headers[i]}' twice; map one of them in CsvImportOptions.CustomFields.");
                }

                plan[i] = Custom;
                customNames[i] = headers[i];
            }
        }

        return (plan, customNames);
    }

    private static string ColumnName(string[] headers, int index) =>
        index < headers.Length ? headers[index] : "#" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static int FindBadField(CsvParser parser, string bad)
    {
        for (int i = 0; i < parser.Count; i++)
        {
            if (parser[i] == bad)
            {
                return i;
            }
        }

        for (int i = 0; i < parser.Count; i++)
        {
            if (parser[i].Length > 0 && bad.Contains(parser[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static int LineBreaks(string value)
    {
        int n = 0;
        for (int i = 0; i < value.Length; i++)
        {
            if (value[i] == '\n' || (value[i] == '\r' && (i + 1 == value.Length || value[i + 1] != '\n')))
            {
                n++;
            }
        }

        return n;
    }
}
