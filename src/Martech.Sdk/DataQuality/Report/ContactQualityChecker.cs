using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// Checks contacts from any provider for data-quality problems (<see cref="DataQualityFindingKind"/>): invalid,
/// mistyped, disposable and role email addresses, invalid or fake phone numbers, missing required fields, stale
/// records, and consent gaps. <see cref="Check"/> checks one contact; <see cref="ReportAsync"/> streams any number and
/// counts.
/// </summary>
/// <remarks>
/// <para>A run holds one contact at a time: memory depends on the number of instances and
/// <see cref="DataQualityReportOptions.SamplesPerKind"/>, not on the number of contacts. Every finding goes to the sink
/// as it is found, so a million contacts' findings never pile up in the report.</para>
/// <para>Thread-safe: one instance may serve several runs at once. <c>AddDataQualityReport()</c> registers one, with
/// its settings from <c>Martech:DataQuality:Report</c>.</para>
/// </remarks>
public sealed class ContactQualityChecker
{
    private static readonly string[] DefaultMarketingStages = ["subscriber", "lead", "marketingqualifiedlead"];
    private static readonly string[] DefaultUnparsedEmailFields = ["email"];
    private static readonly string[] DefaultUnparsedPhoneFields = ["phone", "mobilephone"];
    private static readonly DataQualityFindingKind[] Kinds = Enum.GetValues<DataQualityFindingKind>();

    private readonly DataQualityReportOptions _options;
    private readonly TimeProvider _time;
    private readonly EmailDomains _domains;
    private readonly RecordField[] _required;
    private readonly HashSet<LifecycleStage> _marketingStages;
    private readonly string[] _unparsedEmailFields;
    private readonly string[] _unparsedPhoneFields;
    private readonly bool[] _skipped;

    /// <summary>Creates a checker with the default settings.</summary>
    public ContactQualityChecker()
        : this(new DataQualityReportOptions())
    {
    }

    /// <summary>Creates a checker.</summary>
    /// <param name="options">The settings; they are validated now.</param>
    /// <param name="timeProvider">The clock staleness is judged by; the system clock when omitted.</param>
    /// <exception cref="ArgumentException">A setting is wrong; the message names each one as
    /// <c>DataQualityReportOptions:Setting</c>.</exception>
    public ContactQualityChecker(DataQualityReportOptions options, TimeProvider? timeProvider = null)
        : this(options, timeProvider, nameof(DataQualityReportOptions))
    {
    }

    internal ContactQualityChecker(DataQualityReportOptions options, TimeProvider? timeProvider, string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> problems = [.. options.Validate(configurationPath)];
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _domains = new EmailDomains(options);
        _required = [.. options.RequiredFields.Select(RecordField.Parse)];
        _marketingStages = [.. (options.MarketingStages ?? DefaultMarketingStages).Select(s => new LifecycleStage(s.Trim()))];
        _unparsedEmailFields = [.. (options.UnparsedEmailFields ?? DefaultUnparsedEmailFields).Select(s => s.Trim())];
        _unparsedPhoneFields = [.. (options.UnparsedPhoneFields ?? DefaultUnparsedPhoneFields).Select(s => s.Trim())];
        _skipped = new bool[Kinds.Length];
        foreach (DataQualityFindingKind kind in options.SkippedKinds)
        {
            _skipped[(int)kind] = true;
        }
    }

    /// <summary>The local parts that make a role address unless <see cref="DataQualityReportOptions.UseBuiltInRoleLocalParts"/>
    /// is off. They compare ignoring case, a <c>+tag</c>, dots, hyphens and underscores (<c>No_Reply+x@</c> is
    /// <c>noreply@</c>).</summary>
    public static IReadOnlyList<string> BuiltInRoleLocalParts { get; } = EmailDomains.RoleLocalPartList;

    /// <summary>The common mailbox domains: never reported as typos, and (those whose first label has 5 letters or
    /// more) the domains a typo is matched against.</summary>
    public static IReadOnlyList<string> BuiltInCommonDomains { get; } = EmailDomains.CommonDomainList;

    /// <summary>The built-in disposable mailbox domains (a few hundred common ones, embedded in the package).</summary>
    public static IReadOnlyCollection<string> BuiltInDisposableDomains => EmailDomains.DisposableList;

    /// <summary>Checks one contact.</summary>
    /// <param name="contact">The contact and its instance.</param>
    /// <returns>Its findings, in the order the checks run: email, phone, required fields, last update, consent.</returns>
    public IReadOnlyList<DataQualityFinding> Check(SourcedContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var findings = new List<DataQualityFinding>();
        CheckInto(contact, _time.GetUtcNow(), findings);
        return findings;
    }

    /// <summary>Checks every contact of a stream, sends each finding to <paramref name="sink"/> as it is found, and
    /// returns the totals per kind and per instance with a bounded sample of findings.</summary>
    /// <param name="contacts">The contacts, such as <see cref="SourcedContact.ListAsync"/> of one or more instances.</param>
    /// <param name="sink">Receives every finding, in order; an exception it throws ends the run. <see langword="null"/>
    /// to keep only the totals and the sample.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The stream yields a null contact or one with no instance name.</exception>
    public async Task<DataQualityReport> ReportAsync(
        IAsyncEnumerable<SourcedContact> contacts,
        Func<DataQualityFinding, CancellationToken, ValueTask>? sink = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        DateTimeOffset now = _time.GetUtcNow();
        var total = new Counter();
        var instances = new Dictionary<string, Counter>(StringComparer.Ordinal);
        var samples = new List<DataQualityFinding>[Kinds.Length];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = [];
        }

        var findings = new List<DataQualityFinding>();
        await foreach (SourcedContact contact in contacts.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (contact is null || string.IsNullOrWhiteSpace(contact.Instance) || contact.Contact is null)
            {
                throw new ArgumentException($"The contacts stream yielded {(contact is null ? "null" : "a contact with no instance name or no contact")} after {total.Contacts} contacts; every item needs an instance name and a contact.", nameof(contacts));
            }

            findings.Clear();
            CheckInto(contact, now, findings);
            if (!instances.TryGetValue(contact.Instance, out Counter? instance))
            {
                instance = new Counter();
                instances.Add(contact.Instance, instance);
            }

            total.Add(findings);
            instance.Add(findings);
            foreach (DataQualityFinding finding in findings)
            {
                List<DataQualityFinding> sample = samples[(int)finding.Kind];
                if (sample.Count < _options.SamplesPerKind)
                {
                    sample.Add(finding);
                }

                if (sink is not null)
                {
                    await sink(finding, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return new DataQualityReport
        {
            CheckedAt = now,
            Totals = total.ToTotals(),
            ByInstance = instances.ToDictionary(p => p.Key, p => p.Value.ToTotals(), StringComparer.Ordinal),
            Samples = [.. samples.SelectMany(s => s)],
        };
    }

    private void CheckInto(SourcedContact sourced, DateTimeOffset now, List<DataQualityFinding> findings)
    {
        Contact contact = sourced.Contact;
        var context = new Context(this, sourced, findings);
        bool unparsedEmail = false;
        if (contact.Email is { } email)
        {
            CheckEmail(context, email, RecordField.Email);
        }
        else if (Unparsed(contact, _unparsedEmailFields) is ({ } name, { } text))
        {
            context.EmailText = text;
            if (EmailAddress.TryParse(text, out EmailAddress parsed, out string? error))
            {
                CheckEmail(context, parsed, RecordField.Custom(name));
            }
            else
            {
                unparsedEmail = true;
                context.Add(DataQualityFindingKind.InvalidEmail, RecordField.Custom(name), text, $"'{text}' is not a valid email address: {error}", Repair(text));
            }
        }

        bool unparsedPhone = false;
        if (contact.Phone is { } phone)
        {
            (string? reason, string? suggestion) = PhoneChecks.Check(phone.Value);
            if (reason is not null)
            {
                context.Add(DataQualityFindingKind.InvalidPhone, RecordField.Phone, phone.Value, $"'{phone.Value}' is not a real phone number: {reason}", suggestion);
            }
        }
        else if (Unparsed(contact, _unparsedPhoneFields) is ({ } name, { } text))
        {
            if (PhoneNumber.TryParse(text, out PhoneNumber parsed, out string? error))
            {
                (string? reason, string? suggestion) = PhoneChecks.Check(parsed.Value);
                if (reason is not null)
                {
                    context.Add(DataQualityFindingKind.InvalidPhone, RecordField.Custom(name), text, $"'{parsed.Value}' is not a real phone number: {reason}", suggestion);
                }
            }
            else
            {
                unparsedPhone = true;
                context.Add(DataQualityFindingKind.InvalidPhone, RecordField.Custom(name), text, $"'{text}' is not an E.164 phone number: {error}");
            }
        }

        foreach (RecordField field in _required)
        {
            // An address or number kept unparsed is reported as invalid above, once.
            if (!field.HasValue(contact) && !(field == RecordField.Email && unparsedEmail) && !(field == RecordField.Phone && unparsedPhone))
            {
                context.Add(DataQualityFindingKind.MissingField, field, null, $"the required field {field.Name} is empty.");
            }
        }

        if (contact.UpdatedAt is { } updated)
        {
            if (_options.StaleAfterDays > 0 && now - updated > TimeSpan.FromDays(_options.StaleAfterDays))
            {
                int days = (int)(now - updated).TotalDays;
                context.Add(
                    DataQualityFindingKind.StaleRecord,
                    RecordField.UpdatedAt,
                    RecordField.UpdatedAt.GetText(contact),
                    $"last updated {days} days ago ({updated.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}); the limit is {_options.StaleAfterDays} days.",
                    "confirm the record is still current, or archive it");
            }
        }
        else
        {
            context.Add(DataQualityFindingKind.MissingUpdatedAt, RecordField.UpdatedAt, null, "the record has no last-updated time, so its age cannot be told.");
        }

        CheckConsent(context, contact);
    }

    private void CheckEmail(Context context, EmailAddress email, RecordField field)
    {
        string domain = email.Domain;
        if (EmailDomains.Undeliverable(domain) is { } undeliverable)
        {
            context.Add(DataQualityFindingKind.InvalidEmail, field, email.Value, $"'{email.Value}' cannot receive mail: {undeliverable}");
        }
        else if (_domains.TypoOf(domain) is { } correct)
        {
            context.Add(DataQualityFindingKind.EmailDomainTypo, field, email.Value, $"the domain '{domain}' looks like a typo of '{correct}'.", $"{email.LocalPart}@{correct}");
        }
        else if (_domains.IsDisposable(domain, out string service))
        {
            context.Add(DataQualityFindingKind.DisposableEmail, field, email.Value, $"'{service}' is a disposable mailbox service: the address is likely thrown away.");
        }

        if (_domains.IsRole(email.LocalPart))
        {
            context.Add(DataQualityFindingKind.RoleEmail, field, email.Value, $"'{email.LocalPart}@' is a role address, a team's mailbox rather than a person's.");
        }
    }

    private void CheckConsent(Context context, Contact contact)
    {
        bool noEmailConsent = contact.Email is not null && contact.EmailConsent is null;
        if (noEmailConsent)
        {
            context.Add(DataQualityFindingKind.ConsentGap, RecordField.EmailConsent, null, "the contact has an email address but no email consent is recorded.", "record the consent status with its source and date");
        }

        Provenance(context, contact.EmailConsent, RecordField.EmailConsent, "email");
        Provenance(context, contact.SmsConsent, RecordField.SmsConsent, "SMS");
        if (contact.LifecycleStage is { } stage && _marketingStages.Contains(stage) && contact.EmailConsent?.AllowsMarketing != true && !noEmailConsent)
        {
            context.Add(
                DataQualityFindingKind.ConsentGap,
                RecordField.LifecycleStage,
                stage.Value,
                $"the lifecycle stage '{stage.Value}' is one marketing is sent to, but email consent is {(contact.EmailConsent is { } consent ? $"'{consent.Status.Value}'" : "not recorded")}.",
                "record granted consent, or move the contact out of the marketing stages");
        }
    }

    private static void Provenance(Context context, Consent? consent, RecordField field, string channel)
    {
        if (consent is null || consent.Status != ConsentStatus.Granted)
        {
            return;
        }

        bool noSource = string.IsNullOrWhiteSpace(consent.Source);
        bool noDate = consent.UpdatedAt is null;
        if (noSource || noDate)
        {
            string missing = noSource && noDate ? "source or date" : noSource ? "source" : "date";
            context.Add(DataQualityFindingKind.ConsentGap, field, consent.Status.Value, $"{channel} consent is granted with no {missing}, so it cannot be proven.", "record where and when consent was given");
        }
    }

    // A provider keeps an address or number it could not parse as text in a custom field (HubSpot, Salesforce).
    private static (string? Name, string? Text) Unparsed(Contact contact, string[] names)
    {
        if (contact.CustomFields.Count == 0)
        {
            return (null, null);
        }

        foreach (string name in names)
        {
            foreach (string key in contact.CustomFields.Keys)
            {
                if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && contact.CustomFields.GetString(key) is { } text && !string.IsNullOrWhiteSpace(text))
                {
                    return (key, text);
                }
            }
        }

        return (null, null);
    }

    // The usual slips that make an address unparsable: spaces, a comma for a dot, a doubled or trailing dot.
    private string? Repair(string text)
    {
        string repaired = new string([.. text.Where(c => !char.IsWhiteSpace(c))]).Replace(',', '.').TrimEnd('.');
        while (repaired.Contains("..", StringComparison.Ordinal))
        {
            repaired = repaired.Replace("..", ".", StringComparison.Ordinal);
        }

        if (!EmailAddress.TryParse(repaired, out EmailAddress email) || EmailDomains.Undeliverable(email.Domain) is not null)
        {
            return null;
        }

        return _domains.TypoOf(email.Domain) is { } correct ? $"{email.LocalPart}@{correct}" : email.Value;
    }

    private sealed class Context(ContactQualityChecker checker, SourcedContact sourced, List<DataQualityFinding> findings)
    {
        public string? EmailText { get; set; } = sourced.Contact.Email?.Value;

        public void Add(DataQualityFindingKind kind, RecordField field, string? value, string reason, string? suggestion = null)
        {
            if (!checker._skipped[(int)kind])
            {
                findings.Add(new DataQualityFinding(sourced.Instance, sourced.Contact.Id, EmailText, kind, field, value, reason, suggestion));
            }
        }
    }

    private sealed class Counter
    {
        private readonly long[] _byKind = new long[Kinds.Length];

        public long Contacts { get; private set; }

        public long ContactsWithFindings { get; private set; }

        public long Findings { get; private set; }

        public void Add(List<DataQualityFinding> findings)
        {
            Contacts++;
            if (findings.Count > 0)
            {
                ContactsWithFindings++;
                Findings += findings.Count;
                foreach (DataQualityFinding finding in findings)
                {
                    _byKind[(int)finding.Kind]++;
                }
            }
        }

        public DataQualityTotals ToTotals() => new()
        {
            Contacts = Contacts,
            ContactsWithFindings = ContactsWithFindings,
            Findings = Findings,
            ByKind = Kinds.ToDictionary(k => k, k => _byKind[(int)k]),
        };
    }
}
