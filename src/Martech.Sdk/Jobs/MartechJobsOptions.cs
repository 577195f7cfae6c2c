namespace Martech.Sdk;

/// <summary>Settings of the jobs added with <c>services.AddMartechJobs()</c>.</summary>
public sealed class MartechJobsOptions
{
    /// <summary>How many items of a shard go to the vendor between two checkpoints (and, for exports, the page size
    /// asked for). A larger chunk writes fewer checkpoints; a smaller one re-sends fewer items after a crash.</summary>
    /// <value>The default value is 100; 1 to 10,000.</value>
    public int ChunkSize { get; set; } = 100;

    /// <summary>How far before a lost lead chunk's start a resumed run looks for the leads that chunk may have created
    /// (their <see cref="Lead.UpdatedAt"/> as the vendor's clock states it), to allow for clock skew between this
    /// process and the vendor.</summary>
    /// <value>The default value is 10 minutes; zero to one day.</value>
    public TimeSpan LeadLookupMargin { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How far before a lost contact chunk's start a contact's <see cref="Contact.CreatedAt"/> (as the vendor's
    /// clock states it) may lie for the resumed run to report it <see cref="BulkItemStatus.Created"/> rather than
    /// <see cref="BulkItemStatus.Updated"/> when it sends the chunk again: the earlier attempt created it. It allows for
    /// clock skew between this process and the vendor; a contact created by someone else within this margin before the
    /// chunk started is reported <see cref="BulkItemStatus.Created"/> too.</summary>
    /// <value>The default value is 10 minutes; zero to one day.</value>
    public TimeSpan ContactCreatedMargin { get; set; } = TimeSpan.FromMinutes(10);

    internal IEnumerable<string> Validate()
    {
        if (ChunkSize is < 1 or > 10_000)
        {
            yield return $"MartechJobsOptions.{nameof(ChunkSize)} must be 1 to 10000 (was {ChunkSize}).";
        }

        if (LeadLookupMargin < TimeSpan.Zero || LeadLookupMargin > TimeSpan.FromDays(1))
        {
            yield return $"MartechJobsOptions.{nameof(LeadLookupMargin)} must be zero to one day (was {LeadLookupMargin}).";
        }

        if (ContactCreatedMargin < TimeSpan.Zero || ContactCreatedMargin > TimeSpan.FromDays(1))
        {
            yield return $"MartechJobsOptions.{nameof(ContactCreatedMargin)} must be zero to one day (was {ContactCreatedMargin}).";
        }
    }
}
