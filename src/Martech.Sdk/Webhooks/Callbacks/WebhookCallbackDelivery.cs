namespace Martech.Sdk;

/// <summary>One post a test double made to a webhook endpoint, and what it answered.</summary>
/// <param name="Description">What was posted, such as <c>delivered ada@example.com</c>.</param>
/// <param name="StatusCode">The answer's status, or 0 when the post failed.</param>
/// <param name="Attempt">1 for the first post of a request, 2 and on for redeliveries.</param>
/// <param name="Error">Why the post failed, when it did.</param>
public sealed record WebhookCallbackDelivery(string Description, int StatusCode, int Attempt, string? Error = null);
