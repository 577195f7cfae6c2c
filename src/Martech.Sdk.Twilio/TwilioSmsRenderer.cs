using System.Globalization;
using System.Text;

namespace Martech.Sdk.Twilio;

/// <summary>
/// Renders an <see cref="OutgoingMessage"/> as one SMS body: the message text, then the card as compact plain text
/// (a severity marker for warnings and critical cards, title, text, <c>Label: Value</c> lines, <c>Text: URL</c>
/// links), leaving out a card title or text the message text already says. A body over Twilio's 1,600 characters or
/// over <see cref="TwilioOptions.MaxSegments"/> is refused with an <see cref="ArgumentException"/> that says how many
/// segments it needs in which encoding; with <see cref="OverLimitBehavior.Truncate"/> it is cut at the last whole line
/// that fits, ends with an ellipsis, and the cut is reported.
/// </summary>
/// <remarks>
/// The ellipsis is "…" when the body is UCS-2 anyway, and "..." when it is GSM-7: "…" is not a GSM-7 character, and
/// adding it would switch the whole message to UCS-2 and shrink each segment from 153 to 67 characters.
/// </remarks>
internal sealed class TwilioSmsRenderer
{
    private readonly int _maxSegments;
    private readonly OverLimitBehavior _overLimit;
    private readonly string _settingPath;

    /// <param name="maxSegments">The most segments a body may need.</param>
    /// <param name="overLimit">Refuse or cut a longer body.</param>
    /// <param name="settingPath">The configuration path of the provider (<c>Martech:Twilio</c>), named in refusals.</param>
    public TwilioSmsRenderer(int maxSegments, OverLimitBehavior overLimit = OverLimitBehavior.Refuse, string settingPath = "Martech:Twilio")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSegments, 1);
        _maxSegments = maxSegments;
        _overLimit = overLimit;
        _settingPath = settingPath;
    }

    /// <summary>The body to send, within the limits, and what was cut from it (<see langword="null"/> when nothing was).</summary>
    /// <exception cref="ArgumentException">The body is over a limit and the renderer refuses.</exception>
    public (string Body, string? Truncation) Render(OutgoingMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        string body = Compose(message.Text, message.Card);
        if (Fits(body))
        {
            return (body, null);
        }

        if (_overLimit != OverLimitBehavior.Truncate)
        {
            throw new ArgumentException(OverLimit(body), nameof(message));
        }

        string fitted = Fit(body);
        return (fitted, string.Create(
            CultureInfo.InvariantCulture,
            $"SMS body: {Describe(body)} cut to {Describe(fitted)}; {body.Length - fitted.Length + Ellipsis(fitted)} characters of the end were left out."));
    }

    private static int Ellipsis(string fitted) => fitted.EndsWith("...", StringComparison.Ordinal) ? 3 : fitted.EndsWith('…') ? 1 : 0;

    private static string Describe(string body) => string.Create(
        CultureInfo.InvariantCulture,
        $"{body.Length} characters ({SmsSegments.Count(body)} {(SmsSegments.IsGsm7(body) ? "GSM-7" : "UCS-2")} segments)");

    private string OverLimit(string body)
    {
        bool gsm = SmsSegments.IsGsm7(body);
        string encoding = gsm ? "GSM-7 (153 characters a segment)" : "UCS-2 (67 characters a segment, because of a character outside GSM-7)";
        int segments = SmsSegments.Count(body);
        var what = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"is {body.Length} characters and needs {segments} segments in {encoding}"));
        if (segments > _maxSegments)
        {
            what.Append(CultureInfo.InvariantCulture, $"; {_settingPath}:MaxSegments allows {_maxSegments}");
        }

        if (body.Length > TwilioOptions.MaxBodyLength)
        {
            what.Append(CultureInfo.InvariantCulture, $"; Twilio accepts at most {TwilioOptions.MaxBodyLength} characters");
        }

        return $"The SMS body {what}. Shorten the message, raise {_settingPath}:MaxSegments (at most {SmsSegments.MaxSegmentsForBody}), or set {_settingPath}:OverLimit to Truncate to cut it and be told what was cut.";
    }

    /// <summary>The message text and card as plain text, before any truncation.</summary>
    public static string Compose(string? text, MessageCard? card)
    {
        string? lead = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var lines = new List<string>();
        if (lead is not null)
        {
            lines.Add(lead);
        }

        if (card is not null)
        {
            string marker = card.Severity switch
            {
                CardSeverity.Warning => "[Warning] ",
                CardSeverity.Critical => "[CRITICAL] ",
                _ => string.Empty,
            };
            string title = card.Title.Trim();
            bool titleSaid = lead is not null && lead.Contains(title, StringComparison.OrdinalIgnoreCase);
            if (!titleSaid)
            {
                lines.Add(marker + title);
            }
            else if (marker.Length > 0)
            {
                lines[0] = marker + lines[0];
            }

            if (!string.IsNullOrWhiteSpace(card.Text) && (lead is null || !lead.Contains(card.Text.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                lines.Add(card.Text.Trim());
            }

            foreach (MessageCardField field in card.Fields)
            {
                lines.Add($"{field.Label.Trim()}: {field.Value}");
            }

            foreach (MessageCardLink link in card.Links)
            {
                lines.Add($"{link.Text.Trim()}: {link.Url.AbsoluteUri}");
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>Whether <paramref name="body"/> is within Twilio's length and the segment limit.</summary>
    public bool Fits(string body) => body.Length <= TwilioOptions.MaxBodyLength && SmsSegments.Count(body) <= _maxSegments;

    /// <summary><paramref name="body"/> itself when it fits, else its longest prefix of whole lines that fits with an
    /// ellipsis line; when not even the first line fits, that line cut to fit with an ellipsis.</summary>
    public string Fit(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (Fits(body))
        {
            return body;
        }

        string ellipsis = SmsSegments.IsGsm7(body) ? "..." : "…";
        string[] lines = body.Split('\n');
        var kept = new StringBuilder();
        string? best = null;
        for (int i = 0; i < lines.Length - 1; i++)
        {
            if (i > 0)
            {
                kept.Append('\n');
            }

            kept.Append(lines[i]);
            string candidate = kept + "\n" + ellipsis;
            if (!Fits(candidate))
            {
                break;
            }

            best = candidate;
        }

        return best ?? CutLine(lines[0], ellipsis);
    }

    // The first line alone is too long: keep as many characters as fit, never splitting a surrogate pair, preferring
    // to end at a space.
    private string CutLine(string line, string ellipsis)
    {
        int low = 0;
        int high = line.Length;
        while (low < high)
        {
            int mid = (low + high + 1) / 2;
            if (Fits(Prefix(line, mid) + ellipsis))
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        string prefix = Prefix(line, low);
        int space = prefix.LastIndexOf(' ');
        if (space > prefix.Length / 2)
        {
            prefix = prefix[..space];
        }

        return prefix.TrimEnd() + ellipsis;
    }

    private static string Prefix(string line, int length) =>
        length > 0 && length < line.Length && char.IsHighSurrogate(line[length - 1]) ? line[..(length - 1)] : line[..length];
}
