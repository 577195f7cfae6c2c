namespace Martech.Sdk;

/// <summary>Which sends <see cref="CampaignAnalytics"/> counts: email and SMS are kept apart.</summary>
public enum CampaignChannel
{
    /// <summary>Email: sends, <see cref="EmailEvent"/>s.</summary>
    Email,

    /// <summary>SMS and other messages with delivery statuses: <see cref="MessageStatusEvent"/>s.</summary>
    Sms,
}
