using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Slack;

/// <summary>Sends messages through Slack's <c>chat.postMessage</c>.</summary>
internal sealed class SlackMessageSender : IMessageSender, ISlackConversations
{
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

        string json = SlackCardRenderer.Render(message).ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat.postMessage") { Content = new StringContent(json, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        new MartechRequestOptions { Operation = "chat.postMessage", Idempotent = false }.ApplyTo(request);
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? ok = null;
        string? ts = null;
        string? error = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            JsonElement root = document.RootElement;
            ok = root.TryGetProperty("ok", out JsonElement okElement) && okElement.ValueKind == JsonValueKind.True ? "true" : "false";
            ts = root.TryGetProperty("ts", out JsonElement tsElement) && tsElement.ValueKind == JsonValueKind.String ? tsElement.GetString() : null;
            error = root.TryGetProperty("error", out JsonElement errorElement) && errorElement.ValueKind == JsonValueKind.String ? errorElement.GetString() : null;
        }
        catch (JsonException)
        {
            // Handled below: not a Slack response.
        }

        if (ok is null)
        {
            throw new MartechRequestException($"{_metadata.Name}: Slack chat.postMessage answered a body that is not JSON: {_transport.Redactor.RedactText(MartechErrors.Excerpt(text))}")
            {
                Provider = _metadata.Name,
                StatusCode = response.StatusCode,
            };
        }

        if (ok != "true" || ts is null)
        {
            throw Failure(error ?? "unknown_error", response);
        }

        return new MessageSendResult { Status = SendStatus.Accepted, MessageId = ts, ThreadId = destination.ThreadId ?? ts };
    }

    public AsyncPageable<SlackConversation> ListConversationsAsync(SlackConversationListOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.Limit is < 1 or > 1000)
        {
            throw new ArgumentException($"Limit must be between 1 and 1000 (was {options.Limit}).", nameof(options));
        }

        string? types = options?.Types;
        bool excludeArchived = options?.ExcludeArchived ?? false;
        return AsyncPageable.Create<SlackConversation>(
            (cursor, pageSize, ct) => ListPageAsync(types, excludeArchived, cursor, pageSize ?? options?.Limit, ct),
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
        var query = new List<string>();
        if (!string.IsNullOrEmpty(types))
        {
            query.Add("types=" + Uri.EscapeDataString(types));
        }

        if (excludeArchived)
        {
            query.Add("exclude_archived=true");
        }

        if (limit is { } size)
        {
            query.Add("limit=" + size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(cursor))
        {
            query.Add("cursor=" + Uri.EscapeDataString(cursor));
        }

        string path = query.Count == 0 ? "conversations.list" : "conversations.list?" + string.Join('&', query);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        new MartechRequestOptions { Operation = "conversations.list", Idempotent = true }.ApplyTo(request);
        using HttpResponseMessage response = await _transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw new MartechRequestException($"{_metadata.Name}: Slack conversations.list answered a body that is not JSON: {_transport.Redactor.RedactText(MartechErrors.Excerpt(text))}")
            {
                Provider = _metadata.Name,
                StatusCode = response.StatusCode,
            };
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (!(root.TryGetProperty("ok", out JsonElement ok) && ok.ValueKind == JsonValueKind.True))
            {
                string error = root.TryGetProperty("error", out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString()! : "unknown_error";
                throw Failure(error, response, "conversations.list");
            }

            var items = new List<SlackConversation>();
            if (root.TryGetProperty("channels", out JsonElement channels) && channels.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement channel in channels.EnumerateArray())
                {
                    items.Add(new SlackConversation
                    {
                        Id = channel.GetProperty("id").GetString()!,
                        Name = channel.TryGetProperty("name", out JsonElement name) && name.ValueKind == JsonValueKind.String ? name.GetString() : null,
                        IsPrivate = channel.TryGetProperty("is_private", out JsonElement p) && p.ValueKind == JsonValueKind.True,
                        IsArchived = channel.TryGetProperty("is_archived", out JsonElement a) && a.ValueKind == JsonValueKind.True,
                    });
                }
            }

            string? next = root.TryGetProperty("response_metadata", out JsonElement metadata) && metadata.TryGetProperty("next_cursor", out JsonElement c)
                && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return new Page<SlackConversation>(items, string.IsNullOrEmpty(next) ? null : next);
        }
    }

    private MartechRequestException Failure(string error, HttpResponseMessage response, string operation = "chat.postMessage")
    {
        string text = $"{_metadata.Name}: Slack {operation} failed: {error}.";
        return error switch
        {
            "channel_not_found" or "user_not_found" => new MartechNotFoundException(text) { Provider = _metadata.Name, StatusCode = response.StatusCode, ErrorCode = error },
            "not_authed" or "invalid_auth" or "account_inactive" or "token_revoked" => new MartechAuthenticationException(text) { Provider = _metadata.Name, StatusCode = response.StatusCode, ErrorCode = error },
            "rate_limited" or "ratelimited" => new MartechRateLimitedException(text) { Provider = _metadata.Name, StatusCode = response.StatusCode, ErrorCode = error },
            _ => new MartechRequestException(text) { Provider = _metadata.Name, StatusCode = response.StatusCode, ErrorCode = error },
        };
    }
}
