using System.Text;
using LeadFlow;

namespace Martech.Sdk.Tests.Samples;

/// <summary>LeadFlow reads its CSV through Martech.Sdk.Csv: fields by header as RecordField names them, every row
/// either read or rejected with its line and reason.</summary>
public class LeadRowTests
{
    [Fact]
    public async Task ReadAsync_MapsHeadersByFieldName_KeepsCellsAsWritten_RejectsUnreadableRowsWithTheirLine()
    {
        string csv =
            "E-Mail;First Name;job_title;Phone Number;EMAIL_CONSENT;notes\r\n" +   // line 1
            " ann@example.com ;ANN;CTO;+1 415 555 0100;yes;ignored\r\n" +           // line 2: read
            "bob@example.com;Bob\r\n" +                                             // line 3: too few values
            "\"cat@example.com\r\nBcc: x@evil.example\";Cat;;;;\r\n" +              // lines 4-5: read, line break kept
            "dan@example.com;D\"an;;;;\r\n";                                        // line 6: broken quoting

        var (rows, rejected) = await LeadRow.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), CancellationToken.None);

        Assert.Equal([2, 4], rows.Select(r => r.Line));
        LeadRow ann = rows[0];
        Assert.Equal((" ann@example.com ", "ANN", "CTO", "+1 415 555 0100", "yes"), (ann.Email, ann.FirstName, ann.JobTitle, ann.Phone, ann.EmailConsent));
        Assert.Null(ann.LastName); // the file has no such column
        Assert.Equal("cat@example.com\r\nBcc: x@evil.example", rows[1].Email);

        Assert.Equal([3, 6], rejected.Select(r => r.Line));
        Assert.StartsWith("unreadable CSV row: The row has 2 values; the header has 6 columns", rejected[0].Reason, StringComparison.Ordinal);
        Assert.Equal("D\"an", rejected[1].Value);
        Assert.StartsWith("unreadable CSV row: Malformed quoting", rejected[1].Reason, StringComparison.Ordinal);
    }
}
