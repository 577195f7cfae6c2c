using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using LeadFlow;

namespace Martech.Sdk.Tests.Samples;

/// <summary>The CSV report keeps text from the imported file from running as a spreadsheet formula.</summary>
public class CsvRowReportTests
{
    private static LeadFlowRow Row(string email) => new() { Row = 1, Line = 2, Email = email, Outcome = RowOutcome.Rejected, Reason = "'email' is not a valid email address" };

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\")")]
    [InlineData("+1+1@x.example")]
    [InlineData("@SUM(A1)")]
    [InlineData("-2+3")]
    [InlineData("\tcmd|/c calc@x.example")]
    public async Task WriteAsync_FormulaLikeCell_WrittenWithLeadingQuote_JsonKeepsItAsRead(string email)
    {
        using var csv = new MemoryStream();
        await CsvRowReport.WriteAsync(csv, [Row(email)], CancellationToken.None);
        using var reader = new CsvReader(new StringReader(Encoding.UTF8.GetString(csv.ToArray())), CultureInfo.InvariantCulture);
        reader.Read();
        reader.ReadHeader();
        reader.Read();

        Assert.Equal("'" + email, reader.GetField("email"));

        using var json = new MemoryStream();
        await JsonRowReport.WriteAsync(json, [Row(email)], CancellationToken.None);
        using var document = JsonDocument.Parse(json.ToArray());
        Assert.Equal(email, document.RootElement[0].GetProperty("email").GetString());
    }

    [Fact]
    public async Task WriteAsync_NoRows_HeaderOnly()
    {
        using var csv = new MemoryStream();
        await CsvRowReport.WriteAsync(csv, [], CancellationToken.None);

        Assert.Equal(string.Join(',', RowReport.Columns) + "\r\n", Encoding.UTF8.GetString(csv.ToArray()));
    }
}
