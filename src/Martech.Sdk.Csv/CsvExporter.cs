namespace Martech.Sdk;

/// <summary>Writes records to CSV: the schema's fields and custom fields as columns, through <see cref="CsvRowWriter"/>.</summary>
internal static class CsvExporter
{
    public static async Task<CsvExportResult> WriteAsync<T>(Stream destination, IAsyncEnumerable<T> records, CsvSchema<T> schema, int[] fields, CsvExportOptions options, CancellationToken cancellationToken)
        where T : class
    {
        var namedHeaders = new HashSet<string>(fields.Select(f => schema.Headers[f]), StringComparer.OrdinalIgnoreCase);
        foreach (string column in options.CustomFieldColumns ?? [])
        {
            if (namedHeaders.Contains(column))
            {
                throw new ArgumentException($"CsvExportOptions.CustomFieldColumns names '{column}', which is also the header of a named field; the file would have two '{column}' columns.", nameof(options));
            }
        }

        var unwritten = new List<string>();
        var unwrittenSeen = new HashSet<string>(StringComparer.Ordinal);
        var buffered = new List<T>();
        IAsyncEnumerator<T> enumerator = records.GetAsyncEnumerator(cancellationToken);
        await using System.Runtime.CompilerServices.ConfiguredAsyncDisposable enumeratorScope = enumerator.ConfigureAwait(false);
        bool more = true;
        List<string> custom;
        if (options.CustomFieldColumns is { } named)
        {
            custom = [.. named];
        }
        else
        {
            custom = [];
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (buffered.Count < options.DiscoverCustomFieldsFrom && (more = await enumerator.MoveNextAsync().ConfigureAwait(false)))
            {
                T record = enumerator.Current ?? throw new ArgumentException($"The record stream holds a null record (record {buffered.Count + 1}).", nameof(records));
                buffered.Add(record);
                foreach (string name in schema.CustomFields(record).Keys)
                {
                    if (namedHeaders.Contains(name))
                    {
                        if (unwrittenSeen.Add(name))
                        {
                            unwritten.Add(name);
                        }
                    }
                    else if (seen.Add(name))
                    {
                        custom.Add(name);
                    }
                }
            }
        }

        var customSet = new HashSet<string>(custom, StringComparer.Ordinal);
        CsvRowWriter writer = await CsvRowWriter.StartAsync(destination, options, cancellationToken).ConfigureAwait(false);
        await using System.Runtime.CompilerServices.ConfiguredAsyncDisposable writerScope = writer.ConfigureAwait(false);
        foreach (int field in fields)
        {
            writer.Append(schema.Headers[field]);
        }

        foreach (string name in custom)
        {
            writer.Append(name);
        }

        await writer.EndRowAsync(cancellationToken).ConfigureAwait(false);

        long rows = 0;
        async ValueTask WriteAsync(T record)
        {
            foreach (int field in fields)
            {
                writer.Append(schema.Format(record, field));
            }

            CustomFieldCollection values = schema.CustomFields(record);
            foreach (string name in custom)
            {
                writer.Append(values.GetString(name));
            }

            foreach (string name in values.Keys)
            {
                if (!customSet.Contains(name) && unwrittenSeen.Add(name))
                {
                    unwritten.Add(name);
                }
            }

            await writer.EndRowAsync(cancellationToken).ConfigureAwait(false);
            rows++;
        }

        foreach (T record in buffered)
        {
            await WriteAsync(record).ConfigureAwait(false);
        }

        buffered.Clear();
        while (more && await enumerator.MoveNextAsync().ConfigureAwait(false))
        {
            T record = enumerator.Current ?? throw new ArgumentException($"The record stream holds a null record (record {rows + 1}).", nameof(records));
            await WriteAsync(record).ConfigureAwait(false);
        }

        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new CsvExportResult(rows, custom, unwritten);
    }
}
