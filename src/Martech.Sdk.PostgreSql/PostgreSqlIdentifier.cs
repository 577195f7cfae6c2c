namespace Martech.Sdk;

/// <summary>The names this package puts into SQL (schema and table), checked before any is used, then always
/// quoted.</summary>
internal static class PostgreSqlIdentifier
{
    /// <summary>What is wrong with a name, or <see langword="null"/> when it is a plain identifier: 1 to 63 ASCII
    /// letters, digits and underscores, starting with a letter or an underscore.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "is empty: name a schema or table (letters, digits and underscores).";
        }

        if (name.Length > 63 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return $"'{name}' is not a plain identifier: use 1 to 63 ASCII letters, digits and underscores, starting with a letter or an underscore.";
        }

        return null;
    }

    public static string Quote(string name, string parameterName) =>
        Problem(name) is { } problem ? throw new ArgumentException($"The {parameterName} {problem}", parameterName) : "\"" + name + "\"";
}
