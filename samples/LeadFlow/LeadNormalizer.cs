using System.Globalization;
using Martech.Sdk;

namespace LeadFlow;

/// <summary>
/// Validates and normalises CSV rows and merges duplicates by email address (ignoring case). A row with an
/// unusable email is rejected with the reason; a bad optional field (phone, consent) is dropped with a warning,
/// so one typo does not lose a lead. Later rows for the same address fill in and override earlier values.
/// </summary>
public static class LeadNormalizer
{
    public static NormalizedLeads Normalize(IEnumerable<LeadRow> rows, string consentSource, DateTimeOffset now)
    {
        var byEmail = new Dictionary<EmailAddress, LeadCandidate>();
        var order = new List<EmailAddress>();
        var rejected = new List<Rejection>();
        var warnings = new List<Rejection>();
        int duplicates = 0;
        foreach (LeadRow row in rows)
        {
            if (string.IsNullOrWhiteSpace(row.Email))
            {
                rejected.Add(new Rejection(row.Line, Describe(row), "'email' is required."));
                continue;
            }

            if (!EmailAddress.TryParse(row.Email, out var email, out var error))
            {
                rejected.Add(new Rejection(row.Line, Printable(row.Email), $"'email' is not a valid email address: {error}"));
                continue;
            }

            PhoneNumber? phone = null;
            if (!string.IsNullOrWhiteSpace(row.Phone))
            {
                if (PhoneNumber.TryParse(row.Phone, out var parsed, out var phoneError))
                {
                    phone = parsed;
                }
                else
                {
                    warnings.Add(new Rejection(row.Line, row.Phone, $"phone ignored: {phoneError}"));
                }
            }

            var candidate = new LeadCandidate
            {
                Line = row.Line,
                Email = email,
                Phone = phone,
                FirstName = Name(row.FirstName),
                LastName = Name(row.LastName),
                Company = Clean(row.Company),
                JobTitle = Clean(row.JobTitle),
                Source = Clean(row.Source)?.ToLowerInvariant(),
                EmailConsent = ParseConsent(row.EmailConsent, "email_consent", row.Line, consentSource, now, warnings),
                SmsConsent = ParseConsent(row.SmsConsent, "sms_consent", row.Line, consentSource, now, warnings),
            };

            if (byEmail.TryGetValue(email, out var earlier))
            {
                duplicates++;
                byEmail[email] = Merge(earlier, candidate);
            }
            else
            {
                byEmail[email] = candidate;
                order.Add(email);
            }
        }

        return new NormalizedLeads(order.Select(e => byEmail[e]).ToList(), rejected, warnings, duplicates);
    }

    private static LeadCandidate Merge(LeadCandidate earlier, LeadCandidate later) => earlier with
    {
        Phone = later.Phone ?? earlier.Phone,
        FirstName = later.FirstName ?? earlier.FirstName,
        LastName = later.LastName ?? earlier.LastName,
        Company = later.Company ?? earlier.Company,
        JobTitle = later.JobTitle ?? earlier.JobTitle,
        Source = later.Source ?? earlier.Source,
        EmailConsent = later.EmailConsent ?? earlier.EmailConsent,
        SmsConsent = later.SmsConsent ?? earlier.SmsConsent,
        MergedLines = [.. earlier.MergedLines, later.Line],
    };

    private static Consent? ParseConsent(string? value, string field, int line, string source, DateTimeOffset now, List<Rejection> warnings)
    {
        // Blank means "no new decision": the CRM's existing consent stays as it is.
        switch (value?.Trim().ToLowerInvariant())
        {
            case null or "":
                return null;
            case "yes" or "y" or "true" or "1" or "granted" or "opt-in":
                return new Consent(ConsentStatus.Granted, source, now);
            case "no" or "n" or "false" or "0" or "denied" or "opt-out":
                return new Consent(ConsentStatus.Denied, source, now);
            case "pending":
                return new Consent(ConsentStatus.Pending, source, now);
            default:
                warnings.Add(new Rejection(line, value!, $"'{field}' ignored: expected yes, no or pending."));
                return null;
        }
    }

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        // Collapse inner white space (including stray line breaks) so names and companies are single-line.
        return string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string? Name(string? value)
    {
        string? clean = Clean(value);
        if (clean is null)
        {
            return null;
        }

        // Fix ALL-CAPS or all-lower names only; "McCarthy" and "van Rossum" are left as written.
        bool upper = clean.All(c => !char.IsLetter(c) || char.IsUpper(c));
        bool lower = clean.All(c => !char.IsLetter(c) || char.IsLower(c));
        return upper || lower ? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(clean.ToLowerInvariant()) : clean;
    }

    private static string Printable(string value) => value.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Describe(LeadRow row) => string.Join(' ', new[] { row.FirstName, row.LastName, row.Company }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
