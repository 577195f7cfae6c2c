using System.Text;

namespace Martech.Sdk.Tests.Csv;

/// <summary>Any table as text: <see cref="CsvTable"/> reads rows with their shape errors and writes rows of any kind.</summary>
public class CsvTableTests
{
    /// <summary>The call throws before it returns its task (the options are checked when called).</summary>
    private static ArgumentException ThrowsWhenCalled(Func<Task> call) => Assert.Throws<ArgumentException>(() => { _ = call(); });

    private static async Task<List<CsvRow>> Read(string csv, CsvReadOptions? options = null)
    {
        var rows = new List<CsvRow>();
        await foreach (CsvRow row in CsvTable.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), options))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static async Task<string> Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, CsvWriteOptions? options = null)
    {
        var file = new MemoryStream();
        await CsvTable.WriteAsync(file, headers, rows, options);
        return Encoding.UTF8.GetString(file.ToArray());
    }

    [Fact]
    public async Task ReadAsync_MalformedRows_EveryBadRowReported_EveryGoodRowKeptAsWritten()
    {
        string csv =
            "Email ; Name;Note\r\n" +                       // line 1, row 1 (headers trimmed; ';' detected)
            " ann@example.com ;Ann;  spaced  \r\n" +         // line 2, row 2: good, values not trimmed
            "bob@example.com;Bob\r\n" +                      // line 3, row 3: too few values
            "cat@example.com;\"Cat\r\nMulti\";x\r\n" +       // lines 4-5, row 4: good
            "dan@example.com;Dan;n;extra\r\n" +              // line 6, row 5: too many values
            "\r\n" +                                         // line 7: blank, skipped
            "eve@example.com;E\"ve;n\r\n" +                  // line 8, row 6: bad quoting
            "fay@example.com;Fay;\r\n";                      // line 9, row 7: good, empty note

        List<CsvRow> rows = await Read(csv);

        Assert.Equal([2L, 3, 4, 5, 6, 7], rows.Select(r => r.RowNumber));
        Assert.Equal([2L, 3, 4, 6, 8, 9], rows.Select(r => r.LineNumber));
        Assert.Equal([true, false, true, false, false, true], rows.Select(r => r.IsValid));
        Assert.Equal(["Email", "Name", "Note"], rows[0].Headers);
        Assert.Equal([" ann@example.com ", "Ann", "  spaced  "], rows[0].Values);
        Assert.Equal(" ann@example.com ", rows[0]["email"]);
        Assert.Equal(" ann@example.com ", rows[0][" EMAIL "]);
        Assert.Null(rows[0]["missing"]);
        Assert.Equal("Cat\r\nMulti", rows[2]["Name"]);
        Assert.Equal(string.Empty, rows[5]["Note"]);

        Assert.Null(rows[1]["Note"]); // the row ends before the column
        CsvRowError few = Assert.Single(rows[1].Errors);
        Assert.Equal((3L, 3L, "Note", (string?)null), (few.RowNumber, few.LineNumber, few.Column, few.Value));
        Assert.StartsWith("The row has 2 values; the header has 3 columns", few.Reason, StringComparison.Ordinal);

        CsvRowError many = Assert.Single(rows[3].Errors);
        Assert.Equal((5L, 6L, "#4", "extra"), (many.RowNumber, many.LineNumber, many.Column, many.Value));
        Assert.Equal(["dan@example.com", "Dan", "n", "extra"], rows[3].Values);

        CsvRowError quoting = Assert.Single(rows[4].Errors);
        Assert.Equal((6L, 8L, "Name", "E\"ve"), (quoting.RowNumber, quoting.LineNumber, quoting.Column, quoting.Value));
        Assert.StartsWith("Malformed quoting", quoting.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_EmptyFileOrHeaderOnly_NoRows_BadOptionsFailWhenCalled()
    {
        Assert.Empty(await Read(string.Empty));
        Assert.Empty(await Read("a,b\r\n"));

        var e = Assert.Throws<ArgumentException>(() => CsvTable.ReadAsync(new MemoryStream(), new CsvReadOptions { MaxFieldLength = 0 }));
        Assert.Contains("CsvReadOptions.MaxFieldLength", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_QuotesAsRfc4180_NullIsEmpty_AndReadsBackExactly()
    {
        string?[][] rows =
        [
            ["plain", "a,b", "say \"hi\""],
            ["line\nbreak", null, "  padded  "],
            ["cr\ronly", string.Empty, "ünïcødé; ok"],
        ];

        string text = await Write(["kind", "value", "note"], rows);

        Assert.Equal(
            "kind,value,note\r\nplain,\"a,b\",\"say \"\"hi\"\"\"\r\n\"line\nbreak\",,\"  padded  \"\r\n\"cr\ronly\",,ünïcødé; ok\r\n",
            text);
        List<CsvRow> back = await Read(text);
        Assert.All(back, r => Assert.True(r.IsValid));
        Assert.Equal(rows.Select(r => r.Select(v => v ?? string.Empty)), back.Select(r => r.Values));
    }

    [Fact]
    public async Task WriteAsync_StreamsAsyncRows_WithTheDelimiterEncodingAndByteOrderMarkAsked()
    {
        static async IAsyncEnumerable<IReadOnlyList<string?>> Rows()
        {
            for (int i = 1; i <= 3; i++)
            {
                await Task.Yield();
                yield return [i.ToString(System.Globalization.CultureInfo.InvariantCulture), $"r;{i}"];
            }
        }

        var file = new MemoryStream();
        long written = await CsvTable.WriteAsync(file, ["n", "text"], Rows(), new CsvWriteOptions { Delimiter = ';', Encoding = Encoding.Unicode, WriteByteOrderMark = true });

        Assert.Equal(3, written);
        byte[] bytes = file.ToArray();
        Assert.Equal([0xFF, 0xFE], bytes[..2]);
        Assert.Equal("n;text\r\n1;\"r;1\"\r\n2;\"r;2\"\r\n3;\"r;3\"\r\n", Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+1+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    public async Task EscapeFormulas_PrefixesAQuote_OnlyWhenAsked(string value)
    {
        List<CsvRow> escaped = await Read(await Write(["value", "safe"], [[value, "a-b"]], new CsvWriteOptions { EscapeFormulas = true }));
        Assert.Equal(["'" + value, "a-b"], escaped[0].Values);

        List<CsvRow> plain = await Read(await Write(["value", "safe"], [[value, "a-b"]]));
        Assert.Equal([value, "a-b"], plain[0].Values);
    }

    [Fact]
    public async Task WriteAsync_ARowOfTheWrongWidth_FailsNamingIt_AfterTheRowsBeforeIt()
    {
        var file = new MemoryStream();
        var e = await Assert.ThrowsAsync<ArgumentException>(() => CsvTable.WriteAsync(file, ["a", "b"], [["1", "2"], ["3"]]));

        Assert.Equal("Row 2 has 1 values; the table has 2 columns. (Parameter 'rows')", e.Message);
        Assert.Equal("a,b\r\n1,2\r\n", Encoding.UTF8.GetString(file.ToArray()));

        Assert.Contains("no headers", ThrowsWhenCalled(() => CsvTable.WriteAsync(new MemoryStream(), [], Array.Empty<string[]>())).Message, StringComparison.Ordinal);
        Assert.Contains("Header 2 is empty", ThrowsWhenCalled(() => CsvTable.WriteAsync(new MemoryStream(), ["a", " "], Array.Empty<string[]>())).Message, StringComparison.Ordinal);
        Assert.Contains("CsvWriteOptions.Delimiter", ThrowsWhenCalled(() => CsvTable.WriteAsync(new MemoryStream(), ["a"], Array.Empty<string[]>(), new CsvWriteOptions { Delimiter = '"' })).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteThenRead_OneColumnRowsWithEmptyValues_AreKeptAndNotReadAsBlankLines()
    {
        string csv = await Write(["email"], [[null], ["a@x.io"], [string.Empty]]);

        Assert.Equal("email\r\n\"\"\r\na@x.io\r\n\"\"\r\n", csv);
        List<CsvRow> rows = await Read(csv);
        Assert.Equal([2L, 3, 4], rows.Select(r => r.RowNumber));
        Assert.Equal([string.Empty, "a@x.io", string.Empty], rows.Select(r => r["email"]));
        Assert.All(rows, r => Assert.True(r.IsValid));
    }
}
