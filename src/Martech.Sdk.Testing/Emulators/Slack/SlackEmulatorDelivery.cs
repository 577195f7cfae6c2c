namespace Martech.Sdk.Testing;

/// <summary>A signed request a <see cref="SlackEmulator"/> posted to an application's request URL, and the answer.</summary>
/// <param name="EventId">The <c>event_id</c> of an Events API callback (what a redelivery repeats), the
/// <c>trigger_id</c> of a slash command, or <see langword="null"/> for a <c>url_verification</c>.</param>
/// <param name="StatusCode">The status the application answered.</param>
/// <param name="ContentType">The answer's content type, or <see langword="null"/> without a body.</param>
/// <param name="Body">The answer's body, empty when there is none.</param>
public sealed record SlackEmulatorDelivery(string? EventId, int StatusCode, string? ContentType, string Body);
