using System.Runtime.CompilerServices;

namespace Martech.Sdk;

/// <summary>Reads records from CSV row by row: each row's cells mapped to fields by the plan made from the header.</summary>
internal static class CsvImporter
{
    private const int Ignored = -1;
    private const int Custom = -2;

    /// <summary>Checks the options (throwing when called, not when enumerated), then reads.</summary>
    public static IAsyncEnumerable<CsvRowResult<T>> Start<T>(Stream csv, CsvSchema<T> schema, CsvImportOptions? options, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(csv);
        options ??= new CsvImportOptions();
        options.Validate();
        (List<KeyValuePair<string, int>> named, List<KeyValuePair<string, string>> custom) = CsvFieldLists.Columns(options.Columns, schema);
        return ReadAsync(csv, schema, named, custom, options, cancellationToken);
    }

    private static async IAsyncEnumerable<CsvRowResult<T>> ReadAsync<T>(
        Stream csv,
        CsvSchema<T> schema,
        List<KeyValuePair<string, int>> named,
        List<KeyValuePair<string, string>> custom,
        CsvImportOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        using CsvRowReader? reader = await CsvRowReader.OpenAsync(csv, options, cancellationToken).ConfigureAwait(false);
        if (reader is null)
        {
            yield break;
        }

        string[] headers = reader.Header.Names;
        (int[] plan, string?[] customNames) = Plan(reader.Header, schema, named, custom, options);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) is { } row)
        {
            List<CsvRowError>? errors = row.IsValid ? null : [.. row.Errors];
            var values = new object?[schema.FieldCount];
            var customFields = new CustomFieldCollection();
            for (int i = 0; i < Math.Min(row.Values.Count, headers.Length); i++)
            {
                string cell = row.Values[i];
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
                    (errors ??= []).Add(new CsvRowError(row.RowNumber, row.LineNumber, headers[i], cell, reason));
                }
                else
                {
                    values[plan[i]] = value;
                }
            }

            yield return errors is null
                ? new CsvRowResult<T>(row.RowNumber, row.LineNumber, schema.Create(values, customFields), [])
                : new CsvRowResult<T>(row.RowNumber, row.LineNumber, null, errors);
        }
    }

    /// <summary>Which field (or custom field, or nothing) each column holds: the caller's standard fields first, then
    /// the caller's custom fields, then headers recognised as a field's name, then, when asked, the rest as custom
    /// fields.</summary>
    private static (int[] Plan, string?[] CustomNames) Plan<T>(CsvHeader header, CsvSchema<T> schema, List<KeyValuePair<string, int>> named, List<KeyValuePair<string, string>> custom, CsvImportOptions options)
        where T : class
    {
        string[] headers = header.Names;
        int[] plan = new int[headers.Length];
        string?[] customNames = new string?[headers.Length];
        Array.Fill(plan, Ignored);

        string Header() => string.Join(", ", headers.Select(h => $"'{h}'"));

        var taken = new Dictionary<int, string>();
        foreach ((string name, int field) in named)
        {
            int i = header.IndexOf(name)
                ?? throw new InvalidDataException($"CsvImportOptions.Columns names the header '{name}' (for {schema.Fields[field].Name}), which the file does not have; its header is {Header()}.");
            plan[i] = field;
            taken[field] = headers[i];
        }

        var customTaken = new HashSet<string>(StringComparer.Ordinal);
        foreach ((string name, string field) in custom)
        {
            int i = header.IndexOf(name)
                ?? throw new InvalidDataException($"CsvImportOptions.Columns names the header '{name}' (for the custom field '{field}'), which the file does not have; its header is {Header()}.");
            if (plan[i] != Ignored)
            {
                throw new InvalidDataException($"The column '{headers[i]}' is mapped both to {schema.Fields[plan[i]].Name} and to the custom field '{field}' (its header matched two keys of CsvImportOptions.Columns); map it once.");
            }

            plan[i] = Custom;
            customNames[i] = field;
            customTaken.Add(field);
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
                    if (named.Any(c => c.Value == field))
                    {
                        continue; // the caller mapped another column to this field: that one wins
                    }

                    throw new InvalidDataException($"The columns '{other}' and '{headers[i]}' both read as {schema.Fields[field].Name}; say which one to use in CsvImportOptions.Columns.");
                }

                plan[i] = field;
                taken[field] = headers[i];
            }
            else if (options.UnmappedColumnsAsCustomFields)
            {
                if (!customTaken.Add(headers[i]))
                {
                    throw new InvalidDataException($"The header has the column '{headers[i]}' twice; map one of them in CsvImportOptions.Columns.");
                }

                plan[i] = Custom;
                customNames[i] = headers[i];
            }
        }

        return (plan, customNames);
    }
}
