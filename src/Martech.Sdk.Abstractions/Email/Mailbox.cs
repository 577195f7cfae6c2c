namespace Martech.Sdk;

/// <summary>An email address with an optional display name, as in <c>"Ada Lovelace" &lt;ada@example.com&gt;</c>.</summary>
public sealed record Mailbox
{
    /// <summary>Creates a mailbox.</summary>
    /// <param name="address">The address.</param>
    /// <param name="displayName">The display name; must not contain line breaks.</param>
    /// <exception cref="ArgumentException">The address is empty, or the name contains a line break (CR, LF, U+0085,
    /// U+2028, U+2029) or a control character other than TAB.</exception>
    public Mailbox(EmailAddress address, string? displayName = null)
    {
        if (address.IsEmpty)
        {
            throw new ArgumentException("The mailbox address is empty.", nameof(address));
        }

        HeaderValidation.ThrowIfHasLineBreak(displayName, "Mailbox.DisplayName");
        Address = address;
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim();
    }

    /// <summary>The address.</summary>
    public EmailAddress Address { get; }

    /// <summary>The display name.</summary>
    public string? DisplayName { get; }

    /// <summary>Makes a mailbox without a display name.</summary>
    /// <param name="address">The address.</param>
    public static implicit operator Mailbox(EmailAddress address) => new(address);

    /// <summary>Makes a mailbox without a display name.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The mailbox.</returns>
    public static Mailbox FromEmailAddress(EmailAddress address) => new(address);

    /// <summary>Returns the mailbox as <c>Name &lt;address&gt;</c> or just the address.</summary>
    /// <returns>The mailbox.</returns>
    public override string ToString() => DisplayName is null ? Address.Value : $"{DisplayName} <{Address.Value}>";
}
