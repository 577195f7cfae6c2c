namespace Martech.Sdk.Testing;

/// <summary>A message the <see cref="MailgunEmulator"/> accepted on <c>POST /v3/{domain}/messages</c>, field by field
/// as the form carried it.</summary>
public sealed record MailgunReceivedMessage
{
    /// <summary>The id Mailgun answered, with angle brackets: <c>&lt;20240101120000.1.0A1B2C3D@mg.example.com&gt;</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The id without angle brackets, as Mailgun's events (and the SDK's <see cref="EmailSendResult.MessageId"/>) carry it.</summary>
    public string MessageId => Id.Length > 2 && Id[0] == '<' && Id[^1] == '>' ? Id[1..^1] : Id;

    /// <summary>The <c>from</c> field, such as <c>Ada &lt;ada@example.com&gt;</c>.</summary>
    public required string From { get; init; }

    /// <summary>The address part of <see cref="From"/>.</summary>
    public required string FromAddress { get; init; }

    /// <summary>The <c>to</c> fields, in order.</summary>
    public required IReadOnlyList<string> To { get; init; }

    /// <summary>The <c>cc</c> fields, in order.</summary>
    public required IReadOnlyList<string> Cc { get; init; }

    /// <summary>The <c>bcc</c> fields, in order.</summary>
    public required IReadOnlyList<string> Bcc { get; init; }

    /// <summary>The address of every recipient (to, cc, bcc), in order, lower-cased.</summary>
    public required IReadOnlyList<string> RecipientAddresses { get; init; }

    /// <summary>The <c>subject</c> field.</summary>
    public string? Subject { get; init; }

    /// <summary>The <c>text</c> field.</summary>
    public string? Text { get; init; }

    /// <summary>The <c>html</c> field.</summary>
    public string? Html { get; init; }

    /// <summary>The <c>template</c> field.</summary>
    public string? Template { get; init; }

    /// <summary>The <c>t:variables</c> field: the template data as JSON.</summary>
    public string? TemplateVariables { get; init; }

    /// <summary>The <c>o:tag</c> fields, in order.</summary>
    public required IReadOnlyList<string> Tags { get; init; }

    /// <summary>The <c>h:</c> fields (custom MIME headers), by header name.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The <c>v:</c> fields (user variables, echoed in events), by name.</summary>
    public required IReadOnlyDictionary<string, string> Variables { get; init; }

    /// <summary>The <c>o:</c> fields other than <c>o:tag</c> (<c>o:deliverytime</c>, <c>o:testmode</c>, …), by name without the prefix.</summary>
    public required IReadOnlyDictionary<string, string> Options { get; init; }

    /// <summary>The <c>attachment</c> files, in order.</summary>
    public required IReadOnlyList<MailgunReceivedFile> Attachments { get; init; }

    /// <summary>The <c>inline</c> files, in order.</summary>
    public required IReadOnlyList<MailgunReceivedFile> Inline { get; init; }

    /// <summary>The parsed <c>o:deliverytime</c>, when the message was scheduled.</summary>
    public DateTimeOffset? DeliveryTime { get; init; }

    /// <summary>Whether <c>o:testmode</c> was <c>yes</c>: Mailgun accepts such a message and does not deliver it.</summary>
    public bool TestMode { get; init; }

    /// <summary>When the emulator accepted it, by its <see cref="VendorEmulator.TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; init; }
}
