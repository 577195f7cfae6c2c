namespace Martech.Sdk;

/// <summary>Options of the suppression cache (<c>UseSuppressionCache()</c>).</summary>
public sealed class SuppressionCacheOptions
{
    /// <summary>How often the whole list is read again from the vendor, replacing the cache. This is the staleness bound
    /// for changes made outside this application that no webhook reports (an address removed in the vendor's dashboard,
    /// a suppression added by another system): such a change is seen at most this long after it happened. Changes made
    /// through this instance are seen at once, and bounces, spam reports and unsubscribes arriving as webhooks within
    /// seconds. A reload runs in the background: look-ups are answered from the previous copy meanwhile.</summary>
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
