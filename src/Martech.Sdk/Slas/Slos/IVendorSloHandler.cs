namespace Martech.Sdk;

/// <summary>
/// Receives vendor SLO breaches and recoveries. Register implementations in DI
/// (<c>services.AddSingleton&lt;IVendorSloHandler, MyHandler&gt;()</c>); every one gets every event, in registration
/// order. A handler that throws is logged and does not stop the others; the event is not raised again.
/// </summary>
public interface IVendorSloHandler
{
    /// <summary>Handles one transition.</summary>
    /// <param name="sloEvent">The event.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    /// <returns>A task that completes when it is handled.</returns>
    Task HandleAsync(VendorSloEvent sloEvent, CancellationToken cancellationToken = default);
}
