using System.Text;

namespace Martech.Sdk.Tests.Csv;

public class CsvExportTests
{
    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        foreach (T item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    private static Contact Awkward(int i, string firstName, string company, string note)
    {
        var contact = new Contact
        {
            Id = $"c-{i}",
            Email = EmailAddress.Parse($"person{i}@example.com"),
            Phone = PhoneNumber.Parse("+442071838750"),
            FirstName = firstName,
            LastName = "O'Brien-Ñúñez",
            Company = company,
            JobTitle = "  Head of \"Growth\"  ",
            LifecycleStage = LifecycleStage.MarketingQualifiedLead,
            EmailConsent = new Consent(ConsentStatus.Granted),
            SmsConsent = new Consent(ConsentStatus.Create("custom-status")),
            OwnerId = "owner|7",
            CreatedAt = new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.FromHours(-5)),
            UpdatedAt = null,
        };
        contact.CustomFields.Set("note", note);
        contact.CustomFields.Set("ltv", 1234.5m);
        contact.CustomFields.Set("vip", true);
        return contact;
    }

    public static TheoryData<char> Delimiters() => new() { ',', ';', '\t', '|' };

    [Theory]
    [MemberData(nameof(Delimiters))]
    public async Task ExportThenImport_RoundTripsContactsWithCustomFieldsAndAwkwardValues(char delimiter)
    {
        Contact[] contacts =
        [
            Awkward(1, "Ann \"The Closer\"", "Acme, Inc.", "line one\r\nline two\nline three"),
            Awkward(2, "李小龍", "Ümlaut; GmbH | Co\tKG", "emoji 🎉, \"quoted\" and ,;|\t all"),
            Awkward(3, "=SUM(A1)", "", " leading and trailing "),
        ];
        contacts[2].CustomFields.Set("only_third", "x");

        var file = new MemoryStream();
        CsvExportResult result = await ContactCsv.WriteAsync(file, Stream(contacts), new CsvExportOptions { Delimiter = delimiter, WriteByteOrderMark = true });

        Assert.Equal(3, result.Rows);
        Assert.Equal(["note", "ltv", "vip", "only_third"], result.CustomFieldColumns);
        Assert.Empty(result.UnwrittenCustomFields);
        Assert.Equal(Encoding.UTF8.GetPreamble(), file.ToArray()[..3]);

        file.Position = 0;
        var imported = new List<Contact>();
        await foreach (CsvRowResult<Contact> row in ContactCsv.ReadAsync(file, new CsvImportOptions { UnmappedColumnsAsCustomFields = true }))
        {
            Assert.True(row.IsValid, string.Join("; ", row.Errors));
            imported.Add(row.Record!);
        }

        Assert.Equal(contacts.Length, imported.Count);
        for (int i = 0; i < contacts.Length; i++)
        {
            Contact expected = contacts[i];
            Contact actual = imported[i];
            Assert.Equal(expected.Id, actual.Id);
            Assert.Equal(expected.Email, actual.Email);
            Assert.Equal(expected.Phone, actual.Phone);
            Assert.Equal(expected.FirstName, actual.FirstName);
            Assert.Equal(expected.LastName, actual.LastName);
            Assert.Equal(expected.Company is "" ? null : expected.Company, actual.Company);
            Assert.Equal(expected.JobTitle, actual.JobTitle);
            Assert.Equal(expected.LifecycleStage, actual.LifecycleStage);
            Assert.Equal(expected.EmailConsent!.Status, actual.EmailConsent!.Status);
            Assert.Equal(expected.SmsConsent!.Status, actual.SmsConsent!.Status);
            Assert.Equal(expected.OwnerId, actual.OwnerId);
            Assert.Equal(expected.CreatedAt, actual.CreatedAt);
            Assert.Equal(expected.CreatedAt!.Value.Offset, actual.CreatedAt!.Value.Offset);
            Assert.Null(actual.UpdatedAt);
            Assert.Equal(expected.CustomFields.GetString("note"), actual.CustomFields.GetString("note"));
            Assert.True(actual.CustomFields.TryGetDecimal("ltv", out decimal ltv));
            Assert.Equal(1234.5m, ltv);
            Assert.True(actual.CustomFields.TryGetBoolean("vip", out bool vip) && vip);
            Assert.Equal(i == 2, actual.CustomFields.ContainsKey("only_third"));
        }
    }

    [Fact]
    public async Task Quoting_FollowsRfc4180()
    {
        var contact = new Contact { FirstName = "a,b", LastName = "say \"hi\"", Company = "x\ny", JobTitle = "plain" };
        var file = new MemoryStream();
        await ContactCsv.WriteAsync(file, Stream([contact]), new CsvExportOptions
        {
            Fields = [RecordField.FirstName, RecordField.LastName, RecordField.Company, RecordField.JobTitle],
        });

        Assert.Equal("first_name,last_name,company,job_title\r\n\"a,b\",\"say \"\"hi\"\"\",\"x\ny\",plain\r\n", Encoding.UTF8.GetString(file.ToArray()));
    }

    [Fact]
    public async Task CustomFieldColumns_NamedByTheCaller_OrDiscoveredFromTheFirstRecords_OthersReported()
    {
        Contact With(string name, string value)
        {
            var c = new Contact { Email = EmailAddress.Parse($"{name}@example.com") };
            c.CustomFields.Set(name, value);
            return c;
        }

        Contact[] contacts = [With("a", "1"), With("b", "2"), With("c", "3")];

        var discovered = new MemoryStream();
        CsvExportResult first = await ContactCsv.WriteAsync(discovered, Stream(contacts), new CsvExportOptions { Fields = [RecordField.Email], DiscoverCustomFieldsFrom = 2 });
        Assert.Equal(["a", "b"], first.CustomFieldColumns);
        Assert.Equal(["c"], first.UnwrittenCustomFields);
        Assert.Equal("email,a,b\r\na@example.com,1,\r\nb@example.com,,2\r\nc@example.com,,\r\n", Encoding.UTF8.GetString(discovered.ToArray()));

        var named = new MemoryStream();
        CsvExportResult second = await ContactCsv.WriteAsync(named, Stream(contacts), new CsvExportOptions { Fields = [RecordField.Email], CustomFieldColumns = ["c", "zz"] });
        Assert.Equal(["c", "zz"], second.CustomFieldColumns);
        Assert.Equal(["a", "b"], second.UnwrittenCustomFields);
        Assert.Equal("email,c,zz\r\na@example.com,,\r\nb@example.com,,\r\nc@example.com,3,\r\n", Encoding.UTF8.GetString(named.ToArray()));

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ContactCsv.WriteAsync(new MemoryStream(), Stream(contacts), new CsvExportOptions { CustomFieldColumns = ["Email"] }));
        Assert.Contains("'Email'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_Streams_WritingRowsBeforeTheSourceEnds()
    {
        var file = new MemoryStream();
        long writtenAtMidpoint = -1;

        async IAsyncEnumerable<Lead> Leads()
        {
            for (int i = 0; i < 20_000; i++)
            {
                if (i == 10_000)
                {
                    writtenAtMidpoint = file.Length;
                }

                await Task.Yield();
                yield return new Lead { Email = EmailAddress.Parse($"lead{i}@example.com"), Score = i, Status = LeadStatus.New };
            }
        }

        CsvExportResult result = await LeadCsv.WriteAsync(file, Leads());

        Assert.Equal(20_000, result.Rows);
        Assert.True(writtenAtMidpoint > file.Length / 4, $"{writtenAtMidpoint} of {file.Length} bytes were written when half the leads had been read.");

        file.Position = 0;
        int count = 0;
        await foreach (CsvRowResult<Lead> row in LeadCsv.ReadAsync(file))
        {
            Assert.Equal(count, row.Record!.Score);
            count++;
        }

        Assert.Equal(20_000, count);
    }

    [Fact]
    public async Task Leads_ExportThenImport_RoundTripsEveryFieldAndCustomFields()
    {
        var lead = new Lead
        {
            Id = "l-1",
            ContactId = "c-9",
            Email = EmailAddress.Parse("lea@example.com"),
            Phone = PhoneNumber.Parse("+14155550100"),
            FirstName = "Léa",
            LastName = "d'Arc, \"Jeanne\"",
            Company = "Orléans\nLtd",
            Title = "Webinar sign-up: pricing | deep dive",
            Status = LeadStatus.Create("custom-stage"),
            Source = "webinar",
            Score = -3,
            OwnerId = "u-1",
            CreatedAt = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)),
            UpdatedAt = new DateTimeOffset(2026, 5, 7, 0, 0, 0, TimeSpan.Zero),
        };
        lead.CustomFields.Set("utm_campaign", "spring;sale");
        var file = new MemoryStream();
        await LeadCsv.WriteAsync(file, Stream([lead]), new CsvExportOptions { Delimiter = ';' });

        file.Position = 0;
        var options = new CsvImportOptions();
        options.Columns["utm_campaign"] = RecordField.Custom("utm_campaign");
        var rows = new List<CsvRowResult<Lead>>();
        await foreach (CsvRowResult<Lead> row in LeadCsv.ReadAsync(file, options))
        {
            rows.Add(row);
        }

        Lead back = Assert.Single(rows).Record!;
        Assert.Equal(lead with { CustomFields = back.CustomFields }, back);
        Assert.Equal("spring;sale", back.CustomFields.GetString("utm_campaign"));
    }

    [Fact]
    public async Task ExportThenImport_OneFieldLeftBlank_EveryContactComesBackOnItsRow()
    {
        Contact[] contacts = [new() { Company = null }, new() { Company = "Acme" }, new() { Company = string.Empty }];
        var file = new MemoryStream();
        CsvExportResult result = await ContactCsv.WriteAsync(file, Stream(contacts), new CsvExportOptions { Fields = [RecordField.Company], DiscoverCustomFieldsFrom = 0 });

        Assert.Equal(3, result.Rows);
        file.Position = 0;
        var rows = new List<CsvRowResult<Contact>>();
        await foreach (CsvRowResult<Contact> row in ContactCsv.ReadAsync(file))
        {
            rows.Add(row);
        }

        Assert.Equal([2L, 3, 4], rows.Select(r => r.RowNumber));
        Assert.Equal([null, "Acme", null], rows.Select(r => r.Record?.Company));
    }
}
