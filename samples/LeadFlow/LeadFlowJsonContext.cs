using System.Text.Json.Serialization;

namespace LeadFlow;

/// <summary>Source-generated JSON for the <c>--report</c> file: snake_case names, the same as the CSV columns.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(LeadFlowRow))]
internal sealed partial class LeadFlowJsonContext : JsonSerializerContext;
