using System.Globalization;

namespace Martech.Sdk.Pipedrive;

/// <summary>Checks custom field names before any request. A name is a custom field's 40-character hash key or its
/// name as Pipedrive shows it (which may hold spaces); either way it is resolved against the account's field
/// definitions, and only the hash key is sent. A name with a line break or control character can name no field, so it
/// is refused before the field definitions are even read.</summary>
internal static class PipedriveFieldNames
{
    /// <summary>The problem with the first name holding a line break or control character, or <see langword="null"/>.</summary>
    /// <param name="fields">The custom fields.</param>
    /// <param name="model">The model, for the message (<c>Contact</c>, <c>Lead</c>).</param>
    public static PipedriveProblem? FindProblem(CustomFieldCollection fields, string model)
    {
        foreach (string name in fields.Keys)
        {
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                if (char.IsControl(c) || c is '\u2028' or '\u2029')
                {
                    return new PipedriveProblem(
                        string.Create(CultureInfo.InvariantCulture, $"{model}.CustomFields['{name}'] is not a Pipedrive custom field key or name: it has U+{(int)c:X4} at index {i}. Use the field's 40-character hash key or its name as Pipedrive shows it, without line breaks or control characters."),
                        PipedriveProblem.UnknownField,
                        name);
                }
            }
        }

        return null;
    }
}
