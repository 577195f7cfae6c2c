namespace Martech.Sdk;

/// <summary>
/// A vendor's published limit for one operation (a Web API method, an endpoint family), which gets a rate budget of its
/// own in <see cref="MartechRateLimitOptions.Operations"/>. Requests name their operation with
/// <see cref="MartechRequestOptions.Operation"/>.
/// </summary>
/// <remarks>
/// <para>
/// A request of the operation waits on this budget first and then, when <see cref="SharesInstanceBudget"/> is set, on
/// the instance-wide one as well. Like the instance budget, it is shared by every instance with the same credential in
/// the process, follows <see cref="MartechRateLimitOptions.MaxWait"/>, and is corrected by the vendor's rate-limit
/// headers and <c>Retry-After</c> on the operation's responses, so a 429 of one operation does not pause the others
/// unless they share the instance budget with it.
/// </para>
/// <para>
/// Operation budgets are kept in the process, even when <see cref="MartechRateLimitOptions.LimiterFactory"/> shares the
/// instance budget across processes.
/// </para>
/// </remarks>
public sealed class MartechOperationRateLimit
{
    /// <summary>Requests of the operation allowed per <see cref="Window"/>. The default value is 1.</summary>
    public int PermitLimit { get; set; } = 1;

    /// <summary>The window <see cref="PermitLimit"/> applies to. The default value is 1 second.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether requests of the operation also take a permit from the instance-wide budget
    /// (<see cref="MartechRateLimitOptions.PermitLimit"/> per <see cref="MartechRateLimitOptions.Window"/>): set it for
    /// a vendor whose per-operation limits come on top of an overall one; clear it for a vendor, like Slack, whose
    /// limits are per operation only, so the operation neither waits for nor holds back the others. The default value
    /// is <see langword="true"/>.
    /// </summary>
    public bool SharesInstanceBudget { get; set; } = true;

    /// <summary>
    /// Whether each <see cref="MartechRequestOptions.RateLimitPartition"/> (such as a channel) has a budget of its own of
    /// <see cref="PermitLimit"/> per <see cref="Window"/>. Requests that carry no partition share one budget. Idle
    /// partitions are forgotten, so memory stays bounded by the partitions in use. The default value is
    /// <see langword="false"/>: one budget for the operation.
    /// </summary>
    public bool PerPartition { get; set; }

    /// <summary>
    /// Whether the permits are spread evenly, one every <see cref="Window"/> ÷ <see cref="PermitLimit"/>, instead of
    /// allowing a burst of <see cref="PermitLimit"/> followed by a wait of up to a whole window. Set it for long windows
    /// (a per-minute limit): a burst would leave the next request waiting about a minute, longer than an attempt
    /// timeout or <see cref="MartechRateLimitOptions.MaxWait"/> allows, while spread permits never wait longer than
    /// one interval. No window of <see cref="Window"/> sees more than <see cref="PermitLimit"/> either way. The default
    /// value is <see langword="false"/>.
    /// </summary>
    public bool Spread { get; set; }

    /// <summary>
    /// Operations with the same group (compared ordinally) share one budget: for a vendor limit that covers several
    /// operations, such as HubSpot's search endpoints of every object type. Give each operation of the group the same
    /// limit. <see langword="null"/> (the default) for a budget of the operation's own.
    /// </summary>
    public string? Group { get; set; }

    /// <summary>The name of the budget: the group, or else the operation.</summary>
    /// <param name="operation">The operation the limit is registered for.</param>
    /// <returns>The budget name.</returns>
    internal string BudgetName(string operation) => Group ?? operation;

    /// <summary>Whether two limits of one group describe the same budget.</summary>
    /// <param name="other">The other limit.</param>
    /// <returns>Whether every setting but the group is equal.</returns>
    internal bool SameBudgetAs(MartechOperationRateLimit other) =>
        PermitLimit == other.PermitLimit && Window == other.Window && SharesInstanceBudget == other.SharesInstanceBudget
        && PerPartition == other.PerPartition && Spread == other.Spread;

    /// <summary>The limit the operation's budget runs: the options as given, or one permit per interval when
    /// <see cref="Spread"/> is set (the interval rounded up, so the window never sees more than the limit).</summary>
    /// <param name="maxWait">The instance's longest wait.</param>
    /// <returns>The options of one budget (of one partition).</returns>
    internal MartechRateLimitOptions ToBudgetOptions(TimeSpan maxWait)
    {
        if (!Spread || PermitLimit <= 1)
        {
            return new MartechRateLimitOptions { PermitLimit = PermitLimit, Window = Window, MaxWait = maxWait };
        }

        long interval = (Window.Ticks + PermitLimit - 1) / PermitLimit;
        return new MartechRateLimitOptions { PermitLimit = 1, Window = TimeSpan.FromTicks(Math.Max(1, interval)), MaxWait = maxWait };
    }
}
