using System.Globalization;

namespace Martech.Sdk.Salesforce;

/// <summary>Checks custom field names against Salesforce's field API name rules before any request, so a label or a
/// name with a space, a line break or NUL is refused with a clear message instead of reaching the record body.</summary>
/// <remarks>
/// An API name is one to three parts joined by double underscores: an optional namespace (<c>ns__</c>), the name
/// (a letter first, then letters, digits and single underscores, not ending with one, at most 40 characters), and a
/// suffix of letters after a custom name (<c>__c</c>, <c>__r</c>, <c>__pc</c>, <c>__s</c>, …). Standard fields
/// (<c>LastName</c>, <c>AccountId</c>) are a single part.
/// </remarks>
internal static class SalesforceFieldNames
{
    /// <summary>The longest name part of a custom field (40).</summary>
    public const int MaxNameLength = 40;

    /// <summary>Why a name is not a field API name, or <see langword="null"/> when it is one.</summary>
    public static string? Problem(string name)
    {
        string[] parts = name.Split("__");
        if (parts.Length > 3)
        {
            return "it has more than two double underscores";
        }

        int offset = 0;
        for (int p = 0; p < parts.Length; p++)
        {
            string part = parts[p];
            bool suffix = p == parts.Length - 1 && parts.Length > 1;
            if (part.Length == 0)
            {
                return "it has an empty part between double underscores";
            }

            for (int i = 0; i < part.Length; i++)
            {
                char c = part[i];
                bool ok = suffix ? char.IsAsciiLetter(c) : char.IsAsciiLetter(c) || (i > 0 && (char.IsAsciiDigit(c) || c == '_'));
                if (!ok)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"it has U+{(int)c:X4} at index {offset + i}");
                }
            }

            if (!suffix && part.EndsWith('_'))
            {
                return "a part ends with an underscore";
            }

            if (!suffix && part.Length > MaxNameLength)
            {
                return string.Create(CultureInfo.InvariantCulture, $"'{part}' is {part.Length} characters");
            }

            offset += part.Length + 2;
        }

        return null;
    }

    /// <summary>Throws unless every custom field name is a field API name.</summary>
    /// <param name="fields">The custom fields.</param>
    /// <param name="model">The model, for the message (<c>Contact</c>, <c>Lead</c>).</param>
    /// <param name="paramName">The argument named in the exception.</param>
    /// <exception cref="ArgumentException">A name is not a field API name.</exception>
    public static void ThrowIfInvalid(CustomFieldCollection fields, string model, string paramName)
    {
        if (FindProblem(fields, model) is { } problem)
        {
            throw new ArgumentException(problem, paramName);
        }
    }

    /// <summary>The message for the first custom field name that is not a field API name, or <see langword="null"/>.</summary>
    public static string? FindProblem(CustomFieldCollection fields, string model)
    {
        foreach (string name in fields.Keys)
        {
            if (Problem(name) is { } problem)
            {
                return $"{model}.CustomFields['{name}'] is not a Salesforce field API name ({problem}): an API name starts with a letter and holds letters, digits and single underscores, at most {MaxNameLength} characters, with a suffix such as __c after a custom field's name and an optional namespace__ before it. Use the field's API name, not its label.";
            }
        }

        return null;
    }
}
