using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Writes <see cref="SendGridPersonalizations"/> as SendGrid's <c>personalizations</c> array:
/// <c>[{"to":[…],"cc":[…],"bcc":[…],"dynamic_template_data":{…},"custom_args":{…}}]</c>, empty parts left out.
/// Write-only: the SDK never reads a mail send body.</summary>
internal sealed class SendGridPersonalizationsConverter : JsonConverter<SendGridPersonalizations>
{
    public override SendGridPersonalizations Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Mail send bodies are only written.");

    public override void Write(Utf8JsonWriter writer, SendGridPersonalizations value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        for (int m = 0; m < value.Messages.Count; m++)
        {
            EmailMessage message = value.Messages[m];
            writer.WriteStartObject();
            WriteMailboxes(writer, "to", message.ToOrEmpty);
            WriteMailboxes(writer, "cc", message.CcOrEmpty);
            WriteMailboxes(writer, "bcc", message.BccOrEmpty);
            if (message.TemplateData is JsonObject data)
            {
                writer.WritePropertyName("dynamic_template_data");
                data.WriteTo(writer, options);
            }

            WriteCustomArgs(writer, message, value.CampaignIdArgument);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes <c>{"email":"…","name":"…"}</c>, the name only when there is one.</summary>
    internal static void WriteMailbox(Utf8JsonWriter writer, Mailbox mailbox)
    {
        writer.WriteStartObject();
        writer.WriteString("email", mailbox.Address.Value);
        if (mailbox.DisplayName is { } name)
        {
            writer.WriteString("name", name);
        }

        writer.WriteEndObject();
    }

    private static void WriteMailboxes(Utf8JsonWriter writer, string property, IList<Mailbox> mailboxes)
    {
        if (mailboxes.Count == 0)
        {
            return;
        }

        writer.WriteStartArray(property);
        for (int i = 0; i < mailboxes.Count; i++)
        {
            WriteMailbox(writer, mailboxes[i]);
        }

        writer.WriteEndArray();
    }

    // The metadata, then the campaign id under its key (validation has checked that metadata does not disagree).
    private static void WriteCustomArgs(Utf8JsonWriter writer, EmailMessage message, string campaignIdArgument)
    {
        string? campaign = message.CampaignId;
        if (message.MetadataOrEmpty.Count == 0 && campaign is null)
        {
            return;
        }

        writer.WriteStartObject("custom_args");
        string? skip = campaign is null ? null : campaignIdArgument;
        if (message.MetadataOrEmpty is Dictionary<string, string> metadata)
        {
            foreach (var (key, value) in metadata)
            {
                WritePair(writer, key, value, skip);
            }
        }
        else
        {
            foreach (var (key, value) in message.MetadataOrEmpty)
            {
                WritePair(writer, key, value, skip);
            }
        }

        if (campaign is not null)
        {
            writer.WriteString(campaignIdArgument, campaign);
        }

        writer.WriteEndObject();
    }

    private static void WritePair(Utf8JsonWriter writer, string key, string value, string? skip)
    {
        if (skip is null || !string.Equals(key, skip, StringComparison.Ordinal))
        {
            writer.WriteString(key, value);
        }
    }
}
