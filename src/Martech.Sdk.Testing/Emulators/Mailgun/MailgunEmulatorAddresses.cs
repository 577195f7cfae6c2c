using System.Text;

namespace Martech.Sdk.Testing;

/// <summary>Reads the recipient fields of a Mailgun form as Mailgun does: comma-separated mailboxes such as
/// <c>"Lovelace, Ada" &lt;ada@example.com&gt;, bob@example.com</c>.</summary>
internal static class MailgunEmulatorAddresses
{
    /// <summary>Splits a field on the commas outside quotes and angle brackets.</summary>
    public static List<string> Split(string field)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        bool angle = false;
        for (int i = 0; i < field.Length; i++)
        {
            char c = field[i];
            if (quoted && c == '\\' && i + 1 < field.Length)
            {
                current.Append(c).Append(field[++i]);
                continue;
            }

            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '<' when !quoted:
                    angle = true;
                    break;
                case '>' when !quoted:
                    angle = false;
                    break;
                case ',' when !quoted && !angle:
                    Flush();
                    continue;
            }

            current.Append(c);
        }

        Flush();
        return parts;

        void Flush()
        {
            string part = current.ToString().Trim();
            if (part.Length > 0)
            {
                parts.Add(part);
            }

            current.Clear();
        }
    }

    /// <summary>The address of one mailbox (<c>Name &lt;addr&gt;</c> or <c>addr</c>), lower-cased; <see langword="null"/>
    /// when it is not a valid address.</summary>
    public static string? AddressOf(string mailbox)
    {
        string candidate = mailbox.Trim();
        int open = candidate.LastIndexOf('<');
        if (open >= 0)
        {
            int close = candidate.IndexOf('>', open);
            if (close < 0 || close != candidate.Length - 1)
            {
                return null;
            }

            candidate = candidate[(open + 1)..close];
        }

        return EmailAddress.TryParse(candidate, out EmailAddress address) ? address.Value.ToLowerInvariant() : null;
    }
}
