using System.Text;

namespace Martech.Sdk;

/// <summary>Text from webhook payloads made safe to keep: JSON allows escapes such as <c>\uD800</c> that decode to a
/// lone surrogate, which no writer can encode again. Typed event fields go through <see cref="Clean"/>; the raw payload
/// keeps the vendor's bytes unchanged.</summary>
public static class WebhookText
{
    /// <summary>Replaces each lone surrogate with U+FFFD; returns the same instance when there is none (the usual case,
    /// found with one vectorised scan).</summary>
    /// <param name="value">The text.</param>
    /// <returns>Text that encodes as UTF-8.</returns>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(value))]
    public static string? Clean(string? value)
    {
        if (value is null || value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            return value;
        }

        var text = new StringBuilder(value.Length);
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                text.Append(c).Append(value[++i]);
            }
            else
            {
                text.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return text.ToString();
    }
}
