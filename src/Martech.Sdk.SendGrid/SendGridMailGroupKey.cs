namespace Martech.Sdk;

/// <summary>
/// What messages must share to go out as personalizations of one mail send request: everything but their recipients,
/// template data and metadata (sender, reply-to, subject, bodies, template, attachments, headers, categories,
/// <c>send_at</c> and purpose, which decides the unsubscribe group).
/// </summary>
internal sealed class SendGridMailGroupKey : IEquatable<SendGridMailGroupKey>
{
    private readonly EmailMessage _message;
    private readonly IReadOnlyList<string>? _categories;
    private readonly int _hash;

    public SendGridMailGroupKey(EmailMessage message)
    {
        _message = message;
        _categories = SendGridMessageValidation.Categories(message);
        var hash = new HashCode();
        hash.Add(message.From);
        hash.Add(message.ReplyTo);
        hash.Add(message.Subject, StringComparer.Ordinal);
        hash.Add(message.TextBody?.Length);
        hash.Add(message.HtmlBody?.Length);
        hash.Add(message.TemplateId, StringComparer.Ordinal);
        hash.Add(message.AttachmentsOrEmpty.Count);
        hash.Add(message.HeadersOrEmpty.Count);
        hash.Add(_categories?.Count);
        hash.Add(message.SendAt);
        hash.Add(message.Purpose);
        _hash = hash.ToHashCode();
    }

    public bool Equals(SendGridMailGroupKey? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        EmailMessage a = _message;
        EmailMessage b = other._message;
        return _hash == other._hash
            && Equals(a.From, b.From)
            && Equals(a.ReplyTo, b.ReplyTo)
            && string.Equals(a.Subject, b.Subject, StringComparison.Ordinal)
            && string.Equals(a.TextBody, b.TextBody, StringComparison.Ordinal)
            && string.Equals(a.HtmlBody, b.HtmlBody, StringComparison.Ordinal)
            && string.Equals(a.TemplateId, b.TemplateId, StringComparison.Ordinal)
            && a.SendAt == b.SendAt
            && a.Purpose == b.Purpose
            && SameCategories(_categories, other._categories)
            && SameHeaders(a.Headers, b.Headers)
            && SameAttachments(a.Attachments, b.Attachments);
    }

    public override bool Equals(object? obj) => obj is SendGridMailGroupKey other && Equals(other);

    public override int GetHashCode() => _hash;

    private static bool SameCategories(IReadOnlyList<string>? a, IReadOnlyList<string>? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        return a.SequenceEqual(b, StringComparer.Ordinal);
    }

    private static bool SameHeaders(IDictionary<string, string> a, IDictionary<string, string> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        foreach (var (name, value) in a)
        {
            // Header names compare without case, as in mail; values exactly.
            if (!TryGetHeader(b, name, out string? other) || !string.Equals(value, other, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryGetHeader(IDictionary<string, string> headers, string name, out string? value)
    {
        if (headers.TryGetValue(name, out value))
        {
            return true;
        }

        foreach (var (key, candidate) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        return false;
    }

    private static bool SameAttachments(IList<EmailAttachment> a, IList<EmailAttachment> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }

        for (int i = 0; i < a.Count; i++)
        {
            EmailAttachment x = a[i];
            EmailAttachment y = b[i];
            if (ReferenceEquals(x, y))
            {
                continue;
            }

            if (!string.Equals(x.FileName, y.FileName, StringComparison.Ordinal)
                || !string.Equals(x.ContentType, y.ContentType, StringComparison.Ordinal)
                || !string.Equals(x.ContentId, y.ContentId, StringComparison.Ordinal)
                || !x.Content.Span.SequenceEqual(y.Content.Span))
            {
                return false;
            }
        }

        return true;
    }
}
