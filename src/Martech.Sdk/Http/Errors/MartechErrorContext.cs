namespace Martech.Sdk;

/// <summary>What an error mapper knows besides the response.</summary>
/// <param name="Provider">The provider instance name.</param>
/// <param name="Operation">The operation, such as <c>"contacts.batch.upsert"</c>, if the provider named it.</param>
/// <param name="Redactor">Removes secrets from anything the mapper copies into a message.</param>
public sealed record MartechErrorContext(string Provider, string? Operation, MartechRedactor Redactor);
