using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>Renders Trace-level payloads. Personal data appears only here, and only at Trace; attachment bytes and
/// template data are never rendered.</summary>
internal static class LoggingPayloads
{
    public static string Of(Contact contact) => JsonSerializer.Serialize(contact, MartechLoggingJsonContext.Default.Contact);

    public static string Of(Lead lead) => JsonSerializer.Serialize(lead, MartechLoggingJsonContext.Default.Lead);

    public static string Of(Contact? contact, string missing) => contact is null ? missing : Of(contact);

    public static string Of(Lead? lead, string missing) => lead is null ? missing : Of(lead);

    public static string Of(Campaign? campaign) => campaign is null ? "not found" : JsonSerializer.Serialize(campaign, MartechLoggingJsonContext.Default.Campaign);

    public static string Of(CampaignStats stats) => JsonSerializer.Serialize(stats, MartechLoggingJsonContext.Default.CampaignStats);

    public static string Of(LeadConversionResult result) => JsonSerializer.Serialize(result, MartechLoggingJsonContext.Default.LeadConversionResult);

    public static string Of(EmailSendResult result) => JsonSerializer.Serialize(result, MartechLoggingJsonContext.Default.EmailSendResult);

    public static string Of(MessageSendResult result) => JsonSerializer.Serialize(result, MartechLoggingJsonContext.Default.MessageSendResult);

    public static string Of(EmailMessage message)
    {
        var sb = new StringBuilder();
        sb.Append("purpose=").Append(message.Purpose)
          .Append(" from=").Append(message.From)
          .Append(" to=[").AppendJoin(", ", message.To).Append(']');
        if (message.Cc.Count > 0)
        {
            sb.Append(" cc=[").AppendJoin(", ", message.Cc).Append(']');
        }

        if (message.Bcc.Count > 0)
        {
            sb.Append(" bcc=").Append(message.Bcc.Count);
        }

        sb.Append(" subject=").Append(message.Subject is null ? "(none)" : JsonSerializer.Serialize(message.Subject, MartechLoggingJsonContext.Default.String));
        if (message.TemplateId is not null)
        {
            sb.Append(" template=").Append(message.TemplateId);
        }

        sb.Append(" attachments=").Append(message.Attachments.Count.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    public static string Of(OutgoingMessage message) =>
        string.Create(CultureInfo.InvariantCulture, $"destination={message.Destination} purpose={message.Purpose} card={(message.Card is null ? "none" : JsonSerializer.Serialize(message.Card.Title, MartechLoggingJsonContext.Default.String))} text={(message.Text is null ? "(none)" : JsonSerializer.Serialize(message.Text, MartechLoggingJsonContext.Default.String))}");

    public static string Of<T>(BulkResult<T> result) =>
        string.Create(CultureInfo.InvariantCulture, $"items={result.Items.Count} created={result.CreatedCount} updated={result.UpdatedCount} succeeded={result.SucceededCount} withheld={result.WithheldCount} failed={result.FailedCount} unknown={result.UnknownCount}");

    public static string Of(UpsertResult<Contact> result) => (result.Created ? "created " : "updated ") + Of(result.Value);
}
