namespace Martech.Sdk.HubSpot;

/// <summary>
/// The HubSpot subscription tier whose published burst limit seeds a HubSpot instance's rate budget
/// (<see cref="HubSpotOptions.Tier"/>). HubSpot publishes these per ten seconds and per day; see its
/// "API usage guidelines and limits" page.
/// </summary>
public enum HubSpotApiTier
{
    /// <summary>Free and Starter: 100 requests per 10 seconds (250,000 a day). Also the limit of every app that
    /// authenticates with OAuth, whatever the portal's tier.</summary>
    FreeOrStarter,

    /// <summary>Professional and Enterprise: 150 requests per 10 seconds (500,000 a day).</summary>
    ProfessionalOrEnterprise,

    /// <summary>With the API limit increase add-on: 200 requests per 10 seconds (1,000,000 a day).</summary>
    ApiLimitIncrease,
}
