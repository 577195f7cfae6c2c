namespace Martech.Sdk;

/// <summary>Checks the values authentication schemes put on the wire, naming the parameter and never the value.</summary>
internal static class SecretArgument
{
    /// <summary>Throws when a value is null, empty, whitespace, or holds a line break or control character.</summary>
    /// <param name="value">The value.</param>
    /// <param name="paramName">The parameter or field, named in the message.</param>
    public static void ThrowIfInvalid(string? value, string paramName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(paramName, $"'{paramName}' is required.");
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"'{paramName}' is empty or whitespace.", paramName);
        }

        HeaderValidation.ThrowIfHasLineBreak(value, paramName);
    }
}
