using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk.Testing;

public sealed partial class SlackEmulator
{
    /// <summary>The signing secret the emulator signs with unless <see cref="SigningSecret"/> is changed.</summary>
    public const string DefaultSigningSecret = "e0ad1c9f5b2a4e8d9c7b6a5f4e3d2c1b";

    /// <summary>The workspace id the emulator's callbacks carry (<c>team_id</c>).</summary>
    public const string TeamId = "T0EMULATOR";

    /// <summary>The app id the emulator's callbacks carry (<c>api_app_id</c>).</summary>
    public const string AppId = "A0EMULATOR";

    private readonly Dictionary<string, byte[]> _eventBodies = new(StringComparer.Ordinal);
    private string _signingSecret = DefaultSigningSecret;
    private HttpClient? _callbacks;
    private long _eventIds;

    /// <summary>Gets or sets the app's signing secret the emulator signs its callbacks with (configure the same value as
    /// <c>Martech:Slack:Webhooks:SigningSecret</c>).</summary>
    /// <value>The default value is <see cref="DefaultSigningSecret"/>.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string SigningSecret
    {
        get => Volatile.Read(ref _signingSecret);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _signingSecret, value);
        }
    }

    /// <summary>Posts a signed Events API <c>event_callback</c> for a person's message, as Slack does when a user
    /// writes in a channel the app listens to.</summary>
    /// <param name="url">The application's Request URL.</param>
    /// <param name="text">The message text (mrkdwn).</param>
    /// <param name="channel">The channel: an id, or the name of a channel added with <see cref="AddChannel"/>.</param>
    /// <param name="user">The author's user id, such as <c>U0123</c>.</param>
    /// <param name="threadTs">The parent's <c>ts</c>, for a reply in a thread.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    /// <returns>The event id and the answer.</returns>
    public Task<SlackEmulatorDelivery> PostEventAsync(Uri url, string text, string channel, string user, string? threadTs = null, CancellationToken cancellationToken = default)
    {
        RequireUrl(url);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        SlackEmulatedConversation? conversation = Resolve(channel);
        string eventId = "Ev0EM" + Interlocked.Increment(ref _eventIds).ToString("D6", CultureInfo.InvariantCulture);
        string ts = NewTs();
        DateTimeOffset now = TimeProvider.GetUtcNow();
        byte[] body = Json(json =>
        {
            json.WriteString("token", "emulator-verification-token");
            json.WriteString("team_id", TeamId);
            json.WriteString("api_app_id", AppId);
            json.WriteStartObject("event");
            json.WriteString("type", "message");
            json.WriteString("channel", conversation?.Id ?? channel);
            json.WriteString("user", user);
            json.WriteString("text", text);
            json.WriteString("ts", ts);
            if (threadTs is not null)
            {
                json.WriteString("thread_ts", threadTs);
            }

            json.WriteString("event_ts", ts);
            json.WriteString("channel_type", conversation?.Type switch { "im" => "im", "private_channel" => "group", "mpim" => "mpim", _ => "channel" });
            json.WriteEndObject();
            json.WriteString("type", "event_callback");
            json.WriteString("event_id", eventId);
            json.WriteNumber("event_time", now.ToUnixTimeSeconds());
        });
        lock (_gate)
        {
            _eventBodies[eventId] = body;
        }

        return PostAsync(url, body, "application/json", eventId, [], cancellationToken);
    }

    /// <summary>Posts the same Events API callback again, signed afresh and marked as a retry, as Slack does when the
    /// application did not answer in time: the body (and so <c>event_id</c>) is unchanged.</summary>
    /// <param name="url">The application's Request URL.</param>
    /// <param name="eventId">The event id <see cref="PostEventAsync"/> returned.</param>
    /// <param name="retryNumber">The <c>X-Slack-Retry-Num</c> value.</param>
    /// <param name="retryReason">The <c>X-Slack-Retry-Reason</c> value.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    /// <returns>The event id and the answer.</returns>
    /// <exception cref="ArgumentException">The emulator posted no event with that id.</exception>
    public Task<SlackEmulatorDelivery> RedeliverEventAsync(Uri url, string eventId, int retryNumber = 1, string retryReason = "http_timeout", CancellationToken cancellationToken = default)
    {
        RequireUrl(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventId);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryNumber, 1);
        byte[]? body;
        lock (_gate)
        {
            _eventBodies.TryGetValue(eventId, out body);
        }

        return body is null
            ? throw new ArgumentException($"The emulator posted no event '{eventId}'.", nameof(eventId))
            : PostAsync(url, body, "application/json", eventId, [new("X-Slack-Retry-Num", retryNumber.ToString(CultureInfo.InvariantCulture)), new("X-Slack-Retry-Reason", retryReason)], cancellationToken);
    }

    /// <summary>Posts a signed <c>url_verification</c>, as Slack does when a Request URL is entered; the application
    /// must answer with the challenge.</summary>
    /// <param name="url">The application's Request URL.</param>
    /// <param name="challenge">The challenge; <see langword="null"/> for a random one.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    /// <returns>The answer (its body should be the challenge).</returns>
    public Task<SlackEmulatorDelivery> PostUrlVerificationAsync(Uri url, string? challenge = null, CancellationToken cancellationToken = default)
    {
        RequireUrl(url);
        string value = challenge ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        byte[] body = Json(json =>
        {
            json.WriteString("token", "emulator-verification-token");
            json.WriteString("challenge", value);
            json.WriteString("type", "url_verification");
        });
        return PostAsync(url, body, "application/json", null, [], cancellationToken);
    }

    /// <summary>Posts a signed slash command (a form body), as Slack does when a user runs it.</summary>
    /// <param name="url">The command's Request URL.</param>
    /// <param name="command">The command, such as <c>/lead</c>.</param>
    /// <param name="text">What the user typed after it.</param>
    /// <param name="channel">The channel: an id, or the name of a channel added with <see cref="AddChannel"/>.</param>
    /// <param name="user">The user id.</param>
    /// <param name="cancellationToken">Cancels the post.</param>
    /// <returns>The <c>trigger_id</c> and the answer.</returns>
    public Task<SlackEmulatorDelivery> PostSlashCommandAsync(Uri url, string command, string text, string channel, string user, CancellationToken cancellationToken = default)
    {
        RequireUrl(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(user);
        SlackEmulatedConversation? conversation = Resolve(channel);
        string triggerId = string.Create(CultureInfo.InvariantCulture, $"{Interlocked.Increment(ref _eventIds)}.{TimeProvider.GetUtcNow().ToUnixTimeSeconds()}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}");
        string form = string.Join('&', new (string Key, string Value)[]
        {
            ("token", "emulator-verification-token"),
            ("team_id", TeamId),
            ("team_domain", "emulator"),
            ("channel_id", conversation?.Id ?? channel),
            ("channel_name", conversation?.Name ?? channel),
            ("user_id", user),
            ("user_name", user.ToLowerInvariant()),
            ("command", command),
            ("text", text),
            ("api_app_id", AppId),
            // Not served by the emulator; loopback, so an application that posts to it reaches nothing outside.
            ("response_url", "http://127.0.0.1/slack-emulator/commands/" + TeamId + "/" + triggerId),
            ("trigger_id", triggerId),
        }.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
        return PostAsync(url, Encoding.UTF8.GetBytes(form), "application/x-www-form-urlencoded", triggerId, [], cancellationToken);
    }

    /// <inheritdoc />
    protected override async ValueTask DisposeAsyncCore()
    {
        _callbacks?.Dispose();
        await base.DisposeAsyncCore().ConfigureAwait(false);
    }

    private void ResetEvents()
    {
        lock (_gate)
        {
            _eventBodies.Clear();
        }

        SigningSecret = DefaultSigningSecret;
    }

    private static void RequireUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"The Request URL must be an absolute http(s) URL (was '{url}').", nameof(url));
        }
    }

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return stream.ToArray();
    }

    // Signed as Slack documents it, written here independently of the SDK's verifier: "v0=" and the lowercase hex
    // HMAC-SHA256, keyed with the signing secret, of "v0:{timestamp}:{body}"; signed at each post, so a redelivery
    // carries a fresh timestamp.
    private async Task<SlackEmulatorDelivery> PostAsync(Uri url, byte[] body, string contentType, string? id, KeyValuePair<string, string>[] extraHeaders, CancellationToken cancellationToken)
    {
        string timestamp = TimeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] signed = [.. Encoding.UTF8.GetBytes("v0:" + timestamp + ":"), .. body];
        string signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningSecret), signed));

        HttpClient client = LazyInitializer.EnsureInitialized(ref _callbacks, () => new HttpClient { Timeout = TimeSpan.FromSeconds(30) });
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("User-Agent", "Slackbot 1.0 (+https://api.slack.com/robots)");
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        foreach (var (name, value) in extraHeaders)
        {
            request.Headers.Add(name, value);
        }

        using HttpResponseMessage response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string answer = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new SlackEmulatorDelivery(id, (int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, answer);
    }
}
