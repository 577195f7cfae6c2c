using System.Text.Json.Serialization;

namespace Martech.Sdk;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(Contact))]
[JsonSerializable(typeof(Lead))]
[JsonSerializable(typeof(Campaign))]
[JsonSerializable(typeof(CampaignStats))]
[JsonSerializable(typeof(LeadConversionResult))]
[JsonSerializable(typeof(EmailSendResult))]
[JsonSerializable(typeof(MessageSendResult))]
[JsonSerializable(typeof(string))]
internal sealed partial class MartechLoggingJsonContext : JsonSerializerContext;
