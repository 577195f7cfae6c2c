using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace LeadFlow;

/// <summary>
/// The report as CSV (CsvHelper): a header row, then one record per CSV row read. A cell that starts with
/// <c>=</c>, <c>@</c>, <c>+</c>, <c>-</c>, a tab or a CR gets a leading <c>'</c>, so a spreadsheet opening the report
/// does not run text from the imported file as a formula.
/// </summary>
public static class CsvRowReport
{
    /// <summary>Separates several warnings in the one <c>warnings</c> cell.</summary>
    public const string WarningSeparator = " | ";

    public static async Task WriteAsync(Stream stream, IEnumerable<LeadFlowRow> rows, CancellationToken cancellationToken)
    {
        await using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            InjectionOptions = InjectionOptions.Escape,
            InjectionCharacters = ['=', '@', '+', '-', '\t', '\r'],
            InjectionEscapeCharacter = '\'',

            // NewLine stays unset: CsvHelper then ends records with CRLF and quotes a field holding a lone CR or LF
            // (setting it quotes only fields holding that exact sequence, and the injection row's email has a bare LF).
        };
        await using var csv = new CsvWriter(text, config);
        csv.Context.RegisterClassMap<RowMap>();
        csv.WriteHeader<LeadFlowRow>();
        await csv.NextRecordAsync();
        foreach (LeadFlowRow row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteRecord(row);
            await csv.NextRecordAsync(); // CsvHelper passes its buffer on to the stream as it fills
        }

        await csv.FlushAsync();
    }

    // The column names and their order are the report's contract (RowReport.Columns, the README's table).
    private sealed class RowMap : ClassMap<LeadFlowRow>
    {
        public RowMap()
        {
            Map(r => r.Row).Name("row");
            Map(r => r.Line).Name("line");
            Map(r => r.Email).Name("email");
            Map(r => r.Outcome).Name("outcome");
            Map(r => r.MergedIntoRow).Name("merged_into_row");
            Map(r => r.Reason).Name("reason");
            Map(r => r.Warnings).Name("warnings").Convert(args => string.Join(WarningSeparator, args.Value.Warnings));
            Map(r => r.ContactId).Name("contact_id");
            Map(r => r.Lead).Name("lead");
            Map(r => r.LeadId).Name("lead_id");
            Map(r => r.LeadReason).Name("lead_reason");
            Map(r => r.Notification).Name("notification");
            Map(r => r.NotificationReason).Name("notification_reason");
            Map(r => r.WelcomeEmail).Name("welcome_email");
            Map(r => r.WelcomeEmailReason).Name("welcome_email_reason");
            Map(r => r.Sms).Name("sms");
            Map(r => r.SmsReason).Name("sms_reason");
            Map(r => r.SlaPolicy).Name("sla_policy");
            Map(r => r.SlaStatus).Name("sla_status");
            Map(r => r.SlaDueAt).Name("sla_due_at");
        }
    }
}
