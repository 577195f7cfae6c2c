namespace Martech.Sdk;

/// <summary>Checks the caller's field lists (import columns, export fields) against a record type and turns them into
/// field indexes of its schema.</summary>
internal static class CsvFieldLists
{
    // The public methods' parameter that holds the lists.
    private static readonly string OptionsParameter = "options";

    /// <summary>The caller's columns: standard fields as schema indexes, custom fields by name.</summary>
    public static (List<KeyValuePair<string, int>> Named, List<KeyValuePair<string, string>> Custom) Columns<T>(IDictionary<string, RecordField> columns, CsvSchema<T> schema)
        where T : class
    {
        var named = new List<KeyValuePair<string, int>>();
        var custom = new List<KeyValuePair<string, string>>();
        var mapped = new HashSet<RecordField>();
        foreach ((string header, RecordField field) in columns)
        {
            if (string.IsNullOrWhiteSpace(header))
            {
                throw new ArgumentException($"CsvImportOptions.Columns maps an empty header to {field}; name the column's header.", OptionsParameter);
            }

            if (!mapped.Add(field))
            {
                throw new ArgumentException($"CsvImportOptions.Columns maps two headers to {field}; map one.", OptionsParameter);
            }

            if (field.IsCustom)
            {
                custom.Add(new(header, field.Name));
            }
            else
            {
                named.Add(new(header, Index(field, schema, $"CsvImportOptions.Columns maps '{header}' to")));
            }
        }

        return (named, custom);
    }

    /// <summary>The caller's export fields as schema indexes; every field of the record type when null.</summary>
    public static int[] Fields<T>(IList<RecordField>? fields, CsvSchema<T> schema)
        where T : class
    {
        if (fields is null)
        {
            return [.. Enumerable.Range(0, schema.FieldCount)];
        }

        int[] result = new int[fields.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (fields[i].IsCustom)
            {
                throw new ArgumentException($"CsvExportOptions.Fields holds the custom field '{fields[i].Name}'; name custom fields in CsvExportOptions.CustomFieldColumns.", OptionsParameter);
            }

            result[i] = Index(fields[i], schema, "CsvExportOptions.Fields holds");
        }

        if (result.Distinct().Count() != result.Length)
        {
            throw new ArgumentException("CsvExportOptions.Fields names a field twice.", OptionsParameter);
        }

        return result;
    }

    private static int Index<T>(RecordField field, CsvSchema<T> schema, string where)
        where T : class
    {
        if (field == default)
        {
            throw new ArgumentException($"{where} the default RecordField, which names no field; use one of RecordField's properties or RecordField.Parse.", OptionsParameter);
        }

        return schema.IndexOf(field)
            ?? throw new ArgumentException($"{where} {field.Name}, which a {schema.RecordName} does not have; a {schema.RecordName}'s fields are {string.Join(", ", schema.Fields.Select(f => f.Name))}.", OptionsParameter);
    }
}
