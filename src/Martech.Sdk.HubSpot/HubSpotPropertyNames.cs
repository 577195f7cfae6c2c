using System.Buffers;

namespace Martech.Sdk.HubSpot;

/// <summary>The HubSpot property names the provider maps, and what makes a name usable in a request.</summary>
internal static class HubSpotPropertyNames
{
    public const string Email = "email";
    public const string FirstName = "firstname";
    public const string LastName = "lastname";
    public const string Company = "company";
    public const string JobTitle = "jobtitle";
    public const string Phone = "phone";
    public const string LifecycleStage = "lifecyclestage";
    public const string Owner = "hubspot_owner_id";
    public const string ObjectId = "hs_object_id";
    public const string ContactCreated = "createdate";
    public const string ContactModified = "lastmodifieddate";
    public const string ObjectCreated = "hs_createdate";
    public const string ObjectModified = "hs_lastmodifieddate";

    /// <summary>Properties HubSpot calculates: read into named members where they have one, never written.</summary>
    public static readonly IReadOnlySet<string> AlwaysReadOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ObjectId, ContactCreated, ContactModified, ObjectCreated, ObjectModified,
    };

    private static readonly SearchValues<char> Forbidden = SearchValues.Create(", \t\r\n?&#/");

    /// <summary>Whether a name can be sent in a comma-separated <c>properties</c> list and a JSON body.</summary>
    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.AsSpan().IndexOfAny(Forbidden) < 0;
}
