using System.Text.Json.Serialization;

namespace Martech.Sdk.Teams.Wire;

/// <summary>One fact of a <c>FactSet</c>.</summary>
internal sealed record TeamsFact(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("value")] string Value);
