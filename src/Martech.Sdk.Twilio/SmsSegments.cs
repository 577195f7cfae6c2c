using System.Buffers;

namespace Martech.Sdk.Twilio;

/// <summary>
/// Counts the SMS segments a body needs the way carriers split it: GSM-7 when every character is in the GSM 03.38
/// basic set or its extension table (extension characters take two septets), else UCS-2 (UTF-16 code units).
/// One segment holds 160 GSM-7 septets or 70 UCS-2 units; a concatenated message holds 153 or 67 per segment, and
/// an escape pair or a surrogate pair never straddles two segments.
/// </summary>
internal static class SmsSegments
{
    /// <summary>The most segments a 1,600-character body can need (UCS-2, 67 units each).</summary>
    public const int MaxSegmentsForBody = 24;

    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "\f^{}\\[~]|€";

    private static readonly SearchValues<char> Gsm7 = SearchValues.Create(Basic + Extension);
    private static readonly SearchValues<char> Escaped = SearchValues.Create(Extension);

    /// <summary>Whether the whole text can be sent as GSM-7.</summary>
    public static bool IsGsm7(string text) => !text.AsSpan().ContainsAnyExcept(Gsm7);

    /// <summary>The number of segments <paramref name="text"/> needs; 0 for an empty text.</summary>
    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0)
        {
            return 0;
        }

        bool gsm = IsGsm7(text);
        int single = gsm ? 160 : 70;
        int multi = gsm ? 153 : 67;
        int total = gsm ? text.Length + Escapes(text) : text.Length;

        if (total <= single)
        {
            return 1;
        }

        // Greedy fill: a two-unit character (GSM escape or surrogate pair) that does not fit starts the next segment.
        int segments = 1;
        int used = 0;
        for (int i = 0; i < text.Length; i++)
        {
            int cost = UnitCost(text, i, gsm);
            if (!gsm && char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cost = 2;
                i++;
            }

            if (used + cost > multi)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        return segments;
    }

    private static int UnitCost(string text, int index, bool gsm) => gsm && Escaped.Contains(text[index]) ? 2 : 1;

    // GSM-7 extension characters in the text: each is sent as an escape and the character, two septets.
    private static int Escapes(string text)
    {
        int count = 0;
        ReadOnlySpan<char> rest = text;
        int at;
        while ((at = rest.IndexOfAny(Escaped)) >= 0)
        {
            count++;
            rest = rest[(at + 1)..];
        }

        return count;
    }
}
