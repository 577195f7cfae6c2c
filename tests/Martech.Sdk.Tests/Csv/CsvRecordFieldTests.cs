using System.Text;

namespace Martech.Sdk.Tests.Csv;

/// <summary>Columns are mapped with <see cref="RecordField"/>: standard and custom fields alike, checked against the
/// record type when the read or write is called.</summary>
public class CsvRecordFieldTests
{
    /// <summary>The call throws before it returns its task (the options are checked when called).</summary>
    private static ArgumentException ThrowsWhenCalled(Func<Task> call) => Assert.Throws<ArgumentException>(() => { _ = call(); });

    private static async IAsyncEnumerable<T> Stream<T>(params T[] items)
    {
        foreach (T item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    [Fact]
    public async Task Columns_MapCustomFieldsLikeStandardOnes_IncludingOneNamedLikeAStandardField()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("Mail,Tier,Score,Region\r\nkim@example.com,gold,17,EMEA\r\n");
        var options = new CsvImportOptions();
        options.Columns["Mail"] = RecordField.Parse("email");
        options.Columns["Tier"] = RecordField.Parse("plan");           // not a standard name: a custom field
        options.Columns["Score"] = RecordField.Parse("custom:score");  // a contact has no Score: kept as a custom field

        var rows = new List<CsvRowResult<Contact>>();
        await foreach (CsvRowResult<Contact> row in ContactCsv.ReadAsync(new MemoryStream(bytes), options))
        {
            rows.Add(row);
        }

        Contact kim = Assert.Single(rows).Record!;
        Assert.Equal("kim@example.com", kim.Email!.Value.Value);
        Assert.Equal("gold", kim.CustomFields.GetString("plan"));
        Assert.Equal("17", kim.CustomFields.GetString("score"));
        Assert.False(kim.CustomFields.ContainsKey("Region")); // unmapped columns are ignored by default
        Assert.Equal("gold", RecordField.Parse("plan").GetText(kim));
    }

    [Fact]
    public void Columns_AFieldTheRecordDoesNotHave_FailsWhenCalled_NamingItAndTheFieldsThereAre()
    {
        var options = new CsvImportOptions();
        options.Columns["Status"] = RecordField.Status;

        var e = Assert.Throws<ArgumentException>(() => ContactCsv.ReadAsync(new MemoryStream(), options));
        Assert.StartsWith("CsvImportOptions.Columns maps 'Status' to Status, which a contact does not have; a contact's fields are Id, Email, Phone,", e.Message, StringComparison.Ordinal);

        options.Columns.Clear();
        options.Columns["Stage"] = RecordField.LifecycleStage;
        Assert.Contains("LifecycleStage, which a lead does not have", Assert.Throws<ArgumentException>(() => LeadCsv.ReadAsync(new MemoryStream(), options)).Message, StringComparison.Ordinal);

        options.Columns.Clear();
        options.Columns["x"] = default;
        Assert.Contains("the default RecordField", Assert.Throws<ArgumentException>(() => LeadCsv.ReadAsync(new MemoryStream(), options)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportFields_StandardOnly_CheckedAgainstTheRecordType()
    {
        var lead = new Lead { Email = EmailAddress.Parse("lea@example.com"), Title = "CTO", Score = 40 };
        var file = new MemoryStream();
        await LeadCsv.WriteAsync(file, Stream(lead), new CsvExportOptions { Fields = [RecordField.Email, RecordField.JobTitle, RecordField.Score], DiscoverCustomFieldsFrom = 0 });
        Assert.Equal("email,title,score\r\nlea@example.com,CTO,40\r\n", Encoding.UTF8.GetString(file.ToArray()));

        var custom = new CsvExportOptions { Fields = [RecordField.Email, RecordField.Custom("plan")] };
        Assert.Contains("custom field 'plan'; name custom fields in CsvExportOptions.CustomFieldColumns", ThrowsWhenCalled(() => LeadCsv.WriteAsync(new MemoryStream(), Stream(lead), custom)).Message, StringComparison.Ordinal);

        var notOnContacts = new CsvExportOptions { Fields = [RecordField.Score] };
        Assert.Contains("Score, which a contact does not have", ThrowsWhenCalled(() => ContactCsv.WriteAsync(new MemoryStream(), Stream<Contact>(), notOnContacts)).Message, StringComparison.Ordinal);

        var twice = new CsvExportOptions { Fields = [RecordField.Email, RecordField.Parse("E-Mail")] };
        Assert.Contains("names a field twice", ThrowsWhenCalled(() => ContactCsv.WriteAsync(new MemoryStream(), Stream<Contact>(), twice)).Message, StringComparison.Ordinal);
    }
}
