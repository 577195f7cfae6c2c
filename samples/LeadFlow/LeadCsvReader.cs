using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace LeadFlow;

/// <summary>Reads lead rows with CsvHelper. Rows CsvHelper cannot read are returned as rejections, not dropped.</summary>
public static class LeadCsvReader
{
    public static async Task<(List<LeadRow> Rows, List<Rejection> Rejected)> ReadAsync(TextReader text, CancellationToken cancellationToken)
    {
        var rows = new List<LeadRow>();
        var rejected = new List<Rejection>();
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant(),
            TrimOptions = TrimOptions.None, // EmailAddress/PhoneNumber trim; a CR/LF inside a field must stay visible to be rejected
            MissingFieldFound = null,
            HeaderValidated = null,
            BadDataFound = null,
        };
        using var csv = new CsvReader(text, config);
        csv.Context.RegisterClassMap<LeadRowMap>();
        await csv.ReadAsync();
        csv.ReadHeader();
        int previousEnd = csv.Parser.RawRow;
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();

            // A quoted field can span lines; report the line the record starts on.
            int line = previousEnd + 1;
            previousEnd = csv.Parser.RawRow;
            try
            {
                var row = csv.GetRecord<LeadRow>();
                row.Line = line;
                rows.Add(row);
            }
            catch (CsvHelperException ex)
            {
                rejected.Add(new Rejection(line, csv.Parser.RawRecord.Trim(), $"unreadable CSV row: {ex.Message.Split('\n')[0]}"));
            }
        }

        return (rows, rejected);
    }

    private sealed class LeadRowMap : ClassMap<LeadRow>
    {
        public LeadRowMap()
        {
            Map(r => r.Email).Name("email");
            Map(r => r.FirstName).Name("firstname").Optional();
            Map(r => r.LastName).Name("lastname").Optional();
            Map(r => r.Company).Name("company").Optional();
            Map(r => r.JobTitle).Name("jobtitle").Optional();
            Map(r => r.Phone).Name("phone").Optional();
            Map(r => r.Source).Name("source").Optional();
            Map(r => r.EmailConsent).Name("emailconsent").Optional();
            Map(r => r.SmsConsent).Name("smsconsent").Optional();
            Map(r => r.Line).Ignore();
        }
    }
}
