using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The <c>personalizations</c> of a mail send: one per message, written straight from the messages by
/// <see cref="SendGridPersonalizationsConverter"/> (recipients, <c>dynamic_template_data</c>, <c>custom_args</c>) without
/// copying them into wire objects first.</summary>
/// <param name="Messages">The validated messages, in personalization order.</param>
/// <param name="CampaignIdArgument">The <c>custom_args</c> key of <see cref="EmailMessage.CampaignId"/>.</param>
[JsonConverter(typeof(SendGridPersonalizationsConverter))]
internal sealed record SendGridPersonalizations(IReadOnlyList<EmailMessage> Messages, string CampaignIdArgument);
