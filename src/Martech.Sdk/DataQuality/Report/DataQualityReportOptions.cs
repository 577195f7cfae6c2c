namespace Martech.Sdk;

/// <summary>
/// Settings of the data-quality report (<see cref="ContactQualityChecker"/>), bound from
/// <c>Martech:DataQuality:Report</c> and validated when the host starts. Lists add to the built-in ones unless said
/// otherwise.
/// </summary>
public sealed class DataQualityReportOptions
{
    /// <summary>Fields every contact must have, named as <see cref="RecordField"/> names them (<c>Email</c>,
    /// <c>LastName</c>, <c>Company</c>, or a custom field such as <c>country</c>). Empty: no field is required.</summary>
    public IReadOnlyList<string> RequiredFields { get; set; } = [];

    /// <summary>A contact not updated for more days than this is reported as stale; 0 turns the check off (contacts with
    /// no last-updated time are still reported).</summary>
    /// <value>The default value is 365.</value>
    public int StaleAfterDays { get; set; } = 365;

    /// <summary>Lifecycle stages that mean marketing is sent to the contact, so granted email consent is expected.
    /// <see langword="null"/> uses the built-in ones: <c>subscriber</c>, <c>lead</c>, <c>marketingqualifiedlead</c>;
    /// a list replaces them (an empty list turns the check off).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<string>? MarketingStages { get; set; }

    /// <summary>Disposable mailbox domains, in addition to the built-in list (a few hundred common ones). A domain also
    /// covers its subdomains.</summary>
    public IReadOnlyList<string> DisposableDomains { get; set; } = [];

    /// <summary>Whether the built-in list of disposable domains is used.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseBuiltInDisposableDomains { get; set; } = true;

    /// <summary>Local parts (the text before <c>@</c>, without a <c>+tag</c>) that make a role address, in addition to the
    /// built-in ones (<see cref="ContactQualityChecker.BuiltInRoleLocalParts"/>).</summary>
    public IReadOnlyList<string> RoleLocalParts { get; set; } = [];

    /// <summary>Whether the built-in role local parts are used.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseBuiltInRoleLocalParts { get; set; } = true;

    /// <summary>Mailbox domains that are correct as written and are typo targets, in addition to the built-in common
    /// ones (<see cref="ContactQualityChecker.BuiltInCommonDomains"/>); add your own company's domain here.</summary>
    public IReadOnlyList<string> CommonDomains { get; set; } = [];

    /// <summary>Custom fields in which providers keep an email address they could not parse (HubSpot keeps it under
    /// <c>email</c>, Salesforce under <c>Email</c>); names compare ignoring case. <see langword="null"/> uses
    /// <c>email</c>; a list replaces it.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<string>? UnparsedEmailFields { get; set; }

    /// <summary>Custom fields in which providers keep a phone number they could not parse (HubSpot <c>phone</c>,
    /// Salesforce <c>MobilePhone</c>); names compare ignoring case. <see langword="null"/> uses <c>phone</c> and
    /// <c>mobilephone</c>; a list replaces them.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<string>? UnparsedPhoneFields { get; set; }

    /// <summary>Kinds of finding not to check for.</summary>
    public IReadOnlyList<DataQualityFindingKind> SkippedKinds { get; set; } = [];

    /// <summary>How many findings of each kind the report keeps as a sample (every finding goes to the sink).</summary>
    /// <value>The default value is 20.</value>
    public int SamplesPerKind { get; set; } = 20;

    /// <summary>Describes what is wrong, each problem named by its configuration path.</summary>
    /// <param name="configurationPath">The section, such as <c>Martech:DataQuality:Report</c>.</param>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        string p = configurationPath;
        var problems = new List<string>();
        if (RequiredFields is null)
        {
            problems.Add($"{p}:{nameof(RequiredFields)} must not be null; leave it empty to require no field.");
        }
        else
        {
            var seen = new HashSet<RecordField>();
            for (int i = 0; i < RequiredFields.Count; i++)
            {
                string path = $"{p}:{nameof(RequiredFields)}:{i}";
                if (!RecordField.TryParse(RequiredFields[i], out RecordField field, out string? error))
                {
                    problems.Add($"{path}: {error} Remove it or name a field such as Email.");
                }
                else if (!field.AppliesToContacts)
                {
                    problems.Add($"{path} ('{RequiredFields[i]}') is a lead field; contacts have no {field.Name}: remove it or name a contact field (Email, Phone, FirstName, LastName, Company, JobTitle, LifecycleStage, OwnerId, EmailConsent, a custom field, ...).");
                }
                else if (!seen.Add(field))
                {
                    problems.Add($"{path} ('{RequiredFields[i]}') names {field} again: remove it.");
                }
            }
        }

        if (StaleAfterDays is < 0 or > 36_500)
        {
            problems.Add($"{p}:{nameof(StaleAfterDays)} must be a number of days from 1 to 36500, or 0 to turn the stale check off (was {StaleAfterDays}).");
        }

        if (SamplesPerKind is < 0 or > 10_000)
        {
            problems.Add($"{p}:{nameof(SamplesPerKind)} must be from 0 to 10000 (was {SamplesPerKind}).");
        }

        Words(MarketingStages, $"{p}:{nameof(MarketingStages)}", "a lifecycle stage such as subscriber", problems);
        Domains(DisposableDomains, $"{p}:{nameof(DisposableDomains)}", "mailinator.com", problems);
        Domains(CommonDomains, $"{p}:{nameof(CommonDomains)}", "example-corp.com", problems);
        if (RoleLocalParts is null)
        {
            problems.Add($"{p}:{nameof(RoleLocalParts)} must not be null; leave it empty to add none.");
        }
        else
        {
            for (int i = 0; i < RoleLocalParts.Count; i++)
            {
                string? value = RoleLocalParts[i];
                if (string.IsNullOrWhiteSpace(value) || value.Contains('@', StringComparison.Ordinal) || value.Contains('+', StringComparison.Ordinal))
                {
                    problems.Add($"{p}:{nameof(RoleLocalParts)}:{i} ('{value}') must be the part before '@' without a +tag, such as 'events'.");
                }
            }
        }

        Words(UnparsedEmailFields, $"{p}:{nameof(UnparsedEmailFields)}", "a custom field name such as email", problems);
        Words(UnparsedPhoneFields, $"{p}:{nameof(UnparsedPhoneFields)}", "a custom field name such as phone", problems);
        if (SkippedKinds is null)
        {
            problems.Add($"{p}:{nameof(SkippedKinds)} must not be null; leave it empty to run every check.");
        }
        else
        {
            for (int i = 0; i < SkippedKinds.Count; i++)
            {
                if (!Enum.IsDefined(SkippedKinds[i]))
                {
                    problems.Add($"{p}:{nameof(SkippedKinds)}:{i} ({(int)SkippedKinds[i]}) is not a kind of finding; use one of {string.Join(", ", Enum.GetNames<DataQualityFindingKind>())}.");
                }
            }
        }

        return problems;
    }

    /// <summary>Names the type only.</summary>
    /// <returns>The type name.</returns>
    public override string ToString() => nameof(DataQualityReportOptions);

    private static void Words(IReadOnlyList<string>? values, string path, string example, List<string> problems)
    {
        if (values is null)
        {
            return;
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                problems.Add($"{path}:{i} is empty: remove it or write {example}.");
            }
        }
    }

    private static void Domains(IReadOnlyList<string>? values, string path, string example, List<string> problems)
    {
        if (values is null)
        {
            problems.Add($"{path} must not be null; leave it empty to add none.");
            return;
        }

        for (int i = 0; i < values.Count; i++)
        {
            if (!EmailDomains.IsDomain(values[i]))
            {
                problems.Add($"{path}:{i} ('{values[i]}') is not a domain: write it as {example} (no '@', no scheme, at least one dot).");
            }
        }
    }
}
