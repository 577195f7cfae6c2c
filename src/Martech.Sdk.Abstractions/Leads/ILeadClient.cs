namespace Martech.Sdk;

/// <summary>Creates, reads, updates and converts leads.</summary>
public interface ILeadClient
{
    /// <summary>Creates a lead.</summary>
    /// <param name="lead">The lead; its <see cref="Lead.Id"/> must be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored lead, with its id.</returns>
    Task<Lead> CreateAsync(Lead lead, CancellationToken cancellationToken = default);

    /// <summary>Updates a lead.</summary>
    /// <param name="lead">The lead, with its <see cref="Lead.Id"/>. Properties left <see langword="null"/> are not changed.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored lead.</returns>
    /// <exception cref="MartechNotFoundException">There is no lead with that id.</exception>
    Task<Lead> UpdateAsync(Lead lead, CancellationToken cancellationToken = default);

    /// <summary>Gets a lead by its provider id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The lead, or <see langword="null"/> when there is none with that id.</returns>
    Task<Lead?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists leads as a stream.</summary>
    /// <param name="options">Page size, resume token and filters.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The leads.</returns>
    AsyncPageable<Lead> ListAsync(LeadListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Converts a qualified lead into a contact (and a deal, where asked and supported).</summary>
    /// <param name="id">The lead's id.</param>
    /// <param name="options">Conversion options.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the conversion produced.</returns>
    /// <exception cref="NotSupportedException">The vendor has no lead conversion.</exception>
    /// <exception cref="MartechNotFoundException">There is no lead with that id.</exception>
    Task<LeadConversionResult> ConvertAsync(string id, LeadConversionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets a service this client or one it wraps provides.</summary>
    /// <param name="serviceType">The type wanted.</param>
    /// <param name="serviceKey">An optional key.</param>
    /// <returns>The service, or <see langword="null"/>.</returns>
    object? GetService(Type serviceType, object? serviceKey = null);
}
