using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Source-generated JSON for the tokens kept in Redis.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OAuth2Token))]
internal sealed partial class RedisJsonContext : JsonSerializerContext;
