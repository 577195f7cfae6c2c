namespace Martech.Sdk;

/// <summary>One webhook request a test double posts: the body and its signed headers.</summary>
/// <param name="Body">The exact body bytes.</param>
/// <param name="ContentType">The content type.</param>
/// <param name="Headers">The headers, signature included.</param>
internal sealed record WebhookCallback(byte[] Body, string ContentType, IReadOnlyList<KeyValuePair<string, string>> Headers);
