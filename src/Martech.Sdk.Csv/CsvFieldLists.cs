namespace Martech.Sdk;

/// <summary>Checks the caller's field lists (import columns, export fields) and turns them into field indexes.</summary>
internal static class CsvFieldLists
{
    // The public methods' parameter that holds the lists.
    private static readonly string OptionsParameter = "options";

    public static List<KeyValuePair<string, int>> Columns<TField>(IDictionary<string, TField> columns, string optionsName, Func<TField, int> index)
        where TField : struct, Enum
    {
        var result = new List<KeyValuePair<string, int>>();
        var mapped = new HashSet<TField>();
        foreach ((string header, TField field) in columns)
        {
            if (!Enum.IsDefined(field))
            {
                throw new ArgumentException($"{optionsName}.Columns maps '{header}' to {index(field)}, which is not a {typeof(TField).Name}.", OptionsParameter);
            }

            if (!mapped.Add(field))
            {
                throw new ArgumentException($"{optionsName}.Columns maps two headers to {field}; map one.", OptionsParameter);
            }

            result.Add(new(header, index(field)));
        }

        return result;
    }

    public static int[] Fields<TField>(IList<TField>? fields, int fieldCount, string optionsName, Func<TField, int> index)
        where TField : struct, Enum
    {
        if (fields is null)
        {
            return [.. Enumerable.Range(0, fieldCount)];
        }

        int[] result = [.. fields.Select(f => Enum.IsDefined(f) ? index(f) : throw new ArgumentException($"{optionsName}.Fields holds {index(f)}, which is not a {typeof(TField).Name}.", OptionsParameter))];
        if (result.Distinct().Count() != result.Length)
        {
            throw new ArgumentException($"{optionsName}.Fields names a field twice.", OptionsParameter);
        }

        return result;
    }
}
