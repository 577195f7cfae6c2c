namespace Martech.Sdk;

/// <summary>Options of the suppression cache (<c>UseSuppressionCache()</c>).</summary>
public sealed class SuppressionCacheOptions
{
    /// <summary>The staleness bound: a look-up is never answered from a copy whose listing began longer ago than this.
    /// The whole list is read again in the background once the copy is half this old (look-ups are answered from the
    /// copy meanwhile); after a quiet period the first look-up waits for the reload, and fails if the vendor cannot be
    /// read. A change made outside this application that no webhook reports (an address removed in the vendor's
    /// dashboard, a suppression added by another system) is therefore seen at most this long after it happened. Changes
    /// made through this instance are seen at once, and hard bounces, spam reports and unsubscribes arriving as webhooks
    /// as they arrive.</summary>
    /// <value>The default value is 15 minutes.</value>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Checks the settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="RefreshInterval"/> is not between 10 seconds and 7 days.</exception>
    public void Validate()
    {
        if (RefreshInterval < TimeSpan.FromSeconds(10) || RefreshInterval > TimeSpan.FromDays(7))
        {
            throw new ArgumentOutOfRangeException(nameof(RefreshInterval), RefreshInterval, "SuppressionCacheOptions.RefreshInterval must be between 10 seconds and 7 days.");
        }
    }
}
