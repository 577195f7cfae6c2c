namespace LeadFlow;

/// <summary>The values of <see cref="LeadFlowRow"/>'s status columns, as written in the details and the report.</summary>
public static class RowOutcome
{
    /// <summary>The row's contact was new to the CRM; for the lead column, the lead was created.</summary>
    public const string Created = "created";

    /// <summary>The row's contact already existed and was updated.</summary>
    public const string Updated = "updated";

    /// <summary>The row repeats an earlier row's address and was merged into it.</summary>
    public const string Merged = "merged";

    /// <summary>The row was not imported; see the reason.</summary>
    public const string Rejected = "rejected";

    /// <summary>The step failed; see the reason.</summary>
    public const string Failed = "failed";

    /// <summary>The request may have reached the vendor but no answer came back: check there before sending again.</summary>
    public const string Unknown = "unknown";

    /// <summary>The message was accepted by the vendor.</summary>
    public const string Sent = "sent";

    /// <summary>The message was deliberately not sent (no consent); see the reason.</summary>
    public const string Withheld = "withheld";

    /// <summary>No SMS was attempted (no phone number, or SMS follow-ups are off); see the reason.</summary>
    public const string Skipped = "skipped";
}
