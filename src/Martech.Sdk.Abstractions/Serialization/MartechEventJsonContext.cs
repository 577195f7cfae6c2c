using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Source-generated JSON for <see cref="MartechEvent"/> and its kinds (trim- and AOT-safe). The depth limit is
/// well above the 64 the vendor parsers allow, so a raw payload they accepted always fits inside its event.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = false,
    MaxDepth = 256)]
[JsonSerializable(typeof(MartechEvent))]
[JsonSerializable(typeof(MartechEvent[]))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class MartechEventJsonContext : JsonSerializerContext;
