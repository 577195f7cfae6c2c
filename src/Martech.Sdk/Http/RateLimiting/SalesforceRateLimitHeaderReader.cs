namespace Martech.Sdk;

/// <summary>
/// Reads Salesforce's <c>Sforce-Limit-Info: api-usage=18/5000</c> (requests used / allowed in the org's rolling
/// 24 hours), and <c>per-app-api-usage=17/250(appName=…)</c> when present, reporting the one with fewer remaining.
/// There is no reset time.
/// </summary>
internal sealed class SalesforceRateLimitHeaderReader : IRateLimitHeaderReader
{
    public static SalesforceRateLimitHeaderReader Instance { get; } = new();

    public bool TryRead(HttpResponseMessage response, DateTimeOffset now, out RateLimitSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(response);
        snapshot = default;
        string? value = RateLimitHeaderValues.First(response, "Sforce-Limit-Info");
        if (value is null)
        {
            return false;
        }

        bool found = false;
        ReadOnlySpan<char> span = value.AsSpan();
        foreach (Range range in span.Split(','))
        {
            ReadOnlySpan<char> item = span[range].Trim();
            int eq = item.IndexOf('=');
            if (eq <= 0)
            {
                continue;
            }

            ReadOnlySpan<char> name = item[..eq].Trim();
            if (!name.Equals("api-usage", StringComparison.OrdinalIgnoreCase) && !name.Equals("per-app-api-usage", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            ReadOnlySpan<char> usage = item[(eq + 1)..];
            int paren = usage.IndexOf('(');
            if (paren >= 0)
            {
                usage = usage[..paren];
            }

            int slash = usage.IndexOf('/');
            if (slash <= 0
                || RateLimitHeaderValues.Number(usage[..slash]) is not double used
                || RateLimitHeaderValues.Number(usage[(slash + 1)..]) is not double max)
            {
                continue;
            }

            long limit = (long)Math.Min(max, long.MaxValue / 2);
            long remaining = Math.Max(0, limit - (long)Math.Min(used, long.MaxValue / 2));
            if (!found || remaining < snapshot.Remaining)
            {
                snapshot = new RateLimitSnapshot(limit, remaining, null);
                found = true;
            }
        }

        return found;
    }
}
