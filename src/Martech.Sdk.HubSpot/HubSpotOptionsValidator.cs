using System.Buffers;

namespace Martech.Sdk.HubSpot;

/// <summary>Checks <see cref="HubSpotOptions"/>, one message per problem, each naming the setting by its
/// configuration path.</summary>
internal static class HubSpotOptionsValidator
{
    private const int MaxLimit = 1_000;

    private static readonly SearchValues<char> NotInPath = SearchValues.Create("?# \t\r\n");

    public static IEnumerable<string> Validate(HubSpotOptions options, string path)
    {
        if (string.IsNullOrWhiteSpace(options.AccessToken))
        {
            yield return $"{path}:{nameof(HubSpotOptions.AccessToken)} is required: the access token of a HubSpot private app (Settings > Integrations > Private apps) with the crm.objects.contacts and crm.objects.leads read and write scopes.";
        }
        else if (options.AccessToken.AsSpan().IndexOfAny('\r', '\n') >= 0 || options.AccessToken.Trim().Length != options.AccessToken.Length)
        {
            yield return $"{path}:{nameof(HubSpotOptions.AccessToken)} holds white space or a line break at its ends or inside; copy the token again.";
        }

        Uri? baseAddress = options.BaseAddress;
        if (baseAddress is null || !baseAddress.IsAbsoluteUri || (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(baseAddress.Query) || !string.IsNullOrEmpty(baseAddress.Fragment))
        {
            yield return $"{path}:{nameof(HubSpotOptions.BaseAddress)} must be an absolute http or https address without query or fragment, such as https://api.hubapi.com/ (was '{baseAddress}').";
        }

        string objectsPath = options.ObjectsPath ?? string.Empty;
        if (string.IsNullOrWhiteSpace(objectsPath.Trim('/')) || objectsPath.Contains("://", StringComparison.Ordinal)
            || objectsPath.AsSpan().IndexOfAny(NotInPath) >= 0)
        {
            yield return $"{path}:{nameof(HubSpotOptions.ObjectsPath)} must be a relative path such as crm/v3/objects or crm/objects/2026-03 (was '{options.ObjectsPath}').";
        }

        foreach (string problem in PropertyList(options.ContactPropertiesToRead, $"{path}:{nameof(HubSpotOptions.ContactPropertiesToRead)}"))
        {
            yield return problem;
        }

        foreach (string problem in PropertyList(options.LeadPropertiesToRead, $"{path}:{nameof(HubSpotOptions.LeadPropertiesToRead)}"))
        {
            yield return problem;
        }

        foreach (string problem in PropertyList(options.ReadOnlyProperties, $"{path}:{nameof(HubSpotOptions.ReadOnlyProperties)}"))
        {
            yield return problem;
        }

        foreach (string problem in Consent(options.EmailConsent, $"{path}:{nameof(HubSpotOptions.EmailConsent)}"))
        {
            yield return problem;
        }

        foreach (string problem in Consent(options.SmsConsent, $"{path}:{nameof(HubSpotOptions.SmsConsent)}"))
        {
            yield return problem;
        }

        HubSpotLeadProperties? lead = options.LeadProperties;
        string leadPath = $"{path}:{nameof(HubSpotOptions.LeadProperties)}";
        if (lead is null)
        {
            yield return $"{leadPath} is required.";
        }
        else
        {
            if (string.IsNullOrWhiteSpace(lead.Name))
            {
                yield return $"{leadPath}:{nameof(HubSpotLeadProperties.Name)} is required: HubSpot rejects a lead without a name (hs_lead_name by default).";
            }

            foreach (var (name, value) in new[]
            {
                (nameof(HubSpotLeadProperties.Name), lead.Name),
                (nameof(HubSpotLeadProperties.Status), lead.Status),
                (nameof(HubSpotLeadProperties.Source), lead.Source),
                (nameof(HubSpotLeadProperties.Score), lead.Score),
                (nameof(HubSpotLeadProperties.Owner), lead.Owner),
            })
            {
                if (!string.IsNullOrEmpty(value) && !HubSpotPropertyNames.IsValid(value))
                {
                    yield return $"{leadPath}:{name} is not a valid property name (was '{value}'): use HubSpot's internal name, without spaces or commas.";
                }
            }
        }

        foreach (var (status, value) in options.LeadStatusValues ?? new Dictionary<string, string>())
        {
            if (string.IsNullOrWhiteSpace(status) || string.IsNullOrWhiteSpace(value))
            {
                yield return $"{path}:{nameof(HubSpotOptions.LeadStatusValues)} maps '{status}' to '{value}': both the status and the HubSpot value must be non-empty.";
            }
        }

        if (options.LeadContactAssociationTypeId <= 0)
        {
            yield return $"{path}:{nameof(HubSpotOptions.LeadContactAssociationTypeId)} must be a positive association type id (was {options.LeadContactAssociationTypeId}); HubSpot's lead to primary contact type is 578.";
        }

        if (string.IsNullOrWhiteSpace(options.LeadContactAssociationCategory))
        {
            yield return $"{path}:{nameof(HubSpotOptions.LeadContactAssociationCategory)} is required: HUBSPOT_DEFINED, USER_DEFINED or INTEGRATOR_DEFINED.";
        }

        if (options.MaxBatchSize is < 1 or > MaxLimit)
        {
            yield return $"{path}:{nameof(HubSpotOptions.MaxBatchSize)} must be between 1 and {MaxLimit} (was {options.MaxBatchSize}); HubSpot's batch limit is {HubSpotOptions.DefaultMaxBatchSize}.";
        }

        if (options.MaxPageSize is < 1 or > MaxLimit)
        {
            yield return $"{path}:{nameof(HubSpotOptions.MaxPageSize)} must be between 1 and {MaxLimit} (was {options.MaxPageSize}).";
        }

        if (options.RateLimitPermits is < 1)
        {
            yield return $"{path}:{nameof(HubSpotOptions.RateLimitPermits)} must be at least 1 when set (was {options.RateLimitPermits}); leave it unset to use the tier's limit.";
        }

        if (options.RateLimitWindow <= TimeSpan.Zero)
        {
            yield return $"{path}:{nameof(HubSpotOptions.RateLimitWindow)} must be positive (was {options.RateLimitWindow}).";
        }

        if (options.RateLimitMaxWait < TimeSpan.Zero)
        {
            yield return $"{path}:{nameof(HubSpotOptions.RateLimitMaxWait)} cannot be negative (was {options.RateLimitMaxWait}).";
        }

        if (options.SearchRequestsPerSecond < 1)
        {
            yield return $"{path}:{nameof(HubSpotOptions.SearchRequestsPerSecond)} must be at least 1 (was {options.SearchRequestsPerSecond}); HubSpot documents {HubSpotOptions.DefaultSearchRequestsPerSecond} per second.";
        }

        if (options.MaxCustomFieldNameLength < 1)
        {
            yield return $"{path}:{nameof(HubSpotOptions.MaxCustomFieldNameLength)} must be at least 1 (was {options.MaxCustomFieldNameLength}); HubSpot's commonly stated limit is 100.";
        }
    }

    private static IEnumerable<string> PropertyList(IReadOnlyList<string>? names, string path)
    {
        if (names is null)
        {
            yield break;
        }

        for (int i = 0; i < names.Count; i++)
        {
            if (!HubSpotPropertyNames.IsValid(names[i]))
            {
                yield return $"{path}:{i} is not a valid property name (was '{names[i]}'): use HubSpot's internal name, without spaces or commas.";
            }
        }
    }

    private static IEnumerable<string> Consent(HubSpotConsentProperties? consent, string path)
    {
        if (consent is null)
        {
            yield break;
        }

        foreach (var (name, value) in new[]
        {
            (nameof(HubSpotConsentProperties.StatusProperty), consent.StatusProperty),
            (nameof(HubSpotConsentProperties.SourceProperty), consent.SourceProperty),
            (nameof(HubSpotConsentProperties.UpdatedAtProperty), consent.UpdatedAtProperty),
        })
        {
            if (!string.IsNullOrEmpty(value) && !HubSpotPropertyNames.IsValid(value))
            {
                yield return $"{path}:{name} is not a valid property name (was '{value}'): use HubSpot's internal name, without spaces or commas, or leave it empty.";
            }
        }
    }
}
