using System.Text.RegularExpressions;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// Options of a Salesforce provider instance, bound from <c>Martech:&lt;name&gt;</c> (<c>Martech:Salesforce</c> by default)
/// and validated when the host starts. Only <see cref="MyDomainUrl"/>, <see cref="ClientId"/> and
/// <see cref="ClientSecret"/> are needed for the default client-credentials flow.
/// </summary>
/// <remarks>
/// Salesforce has no standard contact fields for a company name, a lifecycle stage or SMS consent, and no standard
/// lead score: <see cref="ContactCompanyField"/>, <see cref="ContactLifecycleStageField"/> and
/// <see cref="LeadScoreField"/> say where those live in your org. <see cref="object.ToString"/> never shows the secrets.
/// </remarks>
public sealed partial class SalesforceOptions : MartechProviderOptions
{
    /// <summary>The largest SOQL batch Salesforce returns (and the largest page a listing asks for).</summary>
    public const int MaxPageSize = 2000;

    /// <summary>The smallest batch size Salesforce accepts in <c>Sforce-Query-Options</c>; smaller pages are read with
    /// <c>LIMIT</c> and an id cursor instead.</summary>
    public const int MinQueryBatchSize = 200;

    /// <summary>The most records one sObject Collections request carries.</summary>
    public const int MaxBatchSize = 200;

    /// <summary>The value of <see cref="ContactCompanyField"/> that keeps a contact's company on its Account.</summary>
    public const string AccountNameCompanyField = "Account.Name";

    /// <summary>Your org's My Domain URL, such as <c>https://acme.my.salesforce.com</c>. Required. The token endpoint is
    /// <c>{MyDomainUrl}/services/oauth2/token</c> unless <see cref="TokenEndpoint"/> says otherwise; API calls go to the
    /// <c>instance_url</c> the token endpoint returns. Must be https (http only on a loopback address, for emulators).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? MyDomainUrl { get; set; }

    /// <summary>The OAuth2 token endpoint; <see langword="null"/> for <c>{MyDomainUrl}/services/oauth2/token</c>. Set it for
    /// the login hosts (<c>https://login.salesforce.com/services/oauth2/token</c>, or <c>test.salesforce.com</c> for
    /// sandboxes) with the refresh-token grant.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? TokenEndpoint { get; set; }

    /// <summary>The connected app's consumer key. Required.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ClientId { get; set; }

    /// <summary>The connected app's consumer secret. Required for the client-credentials grant.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ClientSecret { get; set; }

    /// <summary>How access tokens are obtained: the client-credentials flow of a connected app with a run-as user, or a
    /// refresh token from a user's consent.</summary>
    /// <value>The default value is <see cref="OAuth2GrantType.ClientCredentials"/>.</value>
    public OAuth2GrantType GrantType { get; set; } = OAuth2GrantType.ClientCredentials;

    /// <summary>The refresh token for <see cref="OAuth2GrantType.RefreshToken"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? RefreshToken { get; set; }

    /// <summary>The REST API version in request paths (<c>/services/data/{ApiVersion}/</c>), written as <c>vNN.N</c>.</summary>
    /// <value>The default value is <c>"v62.0"</c>.</value>
    public string ApiVersion { get; set; } = "v62.0";

    /// <summary>
    /// Requests per second this instance sends at most. Salesforce publishes a rolling 24-hour allocation per org
    /// (reported in <c>Sforce-Limit-Info</c>, which also feeds the budget) and a limit on concurrent long requests, not a
    /// per-second rate; this is an assumption that keeps bulk work fast without spending the org's daily allocation in
    /// minutes. Lower it when other integrations share the org.
    /// </summary>
    /// <value>The default value is 20.</value>
    public int RequestsPerSecond { get; set; } = 20;

    /// <summary>
    /// The API name of a Contact external-id field that holds the email address, such as <c>Email_Key__c</c>. When set,
    /// upserts by email use <c>PATCH /sobjects/Contact/{field}/{email}</c> and bulk upserts the collection upsert, so
    /// Salesforce itself matches (atomically, case-insensitively for a case-insensitive external id). When
    /// <see langword="null"/>, upserts find the contact with SOQL (<c>WHERE Email = …</c>) and then create or update it:
    /// Email is not an external id in Salesforce, and two processes upserting the same new address at once can each
    /// create a contact.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ContactEmailExternalIdField { get; set; }

    /// <summary>
    /// Where <see cref="Contact.Company"/> lives. <c>"Account.Name"</c>: on the contact's Account, found by name (and
    /// created when <see cref="CreateMissingAccounts"/> is on), read through the <c>Account.Name</c> relationship. Any other
    /// value is the API name of a Contact text field written directly, such as <c>Company__c</c>.
    /// </summary>
    /// <value>The default value is <c>"Account.Name"</c>.</value>
    public string ContactCompanyField { get; set; } = AccountNameCompanyField;

    /// <summary>Whether an upsert whose company matches no Account creates one (with
    /// <see cref="ContactCompanyField"/> <c>"Account.Name"</c>). When off, such a contact fails with
    /// <c>ACCOUNT_NOT_FOUND</c> instead.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CreateMissingAccounts { get; set; } = true;

    /// <summary>The API name of the Contact field that holds <see cref="Contact.LifecycleStage"/>, such as
    /// <c>LifecycleStage__c</c>. Salesforce has no standard one: when <see langword="null"/>, the stage is neither written nor
    /// read, and listing by stage throws <see cref="NotSupportedException"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? ContactLifecycleStageField { get; set; }

    /// <summary>The API name of the Lead number field that holds <see cref="Lead.Score"/>, such as <c>Score__c</c>.
    /// Salesforce has no standard one: when <see langword="null"/>, the score is neither written nor read.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? LeadScoreField { get; set; }

    /// <summary>The API name of the Lead field that holds <see cref="Lead.Title"/>. Salesforce's <c>Title</c> is the
    /// lead's job title; point this at another text field to keep them apart.</summary>
    /// <value>The default value is <c>"Title"</c>.</value>
    public string LeadTitleField { get; set; } = "Title";

    /// <summary>
    /// Maps <see cref="LeadStatus"/> values (keys, case-insensitive) to your org's Lead Status picklist values. Values
    /// not in the map are sent as they are, and Salesforce values read back are mapped in reverse (the first key for a
    /// value wins) or kept as they are. Configuration adds to or replaces these entries.
    /// </summary>
    /// <value>The default value maps <c>new</c> → <c>Open - Not Contacted</c>, <c>working</c> → <c>Working - Contacted</c>,
    /// <c>converted</c> → <c>Closed - Converted</c> and <c>unqualified</c> → <c>Closed - Not Converted</c>, Salesforce's
    /// default picklist; <c>open</c>, <c>nurturing</c> and <c>qualified</c> have no default counterpart and are sent as
    /// <c>Open</c>, <c>Nurturing</c> and <c>Qualified</c>.</value>
    public IReadOnlyDictionary<string, string> LeadStatusMap { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["new"] = "Open - Not Contacted",
        ["working"] = "Working - Contacted",
        ["converted"] = "Closed - Converted",
        ["unqualified"] = "Closed - Not Converted",
        ["open"] = "Open",
        ["nurturing"] = "Nurturing",
        ["qualified"] = "Qualified",
    };

    /// <summary>The last name written when a contact or lead is created without one (Salesforce requires
    /// <c>LastName</c>); <see langword="null"/> to send none, so Salesforce refuses such records with
    /// <c>REQUIRED_FIELD_MISSING</c>.</summary>
    /// <value>The default value is <c>"[not provided]"</c>.</value>
    public string? DefaultLastName { get; set; } = "[not provided]";

    /// <summary>The company written when a lead is created without one (Salesforce requires a lead's <c>Company</c>);
    /// <see langword="null"/> to send none.</summary>
    /// <value>The default value is <c>"[not provided]"</c>.</value>
    public string? DefaultLeadCompany { get; set; } = "[not provided]";

    /// <summary>The page size of listings that ask for none. Pages of 200 or more follow Salesforce's
    /// <c>nextRecordsUrl</c>; smaller pages use <c>LIMIT</c> and an id cursor.</summary>
    /// <value>The default value is 2000.</value>
    public int DefaultPageSize { get; set; } = MaxPageSize;

    /// <summary>How long an object's field list (from <c>/sobjects/{type}/describe</c>) is kept. It decides which custom
    /// fields listings select and which fields are writable; a custom field added in Salesforce shows up after this.</summary>
    /// <value>The default value is 15 minutes.</value>
    public TimeSpan DescribeCacheDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Retries, timeouts and the circuit breaker of this instance's HTTP transport.</summary>
    /// <value>The default value is the transport's defaults (3 retries, 30 s per attempt, 2 minutes in all).</value>
    public MartechResilienceOptions Resilience { get; set; } = new();

    /// <summary>Outbound messages: the org id and the shared URL token that authenticate them, and the endpoint path
    /// (<c>Martech:&lt;name&gt;:Webhooks</c>). Without both, outbound messages are refused.</summary>
    public SalesforceWebhookOptions Webhooks { get; set; } = new();

    /// <summary>The token endpoint used: <see cref="TokenEndpoint"/>, or the My Domain one.</summary>
    /// <returns>The endpoint.</returns>
    /// <exception cref="InvalidOperationException">Neither is set.</exception>
    internal Uri ResolveTokenEndpoint() =>
        TokenEndpoint ?? (MyDomainUrl is { } domain
            ? new Uri(domain, "/services/oauth2/token")
            : throw new InvalidOperationException("SalesforceOptions.MyDomainUrl is not set."));

    /// <inheritdoc />
    public override IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        return Problems(configurationPath);
    }

    /// <summary>Whether a URL is acceptable as an endpoint: https, or http on a loopback host.</summary>
    /// <param name="url">The URL.</param>
    /// <returns><see langword="true"/> when acceptable.</returns>
    internal static bool IsSecureOrLoopback(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));

    [GeneratedRegex(@"^v[1-9][0-9]{0,2}\.[0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiVersionPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]{0,79}$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldNamePattern();

    private IEnumerable<string> Problems(string path)
    {
        if (MyDomainUrl is null)
        {
            yield return $"{path}:{nameof(MyDomainUrl)} is required: your org's My Domain URL, such as https://acme.my.salesforce.com.";
        }
        else if (!IsSecureOrLoopback(MyDomainUrl))
        {
            yield return $"{path}:{nameof(MyDomainUrl)} must be an absolute https URL (http only on a loopback address) (was '{MyDomainUrl}').";
        }

        if (TokenEndpoint is not null && !IsSecureOrLoopback(TokenEndpoint))
        {
            yield return $"{path}:{nameof(TokenEndpoint)} must be an absolute https URL (http only on a loopback address) (was '{TokenEndpoint}').";
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return $"{path}:{nameof(ClientId)} is required: the connected app's consumer key.";
        }

        if (!Enum.IsDefined(GrantType))
        {
            yield return $"{path}:{nameof(GrantType)} must be ClientCredentials or RefreshToken (was {(int)GrantType}).";
        }
        else if (GrantType == OAuth2GrantType.ClientCredentials && string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return $"{path}:{nameof(ClientSecret)} is required for the client-credentials grant: the connected app's consumer secret.";
        }
        else if (GrantType == OAuth2GrantType.RefreshToken && string.IsNullOrWhiteSpace(RefreshToken))
        {
            yield return $"{path}:{nameof(RefreshToken)} is required when {path}:{nameof(GrantType)} is RefreshToken.";
        }

        if (ApiVersion is null || !ApiVersionPattern().IsMatch(ApiVersion))
        {
            yield return $"{path}:{nameof(ApiVersion)} must look like v62.0 (was '{ApiVersion}').";
        }

        if (RequestsPerSecond is < 1 or > 10_000)
        {
            yield return $"{path}:{nameof(RequestsPerSecond)} must be between 1 and 10000 (was {RequestsPerSecond}).";
        }

        foreach (var (name, value, required) in new (string, string?, bool)[]
        {
            (nameof(ContactEmailExternalIdField), ContactEmailExternalIdField, false),
            (nameof(ContactLifecycleStageField), ContactLifecycleStageField, false),
            (nameof(LeadScoreField), LeadScoreField, false),
            (nameof(LeadTitleField), LeadTitleField, true),
        })
        {
            if (value is null ? required : !FieldNamePattern().IsMatch(value))
            {
                yield return $"{path}:{name} must be a field API name such as Title or My_Field__c (was '{value}').";
            }
        }

        if (ContactCompanyField is null || (ContactCompanyField != AccountNameCompanyField && !FieldNamePattern().IsMatch(ContactCompanyField)))
        {
            yield return $"{path}:{nameof(ContactCompanyField)} must be '{AccountNameCompanyField}' or a Contact field API name such as Company__c (was '{ContactCompanyField}').";
        }

        if (LeadStatusMap is null)
        {
            yield return $"{path}:{nameof(LeadStatusMap)} cannot be null.";
        }
        else
        {
            foreach (KeyValuePair<string, string> entry in LeadStatusMap)
            {
                if (string.IsNullOrWhiteSpace(entry.Key) || string.IsNullOrWhiteSpace(entry.Value))
                {
                    yield return $"{path}:{nameof(LeadStatusMap)} has an empty status or picklist value ('{entry.Key}' → '{entry.Value}').";
                }
            }
        }

        if (DefaultLastName is { } lastName && string.IsNullOrWhiteSpace(lastName))
        {
            yield return $"{path}:{nameof(DefaultLastName)} cannot be empty; leave it unset (null) to send no last name.";
        }

        if (DefaultLeadCompany is { } company && string.IsNullOrWhiteSpace(company))
        {
            yield return $"{path}:{nameof(DefaultLeadCompany)} cannot be empty; leave it unset (null) to send no company.";
        }

        if (DefaultPageSize is < 1 or > MaxPageSize)
        {
            yield return $"{path}:{nameof(DefaultPageSize)} must be between 1 and {MaxPageSize} (was {DefaultPageSize}).";
        }

        if (DescribeCacheDuration < TimeSpan.Zero)
        {
            yield return $"{path}:{nameof(DescribeCacheDuration)} cannot be negative (was {DescribeCacheDuration}).";
        }

        foreach (string problem in ResilienceProblems(Resilience, path))
        {
            yield return problem;
        }

        foreach (string problem in Webhooks is null ? [$"{path}:{nameof(Webhooks)} is required."] : Webhooks.Validate($"{path}:{nameof(Webhooks)}"))
        {
            yield return problem;
        }
    }
}
