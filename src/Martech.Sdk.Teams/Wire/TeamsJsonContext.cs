using System.Text.Json.Serialization;

namespace Martech.Sdk.Teams.Wire;

/// <summary>Source-generated JSON metadata of the Teams wire types.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TeamsErrorBody))]
internal sealed partial class TeamsJsonContext : JsonSerializerContext;
