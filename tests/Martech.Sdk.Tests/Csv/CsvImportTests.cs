using System.Text;

namespace Martech.Sdk.Tests.Csv;

public class CsvImportTests
{
    internal static async Task<List<CsvRowResult<Contact>>> ReadContacts(byte[] bytes, CsvImportOptions? options = null)
    {
        var rows = new List<CsvRowResult<Contact>>();
        await foreach (CsvRowResult<Contact> row in ContactCsv.ReadAsync(new MemoryStream(bytes), options))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task MalformedRows_EachReportedWithRowColumnValueAndReason_GoodRowsKept()
    {
        string csv =
            "email,first_name,last_name,phone,created_at,Plan\r\n" +            // line 1, row 1
            "ann@example.com,Ann,Lee,+14155550100,2026-01-02T03:04:05Z,gold\r\n" + // line 2, row 2: good
            "not-an-email,Bob,Ray,,,silver\r\n" +                                // line 3, row 3: bad email
            "cat@example.com,Cat,\"Multi\r\nline\",,,\r\n" +                     // lines 4-5, row 4: good
            "dan@example.com,Dan\r\n" +                                          // line 6, row 5: too few values
            "eve@example.com,Eve,Ng,+1,yesterday,\r\n" +                         // line 7, row 6: bad phone and date
            "fay@example.com,Fay,Ng,,,bronze,extra\r\n" +                        // line 8, row 7: too many values
            "gus@example.com,G\"us,Ho,,,\r\n" +                                  // line 9, row 8: bad quoting
            "\r\n" +                                                             // line 10: blank, skipped
            "hal@example.com,Hal,Wu,,,\r\n";                                     // line 11, row 9: good
        var options = new CsvImportOptions();
        options.Columns["plan"] = RecordField.Custom("plan_tier");

        List<CsvRowResult<Contact>> rows = await ReadContacts(Encoding.UTF8.GetBytes(csv), options);

        Assert.Equal([2L, 3, 4, 5, 6, 7, 8, 9], rows.Select(r => r.RowNumber));
        Assert.Equal([2L, 3, 4, 6, 7, 8, 9, 11], rows.Select(r => r.LineNumber));
        Assert.Equal(["ann@example.com", "cat@example.com", "hal@example.com"], rows.Where(r => r.IsValid).Select(r => r.Record!.Email!.Value.Value));

        Contact ann = rows[0].Record!;
        Assert.Equal("Ann", ann.FirstName);
        Assert.Equal("+14155550100", ann.Phone!.Value.Value);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), ann.CreatedAt);
        Assert.Equal("gold", ann.CustomFields.GetString("plan_tier"));
        Assert.Equal("Multi\r\nline", rows[2].Record!.LastName);
        Assert.False(rows[2].Record!.CustomFields.ContainsKey("plan_tier"));

        CsvRowError[] errors = [.. rows.SelectMany(r => r.Errors)];
        Assert.Equal(6, errors.Length);
        Assert.All(rows.Where(r => !r.IsValid), r => Assert.Null(r.Record));

        AssertError(errors[0], 3, 3, "email", "not-an-email", "Not an email address");
        AssertError(errors[1], 5, 6, "last_name", null, "The row has 2 values; the header has 6 columns");
        AssertError(errors[2], 6, 7, "phone", "+1", "Not a phone number");
        AssertError(errors[3], 6, 7, "created_at", "yesterday", "Not a date and time");
        AssertError(errors[4], 7, 8, "#7", "extra", "The row has 7 values; the header has 6 columns");
        AssertError(errors[5], 8, 9, "first_name", "G\"us", "Malformed quoting");
    }

    private static void AssertError(CsvRowError error, long row, long line, string? column, string? value, string reason)
    {
        Assert.Equal(row, error.RowNumber);
        Assert.Equal(line, error.LineNumber);
        Assert.Equal(column, error.Column);
        Assert.Equal(value, error.Value);
        Assert.StartsWith(reason, error.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Encodings() => new()
    {
        { "utf-8", "," },
        { "utf-8-bom", "," },
        { "utf-16le-bom", ";" },
        { "utf-16be-bom", "\t" },
        { "utf-32le-bom", "|" },
        { "windows-1252", ";" },
        { "utf-8-bom", "\t" },
    };

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task EncodingAndDelimiter_AreDetected(string encoding, string delimiter)
    {
        string text = string.Join(delimiter, "E-mail", "First Name", "Last Name", "Firma") + "\r\n" +
            string.Join(delimiter, "jo@example.com", "Jörg", "Müller", "\"Café, Straße & Söhne\"") + "\r\n" +
            string.Join(delimiter, "li@example.com", "Lí", "Zoë", "Ærø") + "\n";
        byte[] bytes = encoding switch
        {
            "utf-8" => new UTF8Encoding(false).GetBytes(text),
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)],
            "utf-16le-bom" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)],
            "utf-16be-bom" => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(text)],
            "utf-32le-bom" => [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(text)],
            "windows-1252" => CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
        var options = new CsvImportOptions { UnmappedColumnsAsCustomFields = true };

        List<CsvRowResult<Contact>> rows = await ReadContacts(bytes, options);

        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.True(r.IsValid, string.Join("; ", r.Errors)));
        Contact jo = rows[0].Record!;
        Assert.Equal("jo@example.com", jo.Email!.Value.Value);
        Assert.Equal("Jörg", jo.FirstName);
        Assert.Equal("Müller", jo.LastName);
        Assert.Equal("Café, Straße & Söhne", jo.CustomFields.GetString("Firma"));
        Assert.Equal("Zoë", rows[1].Record!.LastName);
        Assert.Equal("Ærø", rows[1].Record!.CustomFields.GetString("Firma"));
    }

    [Theory]
    [InlineData("a,b,c", ',')]
    [InlineData("a;b;c", ';')]
    [InlineData("a\tb\tc", '\t')]
    [InlineData("a|b|c", '|')]
    [InlineData("\"x,y,z\";b", ';')]
    [InlineData("a,b;c", ',')]
    [InlineData("single", ',')]
    public void Delimiter_IsTheMostFrequentOutsideQuotes_TiesToTheEarlier(string header, char expected) =>
        Assert.Equal(expected, CsvInput.DetectDelimiter(header));

    [Fact]
    public async Task ColumnsMapping_MapsHeadersToFields_AndAMissingMappedHeaderFailsNamingIt()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("Kontakt;Vorname;Stufe;Interne Nr\r\nkim@example.com;Kim;customer;17\r\n");
        var options = new CsvImportOptions();
        options.Columns["kontakt"] = RecordField.Email;
        options.Columns["Vorname"] = RecordField.FirstName;
        options.Columns["Stufe"] = RecordField.LifecycleStage;
        options.Columns["Interne Nr"] = RecordField.Custom("internal_id");

        Contact kim = Assert.Single(await ReadContacts(bytes, options)).Record!;

        Assert.Equal("kim@example.com", kim.Email!.Value.Value);
        Assert.Equal("Kim", kim.FirstName);
        Assert.Equal(LifecycleStage.Customer, kim.LifecycleStage);
        Assert.True(kim.CustomFields.TryGetInt64("internal_id", out long id));
        Assert.Equal(17, id);

        options.Columns["Nachname"] = RecordField.LastName;
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ReadContacts(bytes, options));
        Assert.Contains("'Nachname'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'Kontakt', 'Vorname'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidOptions_FailWhenCalled_NamingTheOption()
    {
        var options = new CsvImportOptions { Delimiter = '"' };
        var e = Assert.Throws<ArgumentException>(() => ContactCsv.ReadAsync(new MemoryStream(), options));
        Assert.Contains("Delimiter", e.Message, StringComparison.Ordinal);

        var twice = new CsvImportOptions();
        twice.Columns["a"] = RecordField.Email;
        twice.Columns["b"] = RecordField.Email;
        Assert.Contains("two headers to Email", Assert.Throws<ArgumentException>(() => ContactCsv.ReadAsync(new MemoryStream(), twice)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnclosedQuote_StopsAtMaxFieldLength_InsteadOfReadingTheFileIntoOneValue()
    {
        var text = new StringBuilder("email,first_name\r\nann@example.com,\"Ann\r\n");
        for (int i = 0; i < 2000; i++)
        {
            text.Append("x@example.com,X\r\n");
        }

        var options = new CsvImportOptions { MaxFieldLength = 1000 };
        var e = await Assert.ThrowsAsync<InvalidDataException>(() => ReadContacts(Encoding.UTF8.GetBytes(text.ToString()), options));
        Assert.Contains("MaxFieldLength", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leads_MapStatusScoreAndSource_AndReportABadScore()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("Email,Lead Status,Lead Score,Lead Source,Title\nlea@example.com,working,42,webinar,Pricing\nmo@example.com,new,lots,ads,\n");
        var rows = new List<CsvRowResult<Lead>>();
        await foreach (CsvRowResult<Lead> row in LeadCsv.ReadAsync(new MemoryStream(bytes)))
        {
            rows.Add(row);
        }

        Lead lea = rows[0].Record!;
        Assert.Equal(LeadStatus.Working, lea.Status);
        Assert.Equal(42, lea.Score);
        Assert.Equal("webinar", lea.Source);
        Assert.Equal("Pricing", lea.Title);
        CsvRowError error = Assert.Single(rows[1].Errors);
        Assert.Equal(("Lead Score", "lots", 3L), (error.Column, error.Value, error.RowNumber));
    }

    [Fact]
    public async Task Import_Streams_ReadingOnlyAsFarAsTheRowsTaken()
    {
        var source = new GeneratedCsvStream(rows: 500_000);
        int taken = 0;
        await foreach (CsvRowResult<Contact> row in ContactCsv.ReadAsync(source))
        {
            Assert.True(row.IsValid);
            if (++taken == 1000)
            {
                break;
            }
        }

        Assert.True(source.BytesRead < 1024 * 1024, $"Read {source.BytesRead} bytes of a {source.TotalLength}-byte file for 1000 rows.");
    }

    /// <summary>A CSV file of contacts made as it is read, never held whole.</summary>
    private sealed class GeneratedCsvStream(int rows) : Stream
    {
        private byte[] _pending = Encoding.UTF8.GetBytes("email,first_name\r\n");
        private int _offset;
        private int _row;

        public long BytesRead { get; private set; }

        public long TotalLength => rows * 30L;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                if (_row == rows)
                {
                    return 0;
                }

                _pending = Encoding.UTF8.GetBytes($"p{_row}@example.com,Person {_row}\r\n");
                _offset = 0;
                _row++;
            }

            int n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
