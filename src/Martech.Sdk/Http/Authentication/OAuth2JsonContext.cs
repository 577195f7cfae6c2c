using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>Source-generated JSON for token endpoint responses, read as a flat map of fields because their shapes
/// differ by vendor (Salesforce has no <c>expires_in</c>; some send it as a string).</summary>
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class OAuth2JsonContext : JsonSerializerContext;
