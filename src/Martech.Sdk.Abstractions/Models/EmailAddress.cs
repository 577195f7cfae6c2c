using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>
/// A validated, normalised email address (an RFC 5321 mailbox, <c>local@domain</c>).
/// </summary>
/// <remarks>
/// <para>Parsing trims surrounding white space, lower-cases the domain, and rejects anything that could break a
/// header or a vendor payload: control characters (CR, LF, NUL, TAB), angle brackets, commas, semicolons, quoted
/// local parts, more than one <c>@</c>, and the RFC 5321 limits (64-character local part, 255-character domain,
/// 63-character labels, 254 characters in all).</para>
/// <para>Equality ignores case in the whole address: every provider this SDK targets matches contacts that way,
/// although RFC 5321 allows a case-sensitive local part. <see cref="Value"/> keeps the local part as written.</para>
/// </remarks>
[JsonConverter(typeof(EmailAddressJsonConverter))]
public readonly struct EmailAddress : IEquatable<EmailAddress>, IComparable<EmailAddress>
{
    /// <summary>The longest address accepted: RFC 5321's 256-octet path less its two angle brackets.</summary>
    public const int MaxLength = 254;

    /// <summary>The longest local part accepted (RFC 5321 §4.5.3.1.1).</summary>
    public const int MaxLocalPartLength = 64;

    /// <summary>The longest domain accepted (RFC 5321 §4.5.3.1.2).</summary>
    public const int MaxDomainLength = 255;

    private readonly string? _value;
    private readonly int _at;

    private EmailAddress(string value, int at)
    {
        _value = value;
        _at = at;
    }

    /// <summary>The normalised address; an empty string for <c>default(EmailAddress)</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The part before the <c>@</c>, as written.</summary>
    public string LocalPart => _value is null ? string.Empty : _value[.._at];

    /// <summary>The lower-cased domain after the <c>@</c>.</summary>
    public string Domain => _value is null ? string.Empty : _value[(_at + 1)..];

    /// <summary>Whether this is <c>default(EmailAddress)</c>, which holds no address.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Parses and normalises an email address.</summary>
    /// <param name="value">The address, such as <c>" Ada@Example.COM "</c>.</param>
    /// <param name="fieldName">The name of the field the value came from, used in the error message; the caller's
    /// argument expression by default.</param>
    /// <returns>The normalised address.</returns>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a valid address; the message says why and
    /// <see cref="ArgumentException.ParamName"/> names the field.</exception>
    public static EmailAddress Parse(string? value, [CallerArgumentExpression(nameof(value))] string? fieldName = null)
    {
        if (TryParse(value, out var result, out var error))
        {
            return result;
        }

        throw new ArgumentException($"'{fieldName ?? "email"}' is not a valid email address: {error}", fieldName ?? nameof(value));
    }

    /// <summary>Tries to parse and normalise an email address.</summary>
    /// <param name="value">The address.</param>
    /// <param name="result">The normalised address when the method returns <see langword="true"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid address.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out EmailAddress result) => TryParse(value, out result, out _);

    /// <summary>Tries to parse and normalise an email address, and says why when it cannot.</summary>
    /// <param name="value">The address.</param>
    /// <param name="result">The normalised address when the method returns <see langword="true"/>.</param>
    /// <param name="error">Why the value is invalid when the method returns <see langword="false"/>.</param>
    /// <returns><see langword="true"/> when <paramref name="value"/> is a valid address.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out EmailAddress result, [NotNullWhen(false)] out string? error)
    {
        result = default;
        error = Validate(value, out var local, out var domain);
        if (error is not null)
        {
            return false;
        }

        string normalised = string.Concat(local, "@", domain);
        result = new EmailAddress(normalised, local.Length);
        return true;
    }

    private static string? Validate(string? value, out ReadOnlySpan<char> local, out string domain)
    {
        local = default;
        domain = string.Empty;
        if (value is null)
        {
            return "the value is null.";
        }

        // Control characters are checked before trimming: a trailing CR/LF is an injection attempt, not padding.
        foreach (char c in value)
        {
            if (c is '\r' or '\n' or '\0' || (char.IsControl(c) && c != ' '))
            {
                return "it contains a control character (CR, LF, tab or similar), which could inject headers.";
            }
        }

        ReadOnlySpan<char> span = value.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return "the value is empty or white space.";
        }

        if (span.Length > MaxLength)
        {
            return $"it is {span.Length} characters long; the limit is {MaxLength}.";
        }

        int at = span.IndexOf('@');
        if (at < 0)
        {
            return "it has no '@'.";
        }

        if (span[(at + 1)..].Contains('@'))
        {
            return "it has more than one '@'.";
        }

        local = span[..at];
        ReadOnlySpan<char> domainSpan = span[(at + 1)..];
        if (local.IsEmpty)
        {
            return "the part before '@' is empty.";
        }

        if (local.Length > MaxLocalPartLength)
        {
            return $"the part before '@' is {local.Length} characters long; the limit is {MaxLocalPartLength}.";
        }

        if (local[0] == '"')
        {
            return "quoted local parts are not supported.";
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return "the part before '@' starts or ends with a dot, or has two dots in a row.";
        }

        foreach (char c in local)
        {
            if (!IsLocalPartChar(c))
            {
                return $"the part before '@' contains '{c}', which is not allowed.";
            }
        }

        return ValidateDomain(domainSpan, out domain);
    }

    private static string? ValidateDomain(ReadOnlySpan<char> span, out string domain)
    {
        domain = string.Empty;
        if (span.IsEmpty)
        {
            return "the domain after '@' is empty.";
        }

        if (span.Length > MaxDomainLength)
        {
            return $"the domain is {span.Length} characters long; the limit is {MaxDomainLength}.";
        }

        if (span[0] == '[')
        {
            return "address literals such as [192.0.2.1] are not supported.";
        }

        int labels = 0;
        foreach (Range range in span.Split('.'))
        {
            ReadOnlySpan<char> label = span[range];
            labels++;
            if (label.IsEmpty)
            {
                return "the domain has an empty label (a leading, trailing or double dot).";
            }

            if (label.Length > 63)
            {
                return $"the domain label '{label}' is longer than 63 characters.";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"the domain label '{label}' starts or ends with a hyphen.";
            }

            foreach (char c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || (c > 127 && char.IsLetterOrDigit(c))))
                {
                    return $"the domain contains '{c}', which is not allowed.";
                }
            }
        }

        if (labels < 2)
        {
            return "the domain has no dot; a public domain such as example.com is required.";
        }

        domain = span.ToString().ToLowerInvariant();
        return null;
    }

    // RFC 5322 atext plus dots, and RFC 6531 non-ASCII letters and digits.
    private static bool IsLocalPartChar(char c) =>
        char.IsAsciiLetterOrDigit(c)
        || c is '.' or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '/' or '=' or '?' or '^' or '_' or '`' or '{' or '|' or '}' or '~'
        || (c > 127 && char.IsLetterOrDigit(c));

    /// <inheritdoc />
    public bool Equals(EmailAddress other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EmailAddress other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <inheritdoc />
    public int CompareTo(EmailAddress other) => string.Compare(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the normalised address.</summary>
    /// <returns>The address.</returns>
    public override string ToString() => Value;

    /// <summary>Compares two addresses, ignoring case.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns><see langword="true"/> when they are the same address.</returns>
    public static bool operator ==(EmailAddress left, EmailAddress right) => left.Equals(right);

    /// <summary>Compares two addresses, ignoring case.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns><see langword="true"/> when they are different addresses.</returns>
    public static bool operator !=(EmailAddress left, EmailAddress right) => !left.Equals(right);

    /// <summary>Orders two addresses, ignoring case.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether <paramref name="left"/> sorts first.</returns>
    public static bool operator <(EmailAddress left, EmailAddress right) => left.CompareTo(right) < 0;

    /// <summary>Orders two addresses, ignoring case.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether <paramref name="left"/> sorts last.</returns>
    public static bool operator >(EmailAddress left, EmailAddress right) => left.CompareTo(right) > 0;

    /// <summary>Orders two addresses, ignoring case.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether <paramref name="left"/> sorts first or equal.</returns>
    public static bool operator <=(EmailAddress left, EmailAddress right) => left.CompareTo(right) <= 0;

    /// <summary>Orders two addresses, ignoring case.</summary>
    /// <param name="left">The first address.</param>
    /// <param name="right">The second address.</param>
    /// <returns>Whether <paramref name="left"/> sorts last or equal.</returns>
    public static bool operator >=(EmailAddress left, EmailAddress right) => left.CompareTo(right) >= 0;
}
