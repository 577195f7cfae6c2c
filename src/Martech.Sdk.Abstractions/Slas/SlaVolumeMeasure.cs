namespace Martech.Sdk;

/// <summary>What a volume SLA counts over a period.</summary>
public enum SlaVolumeMeasure
{
    /// <summary>Leads whose status reached <see cref="SlaVolumePolicy.Status"/> in the period (each lead once), such as
    /// "≥ 200 MQLs a month". The value is the count.</summary>
    LeadsReachingStatus,

    /// <summary>Per campaign: messages bounced ÷ messages delivered or bounced in the period, such as "≤ 2 % bounce rate".
    /// The value is a fraction (0.02 = 2 %).</summary>
    BounceRate,

    /// <summary>Clocks of <see cref="SlaVolumePolicy.ClockPolicy"/> that started in the period: met ÷ decided (met plus
    /// breached), such as "95 % of inbound chats answered within 5 minutes". The value is a fraction.</summary>
    Attainment,
}
