namespace Martech.Sdk.Salesforce;

/// <summary>Checks Salesforce record ids: 15 case-sensitive or 18 case-insensitive-safe alphanumeric characters.</summary>
internal static class SalesforceIds
{
    /// <summary>Whether a string has the shape of a Salesforce record id.</summary>
    /// <param name="id">The candidate.</param>
    /// <returns><see langword="true"/> for 15 or 18 ASCII letters and digits.</returns>
    public static bool IsWellFormed(string? id)
    {
        if (id is null || (id.Length != 15 && id.Length != 18))
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws unless the id has the shape of a Salesforce record id, before any call is made.</summary>
    /// <param name="id">The id.</param>
    /// <param name="paramName">The argument or field named in the exception.</param>
    /// <exception cref="ArgumentException">The id is empty or not 15 or 18 letters and digits.</exception>
    public static void Require(string? id, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id, paramName);
        if (!IsWellFormed(id))
        {
            throw new ArgumentException($"{paramName} '{id}' is not a Salesforce record id (15 or 18 letters and digits).", paramName);
        }
    }
}
