using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Twilio;

/// <summary>Source-generated JSON metadata for Twilio's answers (snake_case, as declared). Requests are form-encoded.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(TwilioMessageResource))]
[JsonSerializable(typeof(TwilioErrorBody))]
internal sealed partial class TwilioJsonContext : JsonSerializerContext
{
}
