using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk.Tests.DataQuality.Report;

/// <summary>The report over a stream of contacts: totals per kind and per instance against a hand-checked table,
/// findings streamed to the sink as they are found, a bounded sample, and the in-memory provider end to end.</summary>
public class QualityReportTests
{
    // instance | id | email | unparsed email | phone | unparsed phone | last name | company | stage | updated | consent (status;source;date)
    // The findings of each row, checked by hand at 2026-06-01T12:00Z with LastName and Company required and the defaults
    // otherwise, are in the comment after it.
    private const string Messy = """
        HubSpot|h1|ada@acme.io||+14155552671||Lovelace|Acme|customer|2026-05-01|granted;webinar;2026-01-10
        HubSpot|h2|bob@gmial.com||||Builder|Bobco|subscriber|2026-04-01|granted;form;2026-02-01
        HubSpot|h3||carol@example-corp,com|||Carter|Carolco|lead|2026-03-01|
        HubSpot|h4|info@example.com||||Doe||customer|2026-05-20|granted;import;2026-05-20
        HubSpot|h5|dan@mailinator.com||+4407911123456||Dane|Danco|customer|2024-01-15|granted;form;2024-01-15
        HubSpot|h6|erin@acme.io|||555-0100|Evans|Acme|customer||granted;form;2026-01-01
        HubSpot|h7|frank@acme.io||+14155550123||Fox|Acme|customer|2026-05-01|
        Pipedrive|p1|gina@acme.io||||Gray|Acme|customer|2026-05-01|granted;;
        Pipedrive|p2|hal@hotmial.con||||||customer|2026-05-01|granted;form;2026-05-01
        Pipedrive|p3|sales@yopmail.com||||Ives|Ivco|subscriber|2026-05-01|denied;unsubscribe;2026-05-01
        Pipedrive|p4|jo@acme.io||+12225555555||Jones|Acme|customer|2025-01-01|granted;form;2025-01-01
        Pipedrive|p5|kim@acme.io||||Kim|Acme|customer|2026-05-01|granted;form;2026-05-01
        Pipedrive|p6|||||Lee|Leeco|customer||
        Pipedrive|p7|max@acme.io||+447700900123||Moss|Acme|customer|2026-05-01|granted;form;2026-05-01
        """;

    // h1 none · h2 typo · h3 invalid email, stage without consent · h4 invalid email (example.com), role, no company ·
    // h5 disposable, +44 with trunk 0, stale (868 days) · h6 unparsed phone, no update time · h7 fictional 555-0123,
    // no email consent · p1 consent with no source or date · p2 typo (.con and hotmial), no last name, no company ·
    // p3 disposable, role, subscriber with denied consent · p4 all 5s, stale (516 days) · p5 none · p6 no update time ·
    // p7 Ofcom drama number.
    private static readonly Dictionary<DataQualityFindingKind, (long HubSpot, long Pipedrive)> Expected = new()
    {
        [DataQualityFindingKind.InvalidEmail] = (2, 0),
        [DataQualityFindingKind.EmailDomainTypo] = (1, 1),
        [DataQualityFindingKind.DisposableEmail] = (1, 1),
        [DataQualityFindingKind.RoleEmail] = (1, 1),
        [DataQualityFindingKind.InvalidPhone] = (3, 2),
        [DataQualityFindingKind.MissingField] = (1, 2),
        [DataQualityFindingKind.StaleRecord] = (1, 1),
        [DataQualityFindingKind.MissingUpdatedAt] = (1, 1),
        [DataQualityFindingKind.ConsentGap] = (2, 2),
    };

    private static ContactQualityChecker Checker(int samples = 20) =>
        new(new DataQualityReportOptions { RequiredFields = ["LastName", "Company"], SamplesPerKind = samples }, Clock.At2026);

    [Fact]
    public async Task ReportAsync_MessyContacts_TotalsMatchTheHandCheckedTable()
    {
        var sunk = new List<DataQualityFinding>();

        DataQualityReport report = await Checker(samples: 2).ReportAsync(Read(Messy), (f, _) => { sunk.Add(f); return ValueTask.CompletedTask; });

        Assert.Equal(Clock.Now, report.CheckedAt);
        Assert.Equal(14, report.Totals.Contacts);
        Assert.Equal(12, report.Totals.ContactsWithFindings);
        Assert.Equal(24, report.Totals.Findings);
        Assert.Equal(24, sunk.Count);
        foreach ((DataQualityFindingKind kind, (long hubSpot, long pipedrive)) in Expected)
        {
            Assert.True(report.Totals.Count(kind) == hubSpot + pipedrive, $"{kind}: {report.Totals.Count(kind)}");
            Assert.True(report.ByInstance["HubSpot"].Count(kind) == hubSpot, $"HubSpot {kind}: {report.ByInstance["HubSpot"].Count(kind)}");
            Assert.True(report.ByInstance["Pipedrive"].Count(kind) == pipedrive, $"Pipedrive {kind}: {report.ByInstance["Pipedrive"].Count(kind)}");
            Assert.Equal(sunk.Count(f => f.Kind == kind), report.Totals.Count(kind));
        }

        Assert.Equal(Enum.GetValues<DataQualityFindingKind>().Length, report.Totals.ByKind.Count);
        Assert.Equal((7, 6, 13), (report.ByInstance["HubSpot"].Contacts, report.ByInstance["HubSpot"].ContactsWithFindings, report.ByInstance["HubSpot"].Findings));
        Assert.Equal((7, 6, 11), (report.ByInstance["Pipedrive"].Contacts, report.ByInstance["Pipedrive"].ContactsWithFindings, report.ByInstance["Pipedrive"].Findings));
        Assert.Equal(["h2", "h3", "h4", "h5", "h6", "h7", "p1", "p2", "p3", "p4", "p6", "p7"], sunk.Select(f => f.ContactId).Distinct());

        // Two of each kind, grouped by kind in declaration order, each group in the order found.
        Assert.Equal(18, report.Samples.Count);
        Assert.Equal(["h5", "h6"], report.Samples.Where(f => f.Kind == DataQualityFindingKind.InvalidPhone).Select(f => f.ContactId));
        Assert.Equal(["h3", "h4"], report.Samples.Where(f => f.Kind == DataQualityFindingKind.InvalidEmail).Select(f => f.ContactId));
        Assert.Equal(DataQualityFindingKind.InvalidEmail, report.Samples[0].Kind);
        Assert.Equal(DataQualityFindingKind.ConsentGap, report.Samples[^1].Kind);
    }

    [Fact]
    public async Task ReportAsync_MessyContacts_ExactFindingsOfTheFirstRows()
    {
        var sunk = new List<DataQualityFinding>();

        await Checker().ReportAsync(Read(Messy), (f, _) => { sunk.Add(f); return ValueTask.CompletedTask; });

        Assert.Equal(
            [
                new("HubSpot", "h2", "bob@gmial.com", DataQualityFindingKind.EmailDomainTypo, RecordField.Email, "bob@gmial.com", "the domain 'gmial.com' looks like a typo of 'gmail.com'.", "bob@gmail.com"),
                new("HubSpot", "h3", "carol@example-corp,com", DataQualityFindingKind.InvalidEmail, RecordField.Custom("email"), "carol@example-corp,com", "'carol@example-corp,com' is not a valid email address: the domain contains ',', which is not allowed.", "carol@example-corp.com"),
                new("HubSpot", "h3", "carol@example-corp,com", DataQualityFindingKind.ConsentGap, RecordField.LifecycleStage, "lead", "the lifecycle stage 'lead' is one marketing is sent to, but email consent is not recorded.", "record granted consent, or move the contact out of the marketing stages"),
                new("HubSpot", "h4", "info@example.com", DataQualityFindingKind.InvalidEmail, RecordField.Email, "info@example.com", "'info@example.com' cannot receive mail: the domain 'example.com' is reserved for documentation (RFC 2606) and never receives mail."),
                new("HubSpot", "h4", "info@example.com", DataQualityFindingKind.RoleEmail, RecordField.Email, "info@example.com", "'info@' is a role address, a team's mailbox rather than a person's."),
                new("HubSpot", "h4", "info@example.com", DataQualityFindingKind.MissingField, RecordField.Company, null, "the required field Company is empty."),
                new("HubSpot", "h5", "dan@mailinator.com", DataQualityFindingKind.DisposableEmail, RecordField.Email, "dan@mailinator.com", "'mailinator.com' is a disposable mailbox service: the address is likely thrown away."),
                new("HubSpot", "h5", "dan@mailinator.com", DataQualityFindingKind.InvalidPhone, RecordField.Phone, "+4407911123456", "'+4407911123456' is not a real phone number: a UK number written with +44 drops its leading 0 (the trunk prefix).", "+447911123456"),
                new("HubSpot", "h5", "dan@mailinator.com", DataQualityFindingKind.StaleRecord, RecordField.UpdatedAt, "2024-01-15T00:00:00.0000000+00:00", "last updated 868 days ago (2024-01-15); the limit is 365 days.", "confirm the record is still current, or archive it"),
            ],
            sunk.Take(9));
    }

    [Fact]
    public async Task ReportAsync_FindingsReachTheSinkBeforeTheNextContactIsRead()
    {
        var sunk = new List<string?>();
        var seenBeforeEachRead = new List<int>();

        async IAsyncEnumerable<SourcedContact> Source([EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            for (int i = 0; i < 5; i++)
            {
                seenBeforeEachRead.Add(sunk.Count);
                await Task.Yield();
                yield return new SourcedContact("HubSpot", Clock.Clean with { Id = $"c{i}", EmailConsent = null });
            }
        }

        await Checker().ReportAsync(Source(), (f, _) => { sunk.Add(f.ContactId); return ValueTask.CompletedTask; });

        Assert.Equal([0, 1, 2, 3, 4], seenBeforeEachRead);
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], sunk);
    }

    [Fact]
    public async Task ReportAsync_ManyContacts_CountsEveryFindingKeepsABoundedSample()
    {
        // 30,000 contacts: every 3rd a role address (10,000), every 5th without an update time (6,000), every 15th both.
        static async IAsyncEnumerable<SourcedContact> Many()
        {
            for (int i = 0; i < 30_000; i++)
            {
                Contact contact = Clock.Clean with
                {
                    Id = i.ToString(CultureInfo.InvariantCulture),
                    Email = EmailAddress.Parse(i % 3 == 0 ? $"info+{i}@acme.io" : $"person{i}@acme.io"),
                    UpdatedAt = i % 5 == 0 ? null : Clock.Now,
                };
                yield return new SourcedContact(i % 2 == 0 ? "A" : "B", contact);
            }

            await Task.CompletedTask;
        }

        long sunk = 0;
        DataQualityReport report = await Checker(samples: 3).ReportAsync(Many(), (_, _) => { sunk++; return ValueTask.CompletedTask; });

        Assert.Equal(30_000, report.Totals.Contacts);
        Assert.Equal(10_000, report.Totals.Count(DataQualityFindingKind.RoleEmail));
        Assert.Equal(6_000, report.Totals.Count(DataQualityFindingKind.MissingUpdatedAt));
        Assert.Equal(10_000 + 6_000 - 2_000, report.Totals.ContactsWithFindings);
        Assert.Equal(16_000, sunk);
        Assert.Equal(6, report.Samples.Count);
        Assert.Equal(5_000, report.ByInstance["A"].Count(DataQualityFindingKind.RoleEmail)); // i % 6 == 0
        Assert.Equal(3_000, report.ByInstance["A"].Count(DataQualityFindingKind.MissingUpdatedAt)); // i % 10 == 0
    }

    [Fact]
    public async Task ReportAsync_NullItemOrNoInstance_ThrowsNamingThePosition()
    {
        static async IAsyncEnumerable<SourcedContact> Bad()
        {
            yield return new SourcedContact("HubSpot", Clock.Clean);
            yield return new SourcedContact(" ", Clock.Clean);
            await Task.CompletedTask;
        }

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => Checker().ReportAsync(Bad()));

        Assert.StartsWith("The contacts stream yielded a contact with no instance name or no contact after 1 contacts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddDataQualityReport_OverTwoInMemoryInstances_ReportsEachInstance()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Martech:DataQuality:Report:RequiredFields:0"] = "Company",
            ["Martech:DataQuality:Report:DisposableDomains:0"] = "throwaway.acme.io",
            ["Martech:DataQuality:Report:SkippedKinds:0"] = "StaleRecord",
        }).Build();
        var services = new ServiceCollection();
        MartechBuilder martech = services.AddMartech(configuration.GetSection("Martech"));
        martech.AddInMemory("HubSpot");
        martech.AddInMemory("Pipedrive");
        martech.AddDataQualityReport(o => o.SamplesPerKind = 1);
        using ServiceProvider provider = Core.StartupValidationTests.StartAsAHostWould(services);
        IContactClient hubSpot = provider.GetRequiredKeyedService<IContactClient>("HubSpot");
        IContactClient pipedrive = provider.GetRequiredKeyedService<IContactClient>("Pipedrive");
        await hubSpot.UpsertAsync(new Contact { Email = EmailAddress.Parse("ada@gmial.com"), Company = "Acme", EmailConsent = new Consent(ConsentStatus.Granted, "form", Clock.Now) });
        await hubSpot.UpsertAsync(new Contact { Email = EmailAddress.Parse("bob@throwaway.acme.io"), Company = "Acme", EmailConsent = new Consent(ConsentStatus.Granted, "form", Clock.Now) });
        await pipedrive.UpsertAsync(new Contact { Email = EmailAddress.Parse("support@acme.io"), EmailConsent = new Consent(ConsentStatus.Granted, "form", Clock.Now) });

        async IAsyncEnumerable<SourcedContact> Both()
        {
            await foreach (SourcedContact c in SourcedContact.ListAsync(hubSpot, "HubSpot"))
            {
                yield return c;
            }

            await foreach (SourcedContact c in SourcedContact.ListAsync(pipedrive, "Pipedrive"))
            {
                yield return c;
            }
        }

        DataQualityReport report = await provider.GetRequiredService<ContactQualityChecker>().ReportAsync(Both());

        Assert.Equal(3, report.Totals.Contacts);
        Assert.Equal((1, 1, 0, 0), (report.ByInstance["HubSpot"].Count(DataQualityFindingKind.EmailDomainTypo), report.ByInstance["HubSpot"].Count(DataQualityFindingKind.DisposableEmail), report.ByInstance["HubSpot"].Count(DataQualityFindingKind.RoleEmail), report.ByInstance["HubSpot"].Count(DataQualityFindingKind.MissingField)));
        Assert.Equal((0, 0, 1, 1), (report.ByInstance["Pipedrive"].Count(DataQualityFindingKind.EmailDomainTypo), report.ByInstance["Pipedrive"].Count(DataQualityFindingKind.DisposableEmail), report.ByInstance["Pipedrive"].Count(DataQualityFindingKind.RoleEmail), report.ByInstance["Pipedrive"].Count(DataQualityFindingKind.MissingField)));
        Assert.Equal(0, report.Totals.Count(DataQualityFindingKind.StaleRecord));
        Assert.All(report.Samples.GroupBy(f => f.Kind), g => Assert.Single(g));
    }

    // Reads the table above: empty cells are absent values; unparsed values go to the custom fields HubSpot keeps them in.
    private static async IAsyncEnumerable<SourcedContact> Read(string table)
    {
        foreach (string line in table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] c = line.Split('|');
            var contact = new Contact
            {
                Id = c[1],
                LastName = Text(c[6]),
                Company = Text(c[7]),
                LifecycleStage = LifecycleStage.Create(c[8]),
                UpdatedAt = Text(c[9]) is { } updated ? DateTimeOffset.Parse(updated, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null,
                EmailConsent = Consent(c[10]),
            };
            contact = RecordField.Email.WithText(contact, c[2]);
            contact = RecordField.Phone.WithText(contact, c[4]);
            if (Text(c[3]) is { } rawEmail)
            {
                contact.CustomFields.Set("email", rawEmail);
            }

            if (Text(c[5]) is { } rawPhone)
            {
                contact.CustomFields.Set("phone", rawPhone);
            }

            yield return new SourcedContact(c[0], contact);
        }

        await Task.CompletedTask;
    }

    private static string? Text(string cell) => cell.Length == 0 ? null : cell;

    private static Consent? Consent(string cell)
    {
        if (cell.Length == 0)
        {
            return null;
        }

        string[] parts = cell.Split(';');
        return new Consent(ConsentStatus.Create(parts[0]), Text(parts[1]), Text(parts[2]) is { } date ? DateTimeOffset.Parse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal) : null);
    }
}
