using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>A switch of the mail send API's settings: <c>{"enable":true}</c>.</summary>
internal sealed class SendGridSetting
{
    [JsonPropertyName("enable")]
    public bool Enable { get; init; }
}
