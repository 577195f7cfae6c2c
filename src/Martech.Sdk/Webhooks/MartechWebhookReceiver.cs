using System.Globalization;
using System.Text.Json;
using System.Xml;

namespace Martech.Sdk;

/// <summary>
/// The base of a vendor's <see cref="IWebhookReceiver"/>: it refuses a request when no secret is configured (fail
/// closed), when the method is wrong or the body too large, then calls <see cref="Verify"/> and, only when that passes,
/// <see cref="Map"/>, turning a body that cannot be read into a <see cref="WebhookRejectionReason.Malformed"/>
/// rejection instead of an exception the caller did not expect. Vendor packages derive from it; so can an application
/// with a scheme of its own.
/// </summary>
/// <remarks>Verification and mapping are CPU work on bytes already read, so they run synchronously and
/// <see cref="ReceiveAsync"/> completes at once.</remarks>
public abstract class MartechWebhookReceiver : IWebhookReceiver
{
    private static readonly string[] PostOnly = ["POST"];

    /// <summary>Creates a receiver.</summary>
    /// <param name="metadata">The provider instance's name and vendor.</param>
    /// <param name="options">Its webhook settings.</param>
    /// <param name="configurationPath">Its configuration section, such as <c>Martech:SendGrid</c>, named in messages
    /// about missing settings.</param>
    /// <param name="timeProvider">The clock signed timestamps are checked against; the system clock when
    /// <see langword="null"/>.</param>
    protected MartechWebhookReceiver(MartechProviderMetadata metadata, MartechWebhookOptions options, string configurationPath, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(configurationPath);
        Metadata = metadata;
        Options = options;
        ConfigurationPath = configurationPath;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The provider instance's name and vendor.</summary>
    protected MartechProviderMetadata Metadata { get; }

    /// <summary>The instance's webhook settings.</summary>
    protected MartechWebhookOptions Options { get; }

    /// <summary>The instance's configuration section, such as <c>Martech:SendGrid</c>.</summary>
    protected string ConfigurationPath { get; }

    /// <summary>The clock signed timestamps are checked against.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>The HTTP methods the vendor sends webhooks with.</summary>
    /// <value><c>POST</c> unless a vendor overrides it.</value>
    protected virtual IReadOnlyCollection<string> AllowedMethods => PostOnly;

    /// <inheritdoc />
    public Task<WebhookReceiveResult> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<WebhookReceiveResult>(cancellationToken);
        }

        try
        {
            return Task.FromResult(Receive(request));
        }
        catch (WebhookVerificationException ex)
        {
            return Task.FromException<WebhookReceiveResult>(ex);
        }
    }

    /// <inheritdoc />
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        return serviceType.IsInstanceOfType(this) ? this
            : serviceType.IsInstanceOfType(Options) ? Options
            : serviceType == typeof(MartechProviderMetadata) ? Metadata
            : null;
    }

    /// <summary>Checks the request's signature or credentials, and its timestamp where the scheme signs one. Throw the
    /// result of <see cref="Reject"/> (or a helper such as <see cref="RequireHeader"/>) to refuse it; a parse exception
    /// of the kinds <see cref="Map"/> lists becomes a <see cref="WebhookRejectionReason.Malformed"/> rejection here too.</summary>
    /// <param name="request">The request; its body is within the size limit and the secret is configured.</param>
    protected abstract void Verify(WebhookRequest request);

    /// <summary>Maps a verified request to events. A <see cref="JsonException"/>, <see cref="FormatException"/>,
    /// <see cref="ArgumentException"/>, <see cref="OverflowException"/>, <see cref="InvalidOperationException"/>,
    /// <see cref="KeyNotFoundException"/> or <see cref="XmlException"/> thrown here becomes a
    /// <see cref="WebhookRejectionReason.Malformed"/> rejection. An event type the vendor added later maps to a
    /// <see cref="RawEvent"/>, never to an error.</summary>
    /// <param name="request">The verified request.</param>
    /// <returns>The events and the answer the vendor expects.</returns>
    protected abstract WebhookReceiveResult Map(WebhookRequest request);

    /// <summary>Builds a rejection: the message names the instance, the vendor and the reason, never the secret; the
    /// status comes from <see cref="StatusCodeFor"/>; the diagnostic is built only when the options enable it.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="detail">What was wrong, for the message; never a secret or a signature.</param>
    /// <param name="diagnostic">Builds the canonical signed text (without the secret), called only when
    /// <see cref="MartechWebhookOptions.IncludeDiagnostics"/> is on.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <returns>The exception, for the caller to throw.</returns>
    protected WebhookVerificationException Reject(WebhookRejectionReason reason, string detail, Func<string>? diagnostic = null, Exception? innerException = null)
    {
        ArgumentNullException.ThrowIfNull(detail);
        return new WebhookVerificationException($"{Metadata.ProviderType} webhook to '{Metadata.Name}' rejected ({reason}): {detail}", innerException)
        {
            Reason = reason,
            StatusCode = StatusCodeFor(reason),
            Diagnostic = Options.IncludeDiagnostics && diagnostic is not null ? diagnostic() : null,
            Provider = Metadata.Name,
        };
    }

    /// <summary>The HTTP status answered for a rejection.</summary>
    /// <param name="reason">Why the request was rejected.</param>
    /// <returns>503 when no secret is configured (the vendor retries once it is), 413 for a body too large, 400 when
    /// malformed, 405 for a wrong method, 403 for an address outside the allow-list, 401 otherwise. Mailgun overrides it
    /// to answer 406.</returns>
    protected virtual int StatusCodeFor(WebhookRejectionReason reason) => reason switch
    {
        WebhookRejectionReason.NotConfigured => 503,
        WebhookRejectionReason.BodyTooLarge => 413,
        WebhookRejectionReason.Malformed => 400,
        WebhookRejectionReason.MethodNotAllowed => 405,
        WebhookRejectionReason.AddressNotAllowed => 403,
        _ => 401,
    };

    /// <summary>Gets a header the scheme needs, or rejects the request with
    /// <see cref="WebhookRejectionReason.MissingHeader"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="name">The header.</param>
    /// <returns>Its value, not empty.</returns>
    /// <exception cref="WebhookVerificationException">The header is missing or empty.</exception>
    protected string RequireHeader(WebhookRequest request, string name)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(name);
        return request.Header(name) ?? throw Reject(WebhookRejectionReason.MissingHeader, $"the {name} header is missing or empty.");
    }

    /// <summary>Checks a signed timestamp against the clock and the instance's past and future tolerances; does nothing
    /// for a request marked <see cref="WebhookRequest.IsReplay"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="signedAt">The timestamp the vendor signed.</param>
    /// <param name="diagnostic">Builds the canonical signed text for the diagnostic.</param>
    /// <exception cref="WebhookVerificationException">The timestamp is too old or too far ahead.</exception>
    protected void CheckTimestamp(WebhookRequest request, DateTimeOffset signedAt, Func<string>? diagnostic = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IsReplay)
        {
            return;
        }

        DateTimeOffset now = TimeProvider.GetUtcNow();
        TimeSpan age = now - signedAt;
        if (age > Options.PastTolerance)
        {
            throw Reject(WebhookRejectionReason.TimestampTooOld, $"the signed timestamp {signedAt:O} is {Describe(age)} old, more than the {Describe(Options.PastTolerance)} allowed ({ConfigurationPath}:Webhooks:PastTolerance).", diagnostic);
        }

        if (-age > Options.FutureTolerance)
        {
            throw Reject(WebhookRejectionReason.TimestampInFuture, $"the signed timestamp {signedAt:O} is {Describe(-age)} ahead of this machine's clock, more than the {Describe(Options.FutureTolerance)} allowed ({ConfigurationPath}:Webhooks:FutureTolerance).", diagnostic);
        }
    }

    /// <summary>Reads a Unix time in whole seconds (as Slack, SendGrid, Mailgun and Standard Webhooks send it), or
    /// rejects the request as <see cref="WebhookRejectionReason.Malformed"/>.</summary>
    /// <param name="value">The text.</param>
    /// <param name="source">Where it came from, for the message, such as <c>the X-Slack-Request-Timestamp header</c>.</param>
    /// <returns>The time.</returns>
    /// <exception cref="WebhookVerificationException">The text is not a Unix time in seconds.</exception>
    protected DateTimeOffset ParseUnixSeconds(string value, string source)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds is >= 0 and <= 253_402_300_799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        throw Reject(WebhookRejectionReason.Malformed, $"{source} is not a Unix time in seconds.");
    }

    /// <summary>Reads a Unix time in milliseconds (as HubSpot sends it), or rejects the request as
    /// <see cref="WebhookRejectionReason.Malformed"/>.</summary>
    /// <param name="value">The text.</param>
    /// <param name="source">Where it came from, for the message.</param>
    /// <returns>The time.</returns>
    /// <exception cref="WebhookVerificationException">The text is not a Unix time in milliseconds.</exception>
    protected DateTimeOffset ParseUnixMilliseconds(string value, string source)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out long milliseconds) && milliseconds is >= 0 and <= 253_402_300_799_999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }

        throw Reject(WebhookRejectionReason.Malformed, $"{source} is not a Unix time in milliseconds.");
    }

    private WebhookReceiveResult Receive(WebhookRequest request)
    {
        if (!Options.IsConfigured)
        {
            throw Reject(WebhookRejectionReason.NotConfigured, $"no webhook secret is configured, so every request is refused. Set {ConfigurationPath}:Webhooks:{Options.SecretSettingName}.");
        }

        if (!IsAllowed(request.Method))
        {
            throw Reject(WebhookRejectionReason.MethodNotAllowed, $"{request.Method} is not a method {Metadata.ProviderType} sends webhooks with ({string.Join(", ", AllowedMethods)}).");
        }

        if (request.Body.Length > Options.MaxBodyBytes)
        {
            throw Reject(WebhookRejectionReason.BodyTooLarge, $"the body is {request.Body.Length} bytes, more than the {Options.MaxBodyBytes} allowed ({ConfigurationPath}:Webhooks:MaxBodyBytes).");
        }

        try
        {
            Verify(request);
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            // A header or field the scheme reads could not be parsed: the request is not the vendor's format.
            throw Reject(WebhookRejectionReason.Malformed, $"the request is not a {Metadata.ProviderType} webhook: {ex.Message}", null, ex);
        }

        // Every vendor sends UTF-8 text (JSON, forms, XML); checking it once here means no parser meets invalid bytes
        // inside a string it skipped and a raw payload always transcodes.
        if (!System.Text.Unicode.Utf8.IsValid(request.Body.Span))
        {
            throw Reject(WebhookRejectionReason.Malformed, "the body is not valid UTF-8.");
        }

        try
        {
            return Map(request) ?? throw new InvalidOperationException($"{GetType().Name}.Map returned no result.");
        }
        catch (Exception ex) when (IsMalformed(ex))
        {
            throw Reject(WebhookRejectionReason.Malformed, $"the body is not a {Metadata.ProviderType} webhook payload: {ex.Message}", null, ex);
        }
    }

    private bool IsAllowed(string method)
    {
        foreach (string allowed in AllowedMethods)
        {
            if (string.Equals(allowed, method, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsMalformed(Exception ex) =>
        ex is JsonException or FormatException or ArgumentException or OverflowException or InvalidOperationException or KeyNotFoundException or XmlException;

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds < 120 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.#} s")
        : span.TotalMinutes < 120 ? string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.#} min")
        : string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.#} h");
}
