using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.Testing;

/// <summary>
/// An emulator of Twilio's Messaging API (2010-04-01) for what the Twilio provider uses:
/// <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c> with a form-encoded body, answering 201 with the
/// snake_case message resource, and Twilio's error bodies (<c>{"code","message","more_info","status"}</c>).
/// </summary>
/// <remarks>
/// <para>Requests need HTTP Basic credentials <see cref="AccountSid"/>:<see cref="AuthToken"/> (else 401, code 20003)
/// and a path naming that account (else 404, code 20404). Parameters are checked as Twilio documents them: <c>To</c>
/// is required (21604) and must be E.164, optionally with the <c>whatsapp:</c> prefix (21211); <c>From</c> or
/// <c>MessagingServiceSid</c> is required (21603), <c>From</c> must be E.164 (21212); <c>Body</c> is required (21602)
/// and at most 1,600 characters (21617); a WhatsApp <c>To</c> needs a WhatsApp <c>From</c> (63007) when <c>From</c> is
/// given. Other CreateMessage parameters are kept in <see cref="TwilioEmulatedMessage.Form"/>, unchecked.</para>
/// <para>A <c>To</c> added with <see cref="OptOut"/> (a recipient who replied STOP) answers 400 with code 21610,
/// "Attempt to send to unsubscribed recipient", as Twilio does.</para>
/// <para><c>num_segments</c> counts GSM-7 (the GSM 03.38 basic set, extension characters such as <c>{</c> or <c>€</c>
/// twice; 160 a message, 153 a segment) when every character is in the GSM set, else UCS-2 (70, 67).</para>
/// <para>Twilio documents no rate-limit headers, so the emulator writes none; its 429 body carries code 20429.</para>
/// <para>Callbacks: once <see cref="WebhookCallbackEmulator.Webhooks"/> has a URL, the emulator posts status callbacks for accepted messages. Each message gets <c>queued</c> (after <c>accepted</c>
/// for a Messaging Service send without <c>From</c>), <c>sent</c>, then <c>delivered</c>, or <c>undelivered</c> with
/// <c>ErrorCode</c> 30003 for numbers in <see cref="WebhookCallbackOptions.UndeliveredNumbers"/>: one form-encoded
/// POST per status, signed with <see cref="AuthToken"/> as Twilio signs (<c>X-Twilio-Signature</c>), to the send's
/// <c>StatusCallback</c>, or to <see cref="WebhookCallbackOptions.Url"/> when the send named none. Posts go to whatever URL
/// the send named: point <c>StatusCallback</c> at loopback in tests.</para>
/// </remarks>
public sealed partial class TwilioEmulator : WebhookCallbackEmulator
{
    /// <summary>The account SID the emulator accepts unless <see cref="AccountSid"/> is changed.</summary>
    public const string DefaultAccountSid = "AC00000000000000000000000000000001";

    /// <summary>The auth token the emulator accepts unless <see cref="AuthToken"/> is changed.</summary>
    public const string DefaultAuthToken = "twilio-emulator-auth-token";

    private const string Docs = "https://www.twilio.com/docs/errors/";

    private const string GsmBasic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string GsmExtension = "\f^{}\\[~]|€";

    private readonly EmulatorStore<TwilioEmulatedMessage> _messages = new(string.Empty);
    private readonly HashSet<string> _optedOut = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private string _accountSid = DefaultAccountSid;
    private string _authToken = DefaultAuthToken;

    /// <summary>Gets or sets the account SID requests must authenticate as.</summary>
    /// <value>The default value is <see cref="DefaultAccountSid"/>.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string AccountSid
    {
        get => Volatile.Read(ref _accountSid);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _accountSid, value);
        }
    }

    /// <summary>Gets or sets the auth token requests must carry.</summary>
    /// <value>The default value is <see cref="DefaultAuthToken"/>.</value>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string AuthToken
    {
        get => Volatile.Read(ref _authToken);
        set
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value);
            Volatile.Write(ref _authToken, value);
        }
    }

    /// <summary>Gets the messages accepted, in the order accepted.</summary>
    public IReadOnlyList<TwilioEmulatedMessage> Messages => _messages.Items;

    /// <summary>Marks a number as having replied STOP: sends to it answer 400 with code 21610.</summary>
    /// <param name="number">The E.164 number, as sent in <c>To</c> (without <c>whatsapp:</c>).</param>
    /// <exception cref="ArgumentException"><paramref name="number"/> is empty.</exception>
    public void OptOut(string number)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        lock (_gate)
        {
            _optedOut.Add(number);
        }
    }

    /// <summary>Forgets every message, opt-out, request, fault and rate limit and restores the default credentials, for
    /// the next test.</summary>
    public void Reset()
    {
        _messages.Clear();
        lock (_gate)
        {
            _optedOut.Clear();
        }

        AccountSid = DefaultAccountSid;
        AuthToken = DefaultAuthToken;
        ResetKit();
    }

    /// <inheritdoc />
    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", (Func<HttpContext, Task<IResult>>)CreateMessageAsync);
    }

    /// <inheritdoc />
    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return EmulatorJson.WriteAsync(context.Response, Body(20429, "Too Many Requests", context.Response.StatusCode), context.Response.StatusCode, EmulatorJson.SnakeCase, context.RequestAborted);
    }

    /// <inheritdoc />
    protected override Task WriteServerErrorAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        int status = context.Response.StatusCode;
        object body = status == StatusCodes.Status503ServiceUnavailable
            ? Body(20503, "Service Unavailable", status)
            : Body(20500, "An internal server error has occurred", status);
        return EmulatorJson.WriteAsync(context.Response, body, status, EmulatorJson.SnakeCase, context.RequestAborted);
    }

    private static Dictionary<string, object> Body(int code, string message, int status) => new()
    {
        ["code"] = code,
        ["message"] = message,
        ["more_info"] = Docs + code.ToString(CultureInfo.InvariantCulture),
        ["status"] = status,
    };

    private static IResult Error(int code, string message, int status = StatusCodes.Status400BadRequest) =>
        EmulatorJson.Result(Body(code, message, status), status, EmulatorJson.SnakeCase);

    private async Task<IResult> CreateMessageAsync(HttpContext context)
    {
        if (!Authenticated(context.Request))
        {
            return Error(20003, "Authenticate", StatusCodes.Status401Unauthorized);
        }

        string? pathSid = context.Request.RouteValues["accountSid"] as string;
        if (!string.Equals(pathSid, AccountSid, StringComparison.Ordinal))
        {
            return Error(20404, $"The requested resource {context.Request.Path} was not found", StatusCodes.Status404NotFound);
        }

        if (!context.Request.HasFormContentType)
        {
            return Results.StatusCode(StatusCodes.Status415UnsupportedMediaType);
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        string? to = Value(form, "To");
        string? from = Value(form, "From");
        string? service = Value(form, "MessagingServiceSid");
        string? body = Value(form, "Body");
        if (to is null)
        {
            return Error(21604, "A 'To' phone number is required.");
        }

        bool whatsApp = to.StartsWith("whatsapp:", StringComparison.Ordinal);
        if (!PhoneNumber.TryParse(whatsApp ? to["whatsapp:".Length..] : to, out PhoneNumber toNumber) || toNumber.Value != (whatsApp ? to["whatsapp:".Length..] : to))
        {
            return Error(21211, $"Invalid 'To' Phone Number: {to}");
        }

        bool optedOut;
        lock (_gate)
        {
            optedOut = _optedOut.Contains(toNumber.Value);
        }

        if (optedOut)
        {
            return Error(21610, "Attempt to send to unsubscribed recipient");
        }

        if (from is null && service is null)
        {
            return Error(21603, "A 'From' phone number is required.");
        }

        if (from is not null)
        {
            bool fromWhatsApp = from.StartsWith("whatsapp:", StringComparison.Ordinal);
            string raw = fromWhatsApp ? from["whatsapp:".Length..] : from;
            if (!PhoneNumber.TryParse(raw, out PhoneNumber fromNumber) || fromNumber.Value != raw)
            {
                return Error(21212, $"Invalid From Number (caller ID): {from}");
            }

            if (whatsApp != fromWhatsApp)
            {
                return Error(63007, "Twilio could not find a Channel with the specified From address");
            }
        }

        if (string.IsNullOrEmpty(body))
        {
            return Error(21602, "Message body is required.");
        }

        if (body.Length > 1600)
        {
            return Error(21617, "The concatenated message body exceeds the 1600 character limit.");
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in form)
        {
            fields[name] = values.ToString();
        }

        DateTimeOffset now = TimeProvider.GetUtcNow();
        TwilioEmulatedMessage message = _messages.Create(_ =>
        {
            string sid = "SM" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            return new TwilioEmulatedMessage
            {
                Sid = sid,
                AccountSid = AccountSid,
                To = to,
                From = from,
                MessagingServiceSid = service,
                Body = body,
                StatusCallback = Value(form, "StatusCallback"),
                NumSegments = Segments(body),
                DateCreated = now,
                Form = fields,
            };
        });
        QueueStatusCallbacks(message);
        return EmulatorJson.Result(Resource(message), StatusCodes.Status201Created, EmulatorJson.SnakeCase);
    }

    private bool Authenticated(HttpRequest request)
    {
        string header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        try
        {
            string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            return string.Equals(decoded, AccountSid + ":" + AuthToken, StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var values) && values.Count > 0 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static Dictionary<string, object?> Resource(TwilioEmulatedMessage message)
    {
        string created = message.DateCreated.ToString("r", CultureInfo.InvariantCulture);
        string uri = $"/2010-04-01/Accounts/{message.AccountSid}/Messages/{message.Sid}.json";
        return new Dictionary<string, object?>
        {
            ["account_sid"] = message.AccountSid,
            ["api_version"] = "2010-04-01",
            ["body"] = message.Body,
            ["date_created"] = created,
            ["date_sent"] = null,
            ["date_updated"] = created,
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["error_message"] = null,
            ["from"] = message.From,
            ["messaging_service_sid"] = message.MessagingServiceSid,
            ["num_media"] = "0",
            ["num_segments"] = message.NumSegments.ToString(CultureInfo.InvariantCulture),
            ["price"] = null,
            ["price_unit"] = "USD",
            ["sid"] = message.Sid,
            ["status"] = message.From is null ? "accepted" : "queued",
            ["subresource_uris"] = new Dictionary<string, string> { ["media"] = uri.Replace(".json", "/Media.json", StringComparison.Ordinal) },
            ["to"] = message.To,
            ["uri"] = uri,
        };
    }

    private static int Segments(string body)
    {
        bool gsm = true;
        int units = 0;
        foreach (char c in body)
        {
            if (GsmExtension.Contains(c, StringComparison.Ordinal))
            {
                units += 2;
            }
            else if (GsmBasic.Contains(c, StringComparison.Ordinal))
            {
                units++;
            }
            else
            {
                gsm = false;
                break;
            }
        }

        if (!gsm)
        {
            units = body.Length;
        }

        int single = gsm ? 160 : 70;
        int multi = gsm ? 153 : 67;
        return units <= single ? 1 : (units + multi - 1) / multi;
    }
}
