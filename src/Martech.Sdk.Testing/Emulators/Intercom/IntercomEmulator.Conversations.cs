using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Martech.Sdk.Testing;

public sealed partial class IntercomEmulator
{
    private readonly EmulatorStore<IntercomEmulatedConversation> _conversations = new();

    /// <summary>Gets the conversations, in the order created.</summary>
    public IReadOnlyList<IntercomEmulatedConversation> Conversations => _conversations.Items;

    /// <summary>Adds a conversation with a contact, for replies to go to.</summary>
    /// <param name="contactId">The contact in the conversation; it need not exist.</param>
    /// <param name="id">The conversation id; <see langword="null"/> for the next decimal id.</param>
    /// <returns>The conversation.</returns>
    /// <exception cref="ArgumentException"><paramref name="contactId"/> is empty, or <paramref name="id"/> is taken.</exception>
    public IntercomEmulatedConversation AddConversation(string contactId, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        DateTimeOffset now = TimeProvider.GetUtcNow();
        if (id is null)
        {
            return _conversations.Create(generated => new IntercomEmulatedConversation { Id = generated, ContactIds = [contactId], CreatedAt = now });
        }

        var conversation = new IntercomEmulatedConversation { Id = id, ContactIds = [contactId], CreatedAt = now };
        return _conversations.TryAdd(id, conversation)
            ? conversation
            : throw new ArgumentException($"The conversation id '{id}' is taken.", nameof(id));
    }

    private async Task<IResult> ReplyAsync(HttpContext context)
    {
        if (Refuse(context.Request, out string? version) is { } refused)
        {
            return refused;
        }

        var (body, invalid) = await ReadObjectAsync(context.Request).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        string conversationId = (string)context.Request.RouteValues["conversationId"]!;
        if (!_conversations.TryGet(conversationId, out IntercomEmulatedConversation? conversation))
        {
            return NotFound();
        }

        string? messageType = Text(body!, "message_type");
        if (messageType is not ("comment" or "note" or "quick_reply"))
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "message_type must be one of comment, note or quick_reply.", "message_type");
        }

        string? type = Text(body!, "type");
        string? author;
        if (type == "admin")
        {
            author = Text(body!, "admin_id");
            if (author is null)
            {
                return Error(StatusCodes.Status400BadRequest, "parameter_not_found", "admin_id is required for an admin reply.", "admin_id");
            }

            if (!IsAdmin(author))
            {
                return Error(StatusCodes.Status404NotFound, "admin_not_found", "Admin not found");
            }
        }
        else if (type == "user")
        {
            if (messageType == "note")
            {
                return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "Only admins can add notes.", "message_type");
            }

            author = Text(body!, "intercom_user_id") ?? Text(body!, "user_id") ?? Text(body!, "email");
            if (author is null)
            {
                return Error(StatusCodes.Status400BadRequest, "parameter_not_found", "A user reply needs intercom_user_id, user_id or email.");
            }
        }
        else
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "type must be admin or user.", "type");
        }

        string? text = Text(body!, "body");
        if (messageType != "quick_reply" && string.IsNullOrWhiteSpace(text))
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "Body is required", "body");
        }

        if (messageType == "quick_reply" && body!["reply_options"] is not JsonArray { Count: > 0 })
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "reply_options are required for a quick_reply.", "reply_options");
        }

        if (body!["attachment_urls"] is JsonArray { Count: > 10 })
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "At most 10 attachment_urls are allowed.", "attachment_urls");
        }

        DateTimeOffset now = TimeProvider.GetUtcNow();
        IntercomEmulatedReply reply;
        lock (_gate)
        {
            reply = new IntercomEmulatedReply
            {
                Sequence = NextSequence(),
                PartId = (++_partIds).ToString(CultureInfo.InvariantCulture),
                ConversationId = conversation.Id,
                MessageType = messageType,
                AuthorType = type,
                AuthorId = author,
                Body = text,
                IntercomVersion = version,
                CreatedAt = now,
                Json = body.ToJsonString(),
            };
            _replies.Add(reply);
        }

        return EmulatorJson.Result(ConversationResource(conversation, reply), StatusCodes.Status200OK, EmulatorJson.SnakeCase);
    }

    private async Task<IResult> CreateMessageAsync(HttpContext context)
    {
        if (Refuse(context.Request, out string? version) is { } refused)
        {
            return refused;
        }

        var (body, invalid) = await ReadObjectAsync(context.Request).ConfigureAwait(false);
        if (invalid is not null)
        {
            return invalid;
        }

        if (body!["from"] is not JsonObject from || Text(from, "type") is not { } fromType || Text(from, "id") is not { } adminId)
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_not_found", "from with a type and an id is required.", "from");
        }

        if (fromType != "admin")
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "This emulator supports admin-initiated messages only (from.type admin).", "from");
        }

        if (!IsAdmin(adminId))
        {
            return Error(StatusCodes.Status404NotFound, "admin_not_found", "Admin not found");
        }

        string? messageType = Text(body, "message_type");
        if (messageType is not ("inapp" or "in_app" or "email"))
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "message_type must be inapp or email.", "message_type");
        }

        string? text = Text(body, "body");
        if (string.IsNullOrWhiteSpace(text))
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "Body is required");
        }

        string? subject = Text(body, "subject");
        if (messageType == "email" && string.IsNullOrWhiteSpace(subject))
        {
            return Error(StatusCodes.Status422UnprocessableEntity, "parameter_not_found", "No subject supplied for email message");
        }

        string? template = Text(body, "template");
        if (template is not (null or "plain" or "personal"))
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_invalid", "template must be plain or personal.", "template");
        }

        if (Recipients(body["to"]) is not { Count: > 0 } to)
        {
            return Error(StatusCodes.Status400BadRequest, "parameter_not_found", "to must be a recipient {type: user|lead, id} or an array of them.", "to");
        }

        foreach (IntercomEmulatedRecipient recipient in to)
        {
            if (!_contacts.TryGet(recipient.Id, out _))
            {
                return NotFound();
            }
        }

        DateTimeOffset now = TimeProvider.GetUtcNow();
        IntercomEmulatedMessage message;
        lock (_gate)
        {
            string messageId = (++_messageIds).ToString(CultureInfo.InvariantCulture);
            IntercomEmulatedConversation conversation = _conversations.Create(id => new IntercomEmulatedConversation
            {
                Id = id,
                ContactIds = [.. to.Select(r => r.Id)],
                MessageId = messageId,
                CreatedAt = now,
            });
            message = new IntercomEmulatedMessage
            {
                Sequence = NextSequence(),
                Id = messageId,
                ConversationId = conversation.Id,
                MessageType = messageType,
                Subject = subject,
                Body = text,
                Template = template,
                FromAdminId = adminId,
                To = to,
                IntercomVersion = version,
                CreatedAt = now,
                Json = body.ToJsonString(),
            };
            _messages.Add(message);
        }

        var resource = new Dictionary<string, object?>
        {
            ["type"] = "user_message",
            ["id"] = message.Id,
            ["created_at"] = now.ToUnixTimeSeconds(),
            ["body"] = message.Body,
            ["message_type"] = message.MessageType,
            ["conversation_id"] = message.ConversationId,
        };
        if (subject is not null)
        {
            resource["subject"] = subject;
        }

        return EmulatorJson.Result(resource, StatusCodes.Status200OK, EmulatorJson.SnakeCase);
    }

    private static List<IntercomEmulatedRecipient>? Recipients(JsonNode? to)
    {
        var recipients = new List<IntercomEmulatedRecipient>();
        foreach (JsonNode? node in to is JsonArray array ? [.. array] : new[] { to })
        {
            if (node is not JsonObject recipient || Text(recipient, "type") is not ("user" or "lead") || Text(recipient, "id") is not { } id)
            {
                return null;
            }

            recipients.Add(new IntercomEmulatedRecipient(Text(recipient, "type")!, id));
        }

        return recipients;
    }

    private static Dictionary<string, object?> ConversationResource(IntercomEmulatedConversation conversation, IntercomEmulatedReply reply)
    {
        long created = reply.CreatedAt.ToUnixTimeSeconds();
        var part = new Dictionary<string, object?>
        {
            ["type"] = "conversation_part",
            ["id"] = reply.PartId,
            ["part_type"] = reply.MessageType,
            ["body"] = reply.Body,
            ["created_at"] = created,
            ["updated_at"] = created,
            ["notified_at"] = created,
            ["author"] = new Dictionary<string, object?> { ["type"] = reply.AuthorType, ["id"] = reply.AuthorId },
            ["attachments"] = Array.Empty<object>(),
            ["redacted"] = false,
        };
        return new Dictionary<string, object?>
        {
            ["type"] = "conversation",
            ["id"] = conversation.Id,
            ["created_at"] = conversation.CreatedAt.ToUnixTimeSeconds(),
            ["updated_at"] = created,
            ["open"] = true,
            ["state"] = "open",
            ["read"] = false,
            ["contacts"] = new Dictionary<string, object?>
            {
                ["type"] = "contact.list",
                ["contacts"] = conversation.ContactIds.Select(id => new Dictionary<string, object?> { ["type"] = "contact", ["id"] = id }).ToList(),
            },
            ["conversation_parts"] = new Dictionary<string, object?>
            {
                ["type"] = "conversation_part.list",
                ["conversation_parts"] = new[] { part },
                ["total_count"] = 1,
            },
        };
    }
}
