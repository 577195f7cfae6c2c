namespace Martech.Sdk.Testing;

/// <summary>An emulator's counts for one day or month of one tag.</summary>
internal sealed class EmulatorStatsBucket
{
    public DateOnly Start { get; init; }

    public int Sent { get; set; }

    public int Delivered { get; set; }

    public int Bounced { get; set; }

    public int Opens { get; set; }

    public int UniqueOpens { get; set; }

    public int Clicks { get; set; }

    public int UniqueClicks { get; set; }

    public int Unsubscribes { get; set; }

    public int SpamReports { get; set; }
}
