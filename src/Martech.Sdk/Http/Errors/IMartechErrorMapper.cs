namespace Martech.Sdk;

/// <summary>Turns a vendor's error response into the exception the caller sees.</summary>
public interface IMartechErrorMapper
{
    /// <summary>Maps a non-success response. Called once per failed request, after retries; the transport disposes
    /// the response afterwards.</summary>
    /// <param name="response">The response, with its body unread.</param>
    /// <param name="context">The provider instance and operation, and the redactor for anything echoed back.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The exception to throw: <see cref="MartechRequestException"/> or one of its subtypes. Build it with
    /// <see cref="MartechErrors.Create"/>, which sets <see cref="MartechException.MayHaveBeenProcessed"/> for a 5xx answer
    /// to a request that is not idempotent (<see cref="MartechErrorContext.Idempotent"/>) and says so in the message; pass
    /// its <c>mayHaveBeenProcessed</c> argument to apply what the vendor documents instead. A mapper that creates its own
    /// exception sets the property from <see cref="MartechErrors.MayHaveBeenProcessed"/>.</returns>
    ValueTask<MartechRequestException> MapAsync(HttpResponseMessage response, MartechErrorContext context, CancellationToken cancellationToken = default);
}
