using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Source-generated JSON for <see cref="MartechEvent"/> and its kinds (trim- and AOT-safe).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = false)]
[JsonSerializable(typeof(MartechEvent))]
[JsonSerializable(typeof(MartechEvent[]))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class MartechEventJsonContext : JsonSerializerContext;
