namespace Martech.Sdk;

/// <summary>What an error mapper knows besides the response.</summary>
/// <param name="Provider">The provider instance name.</param>
/// <param name="Operation">The operation, such as <c>"contacts.batch.upsert"</c>, if the provider named it.</param>
/// <param name="Redactor">Removes secrets from anything the mapper copies into a message.</param>
public sealed record MartechErrorContext(string Provider, string? Operation, MartechRedactor Redactor)
{
    /// <summary>
    /// Whether the failed request is idempotent (sending it again cannot duplicate work); the transport sets it from the
    /// request's method and <see cref="MartechRequestOptions.Idempotent"/>. <see cref="MartechErrors.Create"/> reads it:
    /// a 5xx answer to a request that is not idempotent may have been processed. Default <see langword="false"/>, the
    /// cautious answer when nothing is known.
    /// </summary>
    public bool Idempotent { get; init; }

    /// <summary>
    /// Whether the instance's <see cref="MartechHttpOptions.IsNotProcessed"/> says the vendor did not process the
    /// request this answer refuses (a 503 the vendor documents as "not processed", say); the transport sets it.
    /// <see cref="MartechErrors.Create"/> then leaves <see cref="MartechException.MayHaveBeenProcessed"/> clear.
    /// </summary>
    public bool NotProcessed { get; init; }
}
