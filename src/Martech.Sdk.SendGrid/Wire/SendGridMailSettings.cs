using System.Text.Json.Serialization;

namespace Martech.Sdk;

/// <summary>The mail settings of a send; only sandbox mode is used.</summary>
internal sealed class SendGridMailSettings
{
    /// <summary>The settings for a sandboxed send, created once.</summary>
    public static readonly SendGridMailSettings Sandbox = new() { SandboxMode = new SendGridSetting { Enable = true } };

    [JsonPropertyName("sandbox_mode")]
    public SendGridSetting? SandboxMode { get; init; }
}
