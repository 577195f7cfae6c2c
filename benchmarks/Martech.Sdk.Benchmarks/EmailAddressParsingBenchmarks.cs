using System.Net.Mail;
using BenchmarkDotNet.Attributes;

namespace Martech.Sdk.Benchmarks;

/// <summary>
/// Validating and normalising a batch of realistic addresses with <see cref="EmailAddress.Parse"/>, against the
/// framework's <see cref="MailAddress"/> constructor on the same inputs (the baseline), and rejecting bad input.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class EmailAddressParsingBenchmarks
{
    // Shapes seen in real CRM exports: mixed case, plus-addressing, sub-domains, country TLDs, padding, IDN.
    private readonly string[] _validInputs =
    [
        "ada.lovelace@example.com",
        "Grace.Hopper@Navy.MIL",
        " alan.turing@cam.ac.uk ",
        "katherine+newsletter@nasa.gov",
        "margaret_hamilton@mit.edu",
        "linus.torvalds@linux-foundation.org",
        "o'brien@example.ie",
        "j.doe-smith@mail.sub.example.co.uk",
        "sales-team@acme-corp.io",
        "first.last@company.example",
        "user1234567890@gmail.com",
        "HR@Example.COM",
        "josé.garcía@empresa.es",
        "noreply@notifications.example.net",
        "a.b.c.d@e.f.example.org",
        "marketing.ops+webinar-2025@startup.dev",
    ];

    // Header injection, missing parts, bad characters: what a validating import must refuse.
    private readonly string[] _invalidInputs =
    [
        "a@b.com\r\nBcc: x@y.com",
        "no-at-sign.example.com",
        "two@@example.com",
        "@example.com",
        "ada@",
        ".ada@example.com",
        "ada..lovelace@example.com",
        "\"quoted\"@example.com",
        "ada lovelace@example.com",
        "ada,grace@example.com",
        "<ada@example.com>",
        "ada@localhost",
        "ada@-example.com",
        "ada@[192.0.2.1]",
        "",
        "   ",
    ];

    [Benchmark(Baseline = true, Description = "MailAddress(valid)")]
    public int MailAddressConstructor()
    {
        int total = 0;
        foreach (string input in _validInputs)
        {
            total += new MailAddress(input).Address.Length;
        }

        return total;
    }

    [Benchmark(Description = "EmailAddress.Parse(valid)")]
    public int EmailAddressParse()
    {
        int total = 0;
        foreach (string input in _validInputs)
        {
            total += EmailAddress.Parse(input).Value.Length;
        }

        return total;
    }

    [Benchmark(Description = "MailAddress.TryCreate(invalid)")]
    public int MailAddressTryCreateInvalid()
    {
        int rejected = 0;
        foreach (string input in _invalidInputs)
        {
            if (!MailAddress.TryCreate(input, out _))
            {
                rejected++;
            }
        }

        return rejected;
    }

    [Benchmark(Description = "EmailAddress.TryParse(invalid)")]
    public int EmailAddressTryParseInvalid()
    {
        int rejected = 0;
        foreach (string input in _invalidInputs)
        {
            if (!EmailAddress.TryParse(input, out _, out _))
            {
                rejected++;
            }
        }

        return rejected;
    }
}
