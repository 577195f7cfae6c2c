using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>A validated phone number in E.164 form (<c>+</c> then 7 to 15 digits, the first not 0).</summary>
/// <remarks>
/// Parsing accepts the usual human punctuation (spaces, dots, hyphens, parentheses, a single slash) and the
/// international prefix <c>00</c>, and removes them. It does not guess a country: a number without a country
/// code is rejected, because SMS vendors reject it too. Letters, extensions and control characters are rejected.
/// </remarks>
[JsonConverter(typeof(PhoneNumberJsonConverter))]
public readonly struct PhoneNumber : IEquatable<PhoneNumber>
{
    /// <summary>The most digits E.164 allows, country code included.</summary>
    public const int MaxDigits = 15;

    /// <summary>The fewest digits accepted, country code included (the shortest numbering plans in use).</summary>
    public const int MinDigits = 7;

    // Longest raw input looked at: 15 digits with generous punctuation.
    private const int MaxInputLength = 40;

    private readonly string? _value;

    private PhoneNumber(string value) => _value = value;

    /// <summary>The number in E.164 form, such as <c>+14155550123</c>; an empty string for <c>default</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether this is <c>default(PhoneNumber)</c>, which holds no number.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Parses a phone number into E.164 form.</summary>
    /// <param name="value">The number, such as <c>"+1 (415) 555-0123"</c> or <c>"0044 20 7946 0958"</c>.</param>
    /// <param name="fieldName">The name of the field the value came from, used in the error message; the caller's
    /// argument expression by default.</param>
    /// <returns>The number.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid E.164 number; the message says
    /// why and <see cref="ArgumentException.ParamName"/> names the field.</exception>
    public static PhoneNumber Parse(string? value, [CallerArgumentExpression(nameof(value))] string? fieldName = null)
    {
        if (TryParse(value, out var result, out var error))
        {
            return result;
        }

        throw new ArgumentException($"'{fieldName ?? "phone"}' is not a valid E.164 phone number: {error}", fieldName ?? nameof(value));
    }

    /// <summary>Tries to parse a phone number into E.164 form.</summary>
    /// <param name="value">The number.</param>
    /// <param name="result">The number when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out PhoneNumber result) => TryParse(value, out result, out _);

    /// <summary>Tries to parse a phone number into E.164 form, and says why when it cannot.</summary>
    /// <param name="value">The number.</param>
    /// <param name="result">The number when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the value is invalid when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is valid.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out PhoneNumber result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        if (value is null)
        {
            error = "the value is null.";
            return false;
        }

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                error = "it contains a control character (CR, LF, tab or similar).";
                return false;
            }
        }

        ReadOnlySpan<char> span = value.AsSpan().Trim();
        if (span.IsEmpty)
        {
            error = "the value is empty or white space.";
            return false;
        }

        if (span.Length > MaxInputLength)
        {
            error = $"it is {span.Length} characters long; the limit is {MaxInputLength}.";
            return false;
        }

        int start;
        if (span[0] == '+')
        {
            start = 1;
        }
        else if (span.StartsWith("00", StringComparison.Ordinal))
        {
            start = 2;
        }
        else
        {
            error = "it has no country code; write it as +<country code><number>, such as +14155550123.";
            return false;
        }

        Span<char> digits = stackalloc char[MaxInputLength + 1];
        digits[0] = '+';
        int count = 0;
        int slashes = 0;
        for (int i = start; i < span.Length; i++)
        {
            char c = span[i];
            if (char.IsAsciiDigit(c))
            {
                if (count == MaxDigits)
                {
                    error = $"it has more than {MaxDigits} digits.";
                    return false;
                }

                digits[++count] = c;
            }
            else if (c is ' ' or '-' or '.' or '(' or ')')
            {
                continue;
            }
            else if (c == '/' && ++slashes == 1)
            {
                continue;
            }
            else
            {
                error = char.IsAsciiLetter(c)
                    ? $"it contains the letter '{c}'; letters and extensions are not allowed."
                    : $"it contains '{c}', which is not allowed.";
                return false;
            }
        }

        if (count < MinDigits)
        {
            error = $"it has {count} digits; at least {MinDigits} are required, country code included.";
            return false;
        }

        if (digits[1] == '0')
        {
            error = "the country code cannot start with 0.";
            return false;
        }

        error = null;
        result = new PhoneNumber(new string(digits[..(count + 1)]));
        return true;
    }

    /// <inheritdoc />
    public bool Equals(PhoneNumber other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is PhoneNumber other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>Returns the number in E.164 form.</summary>
    /// <returns>The number.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two numbers.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns><see langword="true"/> when they are the same number.</returns>
    public static bool operator ==(PhoneNumber left, PhoneNumber right) => left.Equals(right);

    /// <summary>Compares two numbers.</summary>
    /// <param name="left">The first number.</param>
    /// <param name="right">The second number.</param>
    /// <returns><see langword="true"/> when they are different numbers.</returns>
    public static bool operator !=(PhoneNumber left, PhoneNumber right) => !left.Equals(right);
}
