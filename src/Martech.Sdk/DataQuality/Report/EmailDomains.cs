namespace Martech.Sdk;

// The email-domain knowledge of the quality report: reserved and junk domains, typos of common mailbox providers,
// disposable services (an embedded list) and role local parts. Lists are read once; lookups allocate nothing but the
// suggestion they return.
internal sealed class EmailDomains
{
    internal static readonly string[] CommonDomainList =
    [
        "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.co.in", "yahoo.ca", "yahoo.de", "yahoo.es",
        "yahoo.fr", "yahoo.it", "ymail.com", "rocketmail.com", "hotmail.com", "hotmail.co.uk", "hotmail.de", "hotmail.es",
        "hotmail.fr", "hotmail.it", "outlook.com", "outlook.de", "outlook.fr", "live.com", "live.co.uk", "msn.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "protonmail.com", "proton.me", "gmx.com", "gmx.de", "gmx.net",
        "web.de", "mail.com", "email.com", "yandex.ru", "mail.ru", "comcast.net", "verizon.net", "att.net",
        "sbcglobal.net", "orange.fr", "free.fr", "wanadoo.fr", "t-online.de", "libero.it", "qq.com", "163.com",
        "zoho.com", "fastmail.com", "hey.com", "btinternet.com", "sky.com", "virginmedia.com", "bigpond.com",
        "rediffmail.com",
    ];

    internal static readonly string[] RoleLocalPartList =
    [
        "abuse", "accounts", "admin", "administrator", "billing", "careers", "contact", "customerservice", "do-not-reply",
        "donotreply", "enquiries", "enquiry", "feedback", "finance", "hello", "help", "hostmaster", "hr", "info",
        "inquiries", "it", "jobs", "legal", "mail", "marketing", "media", "newsletter", "no-reply", "noreply", "office",
        "orders", "postmaster", "press", "privacy", "recruitment", "root", "sales", "security", "service", "support",
        "team", "webmaster",
    ];

    // Misspelt top-level domains that are not real ones (.co, .cm, .om and .ne are real, so they are not here).
    private static readonly Dictionary<string, string> TopLevelTypos = new(StringComparer.Ordinal)
    {
        ["con"] = "com", ["cmo"] = "com", ["ocm"] = "com", ["vom"] = "com", ["xom"] = "com", ["cpm"] = "com",
        ["cim"] = "com", ["comm"] = "com", ["coom"] = "com", ["copm"] = "com", ["nte"] = "net", ["nett"] = "net",
        ["ogr"] = "org", ["rog"] = "org", ["orgg"] = "org",
    };

    private static readonly string[] ReservedTopLevel = ["test", "example", "invalid", "localhost", "local"];

    private static readonly string[] ReservedDomains = ["example.com", "example.net", "example.org"];

    private static readonly Lazy<string[]> BuiltInDisposable = new(LoadDisposable);

    private readonly HashSet<string> _common;
    private readonly (string Label, string Tail, string Domain)[] _targets;
    private readonly HashSet<string> _disposable;
    private readonly HashSet<string> _roles;

    public EmailDomains(DataQualityReportOptions options)
    {
        _common = new HashSet<string>(CommonDomainList, StringComparer.Ordinal);
        foreach (string domain in options.CommonDomains)
        {
            _common.Add(domain.Trim().ToLowerInvariant());
        }

        // A typo target has a first label of 5 letters or more: a one-letter change to a shorter name (me.com, aol.com)
        // is as likely another real domain as a typo.
        _targets = [.. _common.Select(Split).Where(t => t.Label.Length >= 5).OrderBy(t => Array.IndexOf(CommonDomainList, t.Domain) is var i and >= 0 ? i : int.MaxValue).ThenBy(t => t.Domain, StringComparer.Ordinal)];
        _disposable = new HashSet<string>(StringComparer.Ordinal);
        if (options.UseBuiltInDisposableDomains)
        {
            _disposable.UnionWith(BuiltInDisposable.Value);
        }

        foreach (string domain in options.DisposableDomains)
        {
            _disposable.Add(domain.Trim().ToLowerInvariant());
        }

        _roles = new HashSet<string>(StringComparer.Ordinal);
        if (options.UseBuiltInRoleLocalParts)
        {
            _roles.UnionWith(RoleLocalPartList.Select(NormaliseLocal));
        }

        foreach (string local in options.RoleLocalParts)
        {
            _roles.Add(NormaliseLocal(local.Trim()));
        }
    }

    public static IReadOnlyCollection<string> DisposableList => BuiltInDisposable.Value;

    public static bool IsDomain(string? value)
    {
        string text = value?.Trim() ?? string.Empty;
        return text.Length > 0 && !text.Contains('@', StringComparison.Ordinal) && EmailAddress.TryParse("x@" + text, out _);
    }

    /// <summary>Why the domain cannot receive mail, or null.</summary>
    public static string? Undeliverable(string domain)
    {
        string top = domain[(domain.LastIndexOf('.') + 1)..];
        if (top.All(char.IsAsciiDigit))
        {
            return $"the domain '{domain}' ends in a number: no top-level domain is numeric (an IP address is not a mail domain).";
        }

        if (top.Length == 1)
        {
            return $"the domain '{domain}' ends in the one-letter top-level domain '.{top}', which does not exist.";
        }

        foreach (string reserved in ReservedTopLevel)
        {
            if (top == reserved)
            {
                return $"the top-level domain '.{top}' is reserved ({(top == "local" ? "RFC 6762, local networks" : "RFC 2606, for tests and documentation")}) and never receives mail.";
            }
        }

        foreach (string reserved in ReservedDomains)
        {
            if (domain == reserved || domain.EndsWith("." + reserved, StringComparison.Ordinal))
            {
                return $"the domain '{reserved}' is reserved for documentation (RFC 2606) and never receives mail.";
            }
        }

        return null;
    }

    /// <summary>The domain the given one is probably a typo of, or null.</summary>
    public string? TypoOf(string domain)
    {
        if (_common.Contains(domain))
        {
            return null;
        }

        int lastDot = domain.LastIndexOf('.');
        string fixedDomain = TopLevelTypos.TryGetValue(domain[(lastDot + 1)..], out string? top) ? domain[..(lastDot + 1)] + top : domain;
        if (_common.Contains(fixedDomain))
        {
            return fixedDomain;
        }

        (string label, string rest, _) = Split(fixedDomain);
        foreach ((string targetLabel, string targetRest, string target) in _targets)
        {
            if (rest == targetRest && label != targetLabel)
            {
                // One edit for short names; two for names of 7 letters or more when the first letter is right.
                int limit = targetLabel.Length >= 7 && label.Length > 0 && label[0] == targetLabel[0] ? 2 : 1;
                if (Math.Abs(label.Length - targetLabel.Length) <= limit && Distance(label, targetLabel, limit) <= limit)
                {
                    return target;
                }
            }
            else if (label == targetLabel && rest != targetRest
                && Math.Abs(rest.Length - targetRest.Length) <= 1 && Distance(rest, targetRest, 1) <= 1)
            {
                return target;
            }
        }

        return fixedDomain == domain ? null : fixedDomain;
    }

    public bool IsDisposable(string domain, out string matched)
    {
        string candidate = domain;
        while (true)
        {
            if (_disposable.Contains(candidate))
            {
                matched = candidate;
                return true;
            }

            int dot = candidate.IndexOf('.');
            if (dot < 0 || candidate.IndexOf('.', dot + 1) < 0)
            {
                matched = string.Empty;
                return false;
            }

            candidate = candidate[(dot + 1)..];
        }
    }

    public bool IsRole(string localPart) => _roles.Count > 0 && _roles.Contains(NormaliseLocal(localPart));

    // Lower case, no +tag, no dots, hyphens or underscores: no-reply, no_reply and noreply are one role.
    internal static string NormaliseLocal(string localPart)
    {
        int plus = localPart.IndexOf('+');
        ReadOnlySpan<char> span = plus >= 0 ? localPart.AsSpan(0, plus) : localPart.AsSpan();
        Span<char> buffer = span.Length <= 64 ? stackalloc char[span.Length] : new char[span.Length];
        int n = 0;
        foreach (char c in span)
        {
            if (c is not ('.' or '-' or '_'))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    // Optimal string alignment distance (insert, delete, substitute, swap two neighbours), stopping above the limit.
    internal static int Distance(string a, string b, int limit)
    {
        int[] previous2 = new int[b.Length + 1];
        int[] previous = new int[b.Length + 1];
        int[] current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            int rowMin = current[0];
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            if (rowMin > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    private static (string Label, string Tail, string Domain) Split(string domain)
    {
        int dot = domain.IndexOf('.');
        return (domain[..dot], domain[(dot + 1)..], domain);
    }

    private static string[] LoadDisposable()
    {
        using Stream stream = typeof(EmailDomains).Assembly.GetManifestResourceStream("Martech.Sdk.DataQuality.DisposableDomains.txt")
            ?? throw new InvalidOperationException("The embedded list of disposable domains is missing from Martech.Sdk.");
        using var reader = new StreamReader(stream);
        var domains = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            string domain = line.Trim();
            if (domain.Length > 0 && domain[0] != '#')
            {
                domains.Add(domain.ToLowerInvariant());
            }
        }

        return [.. domains];
    }
}
