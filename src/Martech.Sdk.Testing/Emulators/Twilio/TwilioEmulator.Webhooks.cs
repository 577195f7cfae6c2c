using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Martech.Sdk.Testing;

public sealed partial class TwilioEmulator
{

    private void QueueStatusCallbacks(TwilioEmulatedMessage message)
    {
        if (Webhooks.Url is null)
        {
            return;
        }

        Uri target = message.StatusCallback is { } callback && Uri.TryCreate(callback, UriKind.Absolute, out Uri? named) ? named : Webhooks.Url;
        string number = message.To.StartsWith("whatsapp:", StringComparison.Ordinal) ? message.To["whatsapp:".Length..] : message.To;
        bool undelivered = Webhooks.UndeliveredNumbers.Contains(number) || Webhooks.UndeliveredNumbers.Contains(message.To);
        var statuses = new List<string>(4);
        if (message.From is null)
        {
            statuses.Add("accepted");
        }

        statuses.AddRange(["queued", "sent", undelivered ? "undelivered" : "delivered"]);

        // The signature covers the URL exactly as posted; the token is read when each post is signed.
        string url = target.OriginalString;
        var requests = new List<(string, Func<DateTimeOffset, WebhookCallback>)>(statuses.Count);
        foreach (string status in statuses)
        {
            List<KeyValuePair<string, string>> form = StatusForm(message, status, TimeProvider.GetUtcNow());
            requests.Add(($"{status} {message.Sid}", _ => Signed(url, form)));
        }

        var options = new WebhookCallbackOptions
        {
            Url = target,
            Redeliveries = Webhooks.Redeliveries,
            OutOfOrder = Webhooks.OutOfOrder,
            Seed = Webhooks.Seed,
            Delay = Webhooks.Delay,
        };
        QueueWebhooks(requests, options);
    }

    /// <summary>The parameters of a status callback, in the order Twilio posts them.</summary>
    private static List<KeyValuePair<string, string>> StatusForm(TwilioEmulatedMessage message, string status, DateTimeOffset at)
    {
        var form = new List<KeyValuePair<string, string>>(11);
        if (status == "undelivered")
        {
            form.Add(new("ErrorCode", "30003"));
        }

        form.Add(new("SmsSid", message.Sid));
        form.Add(new("SmsStatus", status));
        form.Add(new("MessageStatus", status));
        form.Add(new("To", message.To));
        if (message.MessagingServiceSid is { } service)
        {
            form.Add(new("MessagingServiceSid", service));
        }

        form.Add(new("MessageSid", message.Sid));
        form.Add(new("AccountSid", message.AccountSid));
        if (message.From is { } from)
        {
            form.Add(new("From", from));
        }

        form.Add(new("ApiVersion", "2010-04-01"));
        if (status is "delivered" or "undelivered")
        {
            // Twilio passes the carrier's delivery-receipt time through as YYMMDDhhmm.
            form.Add(new("RawDlrDoneDate", at.UtcDateTime.ToString("yyMMddHHmm", CultureInfo.InvariantCulture)));
        }

        return form;
    }

    // Signed as Twilio documents it, written here independently of the SDK's verifier: HMAC-SHA1 with the auth token
    // over the URL followed by each parameter sorted by name (then value) as name + value, Base64.
    private WebhookCallback Signed(string url, List<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(f => f.Key, StringComparer.Ordinal).ThenBy(f => f.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

#pragma warning disable CA5350 // Twilio's scheme is HMAC-SHA1.
        string signature = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(AuthToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
        string body = string.Join('&', form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        return new(Encoding.UTF8.GetBytes(body), "application/x-www-form-urlencoded", [new("X-Twilio-Signature", signature)]);
    }
}
