using System.Buffers;
using System.Globalization;

namespace Martech.Sdk.HubSpot;

/// <summary>The HubSpot property names the provider maps, and what makes a name usable in a request.</summary>
internal static class HubSpotPropertyNames
{
    public const string Email = "email";
    public const string FirstName = "firstname";
    public const string LastName = "lastname";
    public const string Company = "company";
    public const string JobTitle = "jobtitle";
    public const string Phone = "phone";
    public const string LifecycleStage = "lifecyclestage";
    public const string Owner = "hubspot_owner_id";
    public const string ObjectId = "hs_object_id";
    public const string ContactCreated = "createdate";
    public const string ContactModified = "lastmodifieddate";
    public const string ObjectCreated = "hs_createdate";
    public const string ObjectModified = "hs_lastmodifieddate";

    /// <summary>Properties HubSpot calculates: read into named members where they have one, never written.</summary>
    public static readonly IReadOnlySet<string> AlwaysReadOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ObjectId, ContactCreated, ContactModified, ObjectCreated, ObjectModified,
    };

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(", \t\r\n?&#/");

    /// <summary>Throws unless a custom field name is a HubSpot property internal name: a lower-case letter first, then
    /// lower-case letters, digits and underscores, at most <paramref name="maxLength"/> characters. Checked before any request, so a name with
    /// a space, a capital, a line break or NUL is never sent as is.</summary>
    /// <param name="name">The custom field name.</param>
    /// <param name="model">The model it is on, for the message (<c>Contact</c>, <c>Lead</c>).</param>
    /// <param name="paramName">The argument named in the exception.</param>
    /// <param name="maxLength">The longest name allowed (<see cref="HubSpotOptions.MaxCustomFieldNameLength"/>).</param>
    /// <exception cref="ArgumentException">The name breaks the rule; the message names the field, the character and the rule.</exception>
    public static void ThrowIfInvalidCustom(string name, string model, string paramName, int maxLength)
    {
        int bad = -1;
        for (int i = 0; i < name.Length && bad < 0; i++)
        {
            char c = name[i];
            bool ok = char.IsAsciiLetterLower(c) || (i > 0 && (char.IsAsciiDigit(c) || c == '_'));
            bad = ok ? -1 : i;
        }

        if (bad < 0 && name.Length > 0 && name.Length <= maxLength)
        {
            return;
        }

        string found = name.Length == 0 ? "it is empty"
            : bad >= 0 ? string.Create(CultureInfo.InvariantCulture, $"it has U+{(int)name[bad]:X4} at index {bad}")
            : string.Create(CultureInfo.InvariantCulture, $"it is {name.Length} characters");
        throw new ArgumentException(
            $"{model}.CustomFields['{name}'] is not a HubSpot property internal name ({found}): a name starts with a lower-case letter and holds only lower-case letters, digits and underscores, at most {maxLength} characters ({nameof(HubSpotOptions.MaxCustomFieldNameLength)}). Use the property's internal name, not its label.",
            paramName);
    }

    /// <summary>Whether a name can be sent in a comma-separated <c>properties</c> list and a JSON body.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.AsSpan().IndexOfAny(Forbidden) < 0;
}
