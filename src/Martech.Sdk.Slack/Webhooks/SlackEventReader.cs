using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Slack;

/// <summary>
/// Maps a verified Slack request body to events: an Events API JSON body (<c>url_verification</c>,
/// <c>event_callback</c>, <c>app_rate_limited</c>), or a form body (a slash command, an interactivity
/// <c>payload=</c>, an <c>ssl_check</c>).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><c>url_verification</c>: no events; the answer is the <c>challenge</c> as <c>text/plain</c>.</item>
/// <item><c>event_callback</c> whose event is a <c>message</c> or <c>app_mention</c> written by a person (no
/// <c>bot_id</c>; no subtype, or <c>file_share</c>, <c>thread_broadcast</c>, <c>me_message</c>): a
/// <see cref="MessageReceivedEvent"/> (channel and <c>thread_ts</c>, <c>user</c>, <c>text</c>, <c>ts</c>). Any other
/// event, bot posts and edits included, is a <see cref="RawEvent"/> named <c>type</c>, <c>type.subtype</c> or
/// <c>type.bot_message</c>. <see cref="MartechEvent.Id"/> is <c>event_id</c>, which a redelivery repeats;
/// <see cref="MartechEvent.OccurredAt"/> is <c>event_time</c>; the raw payload is the whole envelope.</item>
/// <item><c>app_rate_limited</c>: a <see cref="RawEvent"/> keyed by team, app and <c>minute_rate_limited</c>.</item>
/// <item>A slash command: a <see cref="MessageReceivedEvent"/> in <c>channel_id</c> from <c>user_id</c>, its text the
/// command line as typed (<c>/command arguments</c>), keyed by <c>trigger_id</c>; the raw payload is the form as a JSON
/// object.</item>
/// <item>An interactivity payload (<c>block_actions</c>, <c>view_submission</c>, <c>shortcut</c>, …): a
/// <see cref="RawEvent"/> named by its <c>type</c>, keyed by <c>trigger_id</c>; the raw payload is the payload's JSON.</item>
/// <item>An <c>ssl_check</c>: no events. Any other body: a <see cref="RawEvent"/>.</item>
/// </list>
/// Where a key is missing, the event is keyed by <c>sha256:</c> and the hash of its raw payload; where no time is
/// given, the signed request timestamp is used.
/// </remarks>
internal sealed class SlackEventReader(string provider)
{
    /// <summary>The <see cref="RawEvent.VendorEventType"/> of a slash command that cannot be typed.</summary>
    public const string SlashCommandType = "slash_command";

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };
    private static readonly Dictionary<string, string> NoArgs = new(0);

    public WebhookReceiveResult Read(ReadOnlyMemory<byte> body, DateTimeOffset signedAt)
    {
        ReadOnlySpan<byte> trimmed = body.Span.TrimStart(" \t\r\n"u8);
        if (trimmed.IsEmpty)
        {
            throw new FormatException("The body is empty.");
        }

        return trimmed[0] is (byte)'{' or (byte)'[' ? ReadEnvelope(body, signedAt) : ReadForm(body.Span, signedAt);
    }

    private WebhookReceiveResult ReadEnvelope(ReadOnlyMemory<byte> body, DateTimeOffset signedAt)
    {
        using JsonDocument document = JsonDocument.Parse(body, DocumentOptions);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("A Slack Events API body is a JSON object.");
        }

        string? type = Text(root, "type");
        switch (type)
        {
            case "url_verification":
                string challenge = Text(root, "challenge") ?? throw new JsonException("The url_verification body has no challenge.");
                return new WebhookReceiveResult([], new WebhookResponse(200, "text/plain", challenge));

            case "event_callback":
                return new WebhookReceiveResult([FromCallback(root, body, signedAt)]);

            case "app_rate_limited":
                string? team = Text(root, "team_id");
                string? app = Text(root, "api_app_id");
                long? minute = Seconds(root, "minute_rate_limited");
                return new WebhookReceiveResult(
                [
                    Raw(
                        "app_rate_limited",
                        team is null || minute is null ? WebhookJson.ContentKey(body.Span) : string.Create(CultureInfo.InvariantCulture, $"app_rate_limited:{team}:{app}:{minute}"),
                        minute is { } at ? DateTimeOffset.FromUnixTimeSeconds(at) : signedAt,
                        contactId: null,
                        body),
                ]);

            default:
                return new WebhookReceiveResult([Raw(type ?? string.Empty, Identifier(Text(root, "event_id")) ?? WebhookJson.ContentKey(body.Span), TimeOf(root, "event_time", signedAt), null, body)]);
        }
    }

    private MartechEvent FromCallback(JsonElement root, ReadOnlyMemory<byte> body, DateTimeOffset signedAt)
    {
        string id = Identifier(Text(root, "event_id")) ?? WebhookJson.ContentKey(body.Span);
        DateTimeOffset occurredAt = TimeOf(root, "event_time", signedAt);
        if (!root.TryGetProperty("event", out JsonElement e) || e.ValueKind != JsonValueKind.Object)
        {
            return Raw("event_callback", id, occurredAt, null, body);
        }

        string? type = Text(e, "type");
        string? subtype = Text(e, "subtype");
        string? user = Identifier(Text(e, "user"));
        bool isBot = Text(e, "bot_id") is not null || subtype == "bot_message";
        bool isMessage = type is "message" or "app_mention";
        bool byPerson = isMessage && !isBot && subtype is null or "file_share" or "thread_broadcast" or "me_message";
        string? channel = Identifier(Text(e, "channel"));
        string? ts = Identifier(Text(e, "ts"));
        string? threadTs = Text(e, "thread_ts");
        if (byPerson && user is not null && channel is not null && ts is not null && (threadTs is null || Identifier(threadTs) is not null))
        {
            return new MessageReceivedEvent
            {
                Id = id,
                Provider = provider,
                OccurredAt = occurredAt,
                ContactId = user,
                Conversation = MessageDestination.Channel(channel, threadTs),
                From = user,
                Text = Text(e, "text"),
                MessageId = ts,
                RawUtf8 = body,
            };
        }

        string vendorType = type is null ? "event_callback"
            : isMessage && isBot ? type + ".bot_message"
            : subtype is null ? type
            : type + "." + subtype;
        return Raw(vendorType, id, occurredAt, user, body);
    }

    private WebhookReceiveResult ReadForm(ReadOnlySpan<byte> body, DateTimeOffset signedAt)
    {
        IReadOnlyList<KeyValuePair<string, string>> fields = WebhookForm.Parse(body);
        if (Field(fields, "payload") is { } payload)
        {
            return new WebhookReceiveResult([FromInteraction(payload, signedAt)]);
        }

        if (Field(fields, "ssl_check") is not null && Field(fields, "command") is null)
        {
            // Slack checking the endpoint's certificate: nothing happened.
            return new WebhookReceiveResult([]);
        }

        byte[] raw = WebhookForm.ToJson(fields);
        string? command = Field(fields, "command");
        string? user = Identifier(Field(fields, "user_id"));
        string? channel = Identifier(Field(fields, "channel_id"));
        string id = Identifier(Field(fields, "trigger_id")) ?? WebhookJson.ContentKey(raw);
        if (command is null)
        {
            return new WebhookReceiveResult([Raw(string.Empty, id, signedAt, user, raw)]);
        }

        if (user is null || channel is null || command.Trim().Length == 0)
        {
            return new WebhookReceiveResult([Raw(SlashCommandType, id, signedAt, user, raw)]);
        }

        string arguments = Field(fields, "text") ?? string.Empty;
        return new WebhookReceiveResult(
        [
            new MessageReceivedEvent
            {
                Id = id,
                Provider = provider,
                OccurredAt = signedAt,
                ContactId = user,
                Conversation = MessageDestination.Channel(channel),
                From = user,
                Text = arguments.Length == 0 ? command : command + " " + arguments,
                RawUtf8 = raw,
            },
        ]);
    }

    private RawEvent FromInteraction(string payload, DateTimeOffset signedAt)
    {
        byte[] raw = Encoding.UTF8.GetBytes(payload);
        using JsonDocument document = JsonDocument.Parse(raw, DocumentOptions);
        JsonElement root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("The interactivity payload is not a JSON object.");
        }

        string? user = root.TryGetProperty("user", out JsonElement u) && u.ValueKind == JsonValueKind.Object ? Identifier(Text(u, "id")) : null;
        return Raw(Text(root, "type") ?? string.Empty, Identifier(Text(root, "trigger_id")) ?? WebhookJson.ContentKey(raw), signedAt, user, raw);
    }

    private RawEvent Raw(string vendorType, string id, DateTimeOffset occurredAt, string? contactId, ReadOnlyMemory<byte> raw) => new()
    {
        Id = id,
        Provider = provider,
        OccurredAt = occurredAt,
        VendorEventType = vendorType,
        ContactId = contactId,
        CustomArgs = NoArgs,
        RawUtf8 = raw,
    };

    /// <summary>A string property, cleaned; <see langword="null"/> when absent or not a string.</summary>
    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? WebhookText.Clean(value.GetString()) : null;

    /// <summary>A Unix time in whole seconds, as a number; <see langword="null"/> otherwise.</summary>
    private static long? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long seconds) && seconds is >= 0 and <= 253_402_300_799
            ? seconds
            : null;

    private static DateTimeOffset TimeOf(JsonElement element, string name, DateTimeOffset fallback) =>
        Seconds(element, name) is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : fallback;

    private static string? Field(IReadOnlyList<KeyValuePair<string, string>> fields, string name)
    {
        foreach (var (key, value) in fields)
        {
            if (key == name)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A value usable as an id in a destination: not blank, no control characters.</summary>
    private static string? Identifier(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        foreach (char c in value)
        {
            if (char.IsControl(c) && c != '\t')
            {
                return null;
            }
        }

        return value;
    }
}
