using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Martech.Sdk.Testing;

/// <summary>
/// Reads and checks a <c>POST /v3/mail/send</c> body the way SendGrid does, collecting every error with the field it
/// names (<c>from.email</c>, <c>personalizations.3.to.0.email</c>, …), and builds one
/// <see cref="SendGridEmulatorMessage"/> per personalization when there is none.
/// </summary>
internal sealed class SendGridEmulatorMailReader
{
    private const int MaxPersonalizations = 1000;
    private const int MaxRecipients = 1000;
    private const int MaxCategories = 10;
    private static readonly TimeSpan MaxScheduleAhead = TimeSpan.FromHours(72);

    private readonly List<SendGridEmulatorError> _errors = [];
    private readonly IReadOnlyDictionary<string, string> _rejected;
    private readonly DateTimeOffset _now;

    private SendGridEmulatorMailReader(IReadOnlyDictionary<string, string> rejected, DateTimeOffset now)
    {
        _rejected = rejected;
        _now = now;
    }

    public static (List<SendGridEmulatorMessage> Messages, List<SendGridEmulatorError> Errors, bool Sandbox) Read(
        JsonNode? body,
        IReadOnlyDictionary<string, string> rejectedRecipients,
        DateTimeOffset now,
        string? onBehalfOf)
    {
        var reader = new SendGridEmulatorMailReader(rejectedRecipients, now);
        if (body is not JsonObject root)
        {
            reader.Error(null, "Bad Request");
            return ([], reader._errors, false);
        }

        List<SendGridEmulatorMessage> messages = reader.ReadMessages(root, onBehalfOf);
        bool sandbox = root["mail_settings"]?["sandbox_mode"]?["enable"] is JsonValue enable && enable.TryGetValue(out bool on) && on;
        return (reader._errors.Count == 0 ? messages : [], reader._errors, sandbox);
    }

    private List<SendGridEmulatorMessage> ReadMessages(JsonObject root, string? onBehalfOf)
    {
        var from = Address(root["from"]);
        if (from is null)
        {
            Error("from.email", "The from email does not contain a valid address.");
        }

        string? replyTo = root["reply_to"] is { } replyNode ? Address(replyNode)?.Email : null;
        string? subject = Text(root["subject"]);
        string? templateId = Text(root["template_id"]);
        (string? text, string? html) = Content(root["content"], templateId is not null);
        List<string> categories = Categories(root["categories"]);
        Dictionary<string, string> headers = StringMap(root["headers"], "headers");
        Dictionary<string, string> customArgs = root["custom_args"] is JsonObject ? StringMap(root["custom_args"], "custom_args") : [];
        List<SendGridEmulatorAttachment> attachments = Attachments(root["attachments"]);
        DateTimeOffset? sendAt = SendAt(root["send_at"], "send_at");
        int? group = root["asm"]?["group_id"] is JsonValue groupValue && groupValue.TryGetValue(out int id) ? id : null;

        var messages = new List<SendGridEmulatorMessage>();
        if (root["personalizations"] is not JsonArray personalizations || personalizations.Count == 0)
        {
            Error("personalizations", "The personalizations field is required and must have at least one personalization.");
            return messages;
        }

        if (personalizations.Count > MaxPersonalizations)
        {
            Error("personalizations", $"The personalizations field must have no more than {MaxPersonalizations} personalizations.");
            return messages;
        }

        var seenAcross = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        int recipients = 0;
        for (int p = 0; p < personalizations.Count; p++)
        {
            string path = $"personalizations.{p.ToString(CultureInfo.InvariantCulture)}";
            if (personalizations[p] is not JsonObject personalization)
            {
                Error(path, "Each personalization must be an object.");
                continue;
            }

            List<string> to = Recipients(personalization["to"], $"{path}.to", required: true);
            List<string> cc = Recipients(personalization["cc"], $"{path}.cc", required: false);
            List<string> bcc = Recipients(personalization["bcc"], $"{path}.bcc", required: false);
            recipients += to.Count + cc.Count + bcc.Count;
            CheckDuplicates(path, to, cc, bcc, seenAcross, p);

            string? ownSubject = Text(personalization["subject"]);
            if (ownSubject is null && subject is null && templateId is null)
            {
                Error("subject", "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.");
            }

            var args = new Dictionary<string, string>(customArgs, StringComparer.Ordinal);
            foreach (var (key, value) in StringMap(personalization["custom_args"], $"{path}.custom_args"))
            {
                args[key] = value;
            }

            var ownHeaders = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
            foreach (var (key, value) in StringMap(personalization["headers"], $"{path}.headers"))
            {
                ownHeaders[key] = value;
            }

            messages.Add(new SendGridEmulatorMessage
            {
                MessageId = string.Empty,
                PersonalizationIndex = p,
                From = from?.Email ?? string.Empty,
                FromName = from?.Name,
                ReplyTo = replyTo,
                To = to,
                Cc = cc,
                Bcc = bcc,
                Subject = ownSubject ?? subject,
                Text = text,
                Html = html,
                TemplateId = templateId,
                TemplateData = personalization["dynamic_template_data"] is JsonObject data ? JsonSerializer.SerializeToElement(data, EmulatorJson.CamelCase) : null,
                CustomArgs = args,
                Categories = categories,
                Headers = ownHeaders,
                Attachments = attachments,
                SendAt = SendAt(personalization["send_at"], $"{path}.send_at") ?? sendAt,
                UnsubscribeGroupId = group,
                OnBehalfOf = onBehalfOf,
                AcceptedAt = _now,
            });
        }

        if (recipients > MaxRecipients)
        {
            Error("personalizations", $"The total number of recipients (to, cc and bcc) must be no more than {MaxRecipients}.");
        }

        return messages;
    }

    private void CheckDuplicates(string path, List<string> to, List<string> cc, List<string> bcc, Dictionary<string, int> seenAcross, int position)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (list, name) in new[] { (to, "to"), (cc, "cc"), (bcc, "bcc") })
        {
            foreach (string email in list)
            {
                if (!seen.Add(email))
                {
                    Error(path, $"Each email address in the personalization block should be unique between to, cc, and bcc. We found the first duplicate instance of [{email}] in the {path}.{name} field.");
                    return;
                }
            }
        }

        foreach (string email in seen)
        {
            if (!seenAcross.TryAdd(email, position))
            {
                Error(path, $"Each unique email address in the personalizations array should only be included once. We found the first duplicate instance of [{email}] in {path}.");
                return;
            }
        }
    }

    private List<string> Recipients(JsonNode? node, string path, bool required)
    {
        var emails = new List<string>();
        if (node is null)
        {
            if (required)
            {
                Error(path, "The to array is required for all personalization objects, and must have at least one email object with a valid email address.");
            }

            return emails;
        }

        if (node is not JsonArray array || (required && array.Count == 0))
        {
            Error(path, required
                ? "The to array is required for all personalization objects, and must have at least one email object with a valid email address."
                : $"The {path} field must be an array of email objects.");
            return emails;
        }

        for (int i = 0; i < array.Count; i++)
        {
            string itemPath = $"{path}.{i.ToString(CultureInfo.InvariantCulture)}.email";
            if (Address(array[i]) is not { } address)
            {
                Error(itemPath, "Does not contain a valid address.");
                continue;
            }

            if (_rejected.TryGetValue(address.Email, out string? reason))
            {
                Error(itemPath, reason);
            }

            emails.Add(address.Email);
        }

        return emails;
    }

    private static (string Email, string? Name)? Address(JsonNode? node)
    {
        if (node is not JsonObject address || Text(address["email"]) is not { } email || !EmailAddress.TryParse(email, out _))
        {
            return null;
        }

        return (email, Text(address["name"]));
    }

    private (string? Text, string? Html) Content(JsonNode? node, bool hasTemplate)
    {
        if (node is not JsonArray content || content.Count == 0)
        {
            if (!hasTemplate)
            {
                Error("content", "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block. We typically suggest both text/plain and text/html blocks are included, but only one block is required.");
            }

            return (null, null);
        }

        string? text = null;
        string? html = null;
        for (int i = 0; i < content.Count; i++)
        {
            string? type = Text(content[i]?["type"]);
            string? value = Text(content[i]?["value"]);
            string path = $"content.{i.ToString(CultureInfo.InvariantCulture)}";
            if (type is null || value is null)
            {
                Error(path, "The content value must be a string at least one character in length.");
                continue;
            }

            if (string.Equals(type, "text/plain", StringComparison.OrdinalIgnoreCase))
            {
                if (i != 0)
                {
                    Error("content", "If present, text/plain content must be first, followed by text/html, followed by any other content.");
                }

                text = value;
            }
            else if (string.Equals(type, "text/html", StringComparison.OrdinalIgnoreCase))
            {
                html = value;
            }
        }

        return (text, html);
    }

    private List<string> Categories(JsonNode? node)
    {
        var categories = new List<string>();
        if (node is null)
        {
            return categories;
        }

        if (node is not JsonArray array)
        {
            Error("categories", "The categories field must be an array of strings.");
            return categories;
        }

        foreach (JsonNode? item in array)
        {
            if (Text(item) is not { } category || category.Length > 255)
            {
                Error("categories", "A category cannot be more than 255 characters.");
                continue;
            }

            if (categories.Contains(category, StringComparer.Ordinal))
            {
                Error("categories", "The categories field must contain unique items.");
                continue;
            }

            categories.Add(category);
        }

        if (categories.Count > MaxCategories)
        {
            Error("categories", $"You cannot have more than {MaxCategories} categories associated with an email.");
        }

        return categories;
    }

    private List<SendGridEmulatorAttachment> Attachments(JsonNode? node)
    {
        var attachments = new List<SendGridEmulatorAttachment>();
        if (node is not JsonArray array)
        {
            return attachments;
        }

        for (int i = 0; i < array.Count; i++)
        {
            string path = $"attachments.{i.ToString(CultureInfo.InvariantCulture)}";
            string? content = Text(array[i]?["content"]);
            string? fileName = Text(array[i]?["filename"]);
            if (fileName is null)
            {
                Error($"{path}.filename", "The attachment filename parameter is required.");
                continue;
            }

            if (content is null || !Base64.IsValid(content))
            {
                Error($"{path}.content", "The attachment content must be base64 encoded.");
                continue;
            }

            string disposition = Text(array[i]?["disposition"]) ?? "attachment";
            if (disposition is not ("attachment" or "inline"))
            {
                Error($"{path}.disposition", "The disposition must be inline or attachment.");
            }

            attachments.Add(new SendGridEmulatorAttachment(fileName, Text(array[i]?["type"]), disposition, Text(array[i]?["content_id"]), Convert.FromBase64String(content)));
        }

        return attachments;
    }

    private Dictionary<string, string> StringMap(JsonNode? node, string path)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is null)
        {
            return map;
        }

        if (node is not JsonObject obj)
        {
            Error(path, $"The {path} field must be an object of string values.");
            return map;
        }

        foreach (var (key, value) in obj)
        {
            if (Text(value) is { } text)
            {
                map[key] = text;
            }
            else
            {
                Error($"{path}.{key}", "Values must be strings.");
            }
        }

        return map;
    }

    private DateTimeOffset? SendAt(JsonNode? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue(out long seconds))
        {
            Error(path, "The send_at parameter must be a unix timestamp.");
            return null;
        }

        DateTimeOffset at = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (at - _now > MaxScheduleAhead)
        {
            Error(path, "The send_at parameter cannot be more than 72 hours in the future.");
        }

        return at;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) && text.Length > 0 ? text : null;

    private void Error(string? field, string message) => _errors.Add(new SendGridEmulatorError(field, message));
}
