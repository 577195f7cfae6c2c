using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Martech.Sdk.Slack.Wire;

namespace Martech.Sdk.Slack;

/// <summary>Sends messages through Slack's <c>chat.postMessage</c> and lists conversations with <c>conversations.list</c>.</summary>
internal sealed class SlackMessageSender : IMessageSender, ISlackConversations
{
    private static readonly MartechRequestOptions ListOperation = new() { Operation = "conversations.list", Idempotent = true };

    /// <summary>The conversation types <c>conversations.list</c> accepts.</summary>
    private static readonly HashSet<string> ConversationTypes = new(StringComparer.Ordinal) { "public_channel", "private_channel", "mpim", "im" };

    private readonly MartechProviderMetadata _metadata;
    private readonly SlackOptions _options;
    private readonly MartechHttpTransport _transport;

    public SlackMessageSender(MartechProviderMetadata metadata, SlackOptions options, MartechHttpTransport transport)
    {
        _metadata = metadata;
        _options = options;
        _transport = transport;
    }

    public async Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();
        MessageDestination destination = message.Destination;
        if (destination.Kind is not (MessageDestinationKind.Channel or MessageDestinationKind.User or MessageDestinationKind.Conversation))
        {
            throw new NotSupportedException($"Slack (provider '{_metadata.Name}') cannot send to a {destination.Kind} destination: it posts to channels, conversations and users only.");
        }

        SlackCardRenderer.Check(message);
        // Escaping at most quintuples a character (& → &amp;), so plain text of up to 8,000 characters cannot be cut:
        // no list is allocated for it.
        List<SlackCut>? cuts = message.Card is null && message.Text!.Length <= SlackBlockLimits.MaxMessageText / 5 ? null : [];
        // The body is written straight to a pooled buffer, returned once the request is done.
        using var body = new PooledJsonBody();
        SlackCardRenderer.Write(body, message, cuts);
        if (cuts is { Count: > 0 } && _options.OverLimit != OverLimitBehavior.Truncate)
        {
            throw new ArgumentException(
                $"The message does not fit Slack's Block Kit limits: {string.Join("; ", cuts.Select(c => c.Problem))}. Shorten it, or set Martech:{_metadata.Name}:OverLimit to Truncate to send it cut and be told what was cut.",
                nameof(message));
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat.postMessage") { Content = new ReadOnlyMemoryContent(body.Written) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        // Slack allows about one message a second per channel: each channel has its own posting budget.
        // A post is not idempotent: a 5xx (which may come after Slack posted) says it may have been processed.
        new MartechRequestOptions { Operation = SlackMethods.PostMessage, Idempotent = false, RateLimitPartition = destination.Id }.ApplyTo(request);
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        SlackPostMessageResponse result = await ReadAsync(request, response, SlackJsonContext.Default.SlackPostMessageResponse, "chat.postMessage", cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(result.Ts))
        {
            // Slack took the message (ok:true): sending again would post it twice.
            throw new MartechTransportException($"{_metadata.Name} chat.postMessage: Slack answered ok without the message's ts; the message was probably posted, so it is not sent again.")
            {
                Provider = _metadata.Name,
                Operation = SlackMethods.PostMessage,
                MayHaveBeenProcessed = true,
            };
        }

        return new MessageSendResult
        {
            Status = SendStatus.Accepted,
            MessageId = result.Ts,
            ThreadId = destination.ThreadId ?? result.Ts,
            Truncations = cuts is { Count: > 0 } ? [.. cuts.Select(c => c.ToString())] : [],
        };
    }

    public AsyncPageable<SlackConversation> ListConversationsAsync(SlackConversationListOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.Limit is < 1 or > SlackConversationListOptions.MaxLimit)
        {
            throw new ArgumentException($"Limit must be between 1 and {SlackConversationListOptions.MaxLimit} (was {options.Limit}).", nameof(options));
        }

        string? types = null;
        if (!string.IsNullOrWhiteSpace(options?.Types))
        {
            string[] parts = options.Types.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            foreach (string part in parts)
            {
                if (!ConversationTypes.Contains(part))
                {
                    throw new ArgumentException(
                        $"Types has '{part}', which is not a Slack conversation type (public_channel, private_channel, mpim, im).", nameof(options));
                }
            }

            types = string.Join(',', parts);
        }

        bool excludeArchived = options?.ExcludeArchived ?? false;
        int? limit = options?.Limit;
        return AsyncPageable.Create<SlackConversation>(
            (cursor, pageSize, ct) => ListPageAsync(types, excludeArchived, cursor, pageSize is { } size ? Math.Clamp(size, 1, SlackConversationListOptions.MaxLimit) : limit, ct),
            cancellationToken: cancellationToken);
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(MartechProviderMetadata))
        {
            return _metadata;
        }

        if (serviceType == typeof(SlackOptions))
        {
            return _options;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    private async ValueTask<Page<SlackConversation>> ListPageAsync(string? types, bool excludeArchived, string? cursor, int? limit, CancellationToken cancellationToken)
    {
        var path = new StringBuilder("conversations.list");
        char separator = '?';
        void Add(string name, string value)
        {
            path.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        if (types is not null)
        {
            Add("types", types);
        }

        if (excludeArchived)
        {
            Add("exclude_archived", "true");
        }

        if (limit is { } size)
        {
            Add("limit", size.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(cursor))
        {
            Add("cursor", cursor);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, path.ToString());
        ListOperation.ApplyTo(request);
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        SlackConversationsListResponse page = await ReadAsync(request, response, SlackJsonContext.Default.SlackConversationsListResponse, "conversations.list", cancellationToken).ConfigureAwait(false);
        var items = new List<SlackConversation>(page.Channels?.Count ?? 0);
        foreach (SlackChannelWire channel in page.Channels ?? [])
        {
            if (string.IsNullOrEmpty(channel.Id))
            {
                continue;
            }

            items.Add(new SlackConversation
            {
                Id = channel.Id,
                Name = channel.Name,
                IsPrivate = channel.IsPrivate,
                IsArchived = channel.IsArchived,
                IsIm = channel.IsIm,
                IsMpim = channel.IsMpim,
                UserId = channel.User,
            });
        }

        string? next = page.ResponseMetadata?.NextCursor;
        return new Page<SlackConversation>(items, string.IsNullOrEmpty(next) ? null : next);
    }

    // Reads a 2xx Slack response: the envelope decides success; ok:false is mapped to the SDK's exceptions. A body that
    // breaks off or is not a Slack response comes after Slack may have acted: the transport's "may have been processed".
    private async Task<T> ReadAsync<T>(HttpRequestMessage request, HttpResponseMessage response, JsonTypeInfo<T> type, string operation, CancellationToken cancellationToken)
        where T : SlackResponse
    {
        byte[] body = await _transport.ReadBodyAsync(request, response, cancellationToken).ConfigureAwait(false);
        T? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(body, type);
        }
        catch (JsonException ex)
        {
            throw _transport.UnreadableBody(request, response, ex, Encoding.UTF8.GetString(body));
        }

        if (envelope is null)
        {
            throw _transport.UnreadableBody(request, response, null, Encoding.UTF8.GetString(body));
        }

        if (!envelope.Ok)
        {
            throw SlackErrorMapper.FromEnvelope(envelope, response, new MartechErrorContext(_metadata.Name, operation, _transport.Redactor));
        }

        return envelope;
    }
}
