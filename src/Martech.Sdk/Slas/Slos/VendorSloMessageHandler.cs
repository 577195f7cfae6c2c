using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// Posts each vendor SLO breach (a critical card) and recovery (a success card) through a messaging provider, such as
/// a Slack channel for the marketing-ops team. Set up from <c>Martech:Slos:Escalation</c>
/// (<see cref="VendorSloEscalationOptions"/>), or registered in code:
/// <c>services.AddSingleton&lt;IVendorSloHandler&gt;(sp =&gt; new VendorSloMessageHandler(sp.GetRequiredKeyedService&lt;IMessageSender&gt;("Slack"), MessageDestination.Channel("vendor-alerts")))</c>.
/// </summary>
public sealed class VendorSloMessageHandler : IVendorSloHandler
{
    private readonly IMessageSender _sender;
    private readonly MessageDestination _destination;

    /// <summary>Creates the handler.</summary>
    /// <param name="sender">The messaging provider to post through.</param>
    /// <param name="destination">Where.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public VendorSloMessageHandler(IMessageSender sender, MessageDestination destination)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(destination);
        _sender = sender;
        _destination = destination;
    }

    /// <inheritdoc />
    public async Task HandleAsync(VendorSloEvent sloEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sloEvent);
        MessageCard card = ToCard(sloEvent);
        await _sender.SendAsync(new OutgoingMessage { Destination = _destination, Text = card.Title, Card = card }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The card posted for an event: title, a sentence, and the objective's figures as fields.</summary>
    /// <param name="sloEvent">The event.</param>
    /// <returns>The card.</returns>
    public static MessageCard ToCard(VendorSloEvent sloEvent)
    {
        ArgumentNullException.ThrowIfNull(sloEvent);
        VendorSloObjectiveResult o = sloEvent.Objective;
        bool breached = sloEvent.Kind == VendorSloEventKind.Breached;
        string scope = o.Operation is null ? o.Instance : $"{o.Instance} {o.Operation}";
        string window = VendorSloTable.Window(o.Window);
        string actual = o.ActualLatency is { } latency
            ? $"{VendorSloTable.Percent(o.Actual)} within {VendorSloTable.Duration(o.Threshold)} (p{o.Target.ToString("0.###", CultureInfo.InvariantCulture)} {VendorSloTable.Duration(latency)})"
            : VendorSloTable.Percent(o.Actual);
        VendorSloErrorBudget budget = o.ErrorBudget;
        return new MessageCard
        {
            Title = $"{(breached ? "Vendor SLO breached" : "Vendor SLO recovered")}: {scope} {o.Description}",
            Text = breached
                ? $"{scope} missed {o.Description} over the last {window}: {actual}. The error budget is spent."
                : $"{scope} meets {o.Description} again over the last {window}: {actual}.",
            Severity = breached ? CardSeverity.Critical : CardSeverity.Success,
            Fields =
            {
                new MessageCardField("Objective", $"{o.Description} over {window}"),
                new MessageCardField("Actual", actual),
                new MessageCardField("Requests", $"{o.Good.ToString(CultureInfo.InvariantCulture)} good of {o.Eligible.ToString(CultureInfo.InvariantCulture)}"),
                new MessageCardField("Error budget", $"{budget.Allowed.ToString("0.###", CultureInfo.InvariantCulture)} allowed, {budget.Consumed.ToString(CultureInfo.InvariantCulture)} used, {budget.Remaining.ToString("0.###", CultureInfo.InvariantCulture)} left"),
                new MessageCardField($"Burn rate ({VendorSloTable.Window(o.ShortWindow)} / {VendorSloTable.Window(o.LongWindow)})", $"{Rate(o.ShortBurnRate)} / {Rate(o.LongBurnRate)}"),
                new MessageCardField("At", sloEvent.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            },
        };
    }

    private static string Rate(double? rate) => rate is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) : "-";
}
