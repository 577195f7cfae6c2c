namespace Martech.Sdk.Tests.DataQuality.Consolidation;

public sealed class ConsolidationOptionsTests
{
    [Fact]
    public void Validate_Defaults_PassForContactsAndLeads()
    {
        var options = new ConsolidationOptions();

        options.Validate(leads: false);
        options.Validate(leads: true);
    }

    [Theory]
    [InlineData("page", false, "ConsolidationOptions.PageSize is 0; it must be positive, or null for the provider's default.")]
    [InlineData("lookup", false, "ConsolidationOptions.LookupBatchSize is 0; it must be positive.")]
    [InlineData("key", false, "ConsolidationOptions.CheckpointKey is blank; name the checkpoint, or leave it null for the default key.")]
    [InlineData("id", false, "ConsolidationOptions.Fields[0].Target is Id, which the target instance assigns; map the value to a custom field instead.")]
    [InlineData("twice", false, "ConsolidationOptions.Fields maps two source fields to Company; keep one.")]
    [InlineData("score", false, "ConsolidationOptions.Fields[0].Source is Score, which a contact does not have.")]
    [InlineData("consent", true, "ConsolidationOptions.Drop[0] is EmailConsent, which a lead does not have.")]
    [InlineData("default", false, "ConsolidationOptions.Fields[0].Target names no field; use RecordField.Parse(\"Email\") or one of RecordField's properties.")]
    public void Validate_BadSetting_NamesItAndTheFix(string setting, bool leads, string message)
    {
        var options = new ConsolidationOptions();
        switch (setting)
        {
            case "page": options.PageSize = 0; break;
            case "lookup": options.LookupBatchSize = 0; break;
            case "key": options.CheckpointKey = " "; break;
            case "id": options.Fields = [new ConsolidationFieldMap(RecordField.Custom("legacy_id"), RecordField.Id)]; break;
            case "twice":
                options.Fields =
                [
                    new ConsolidationFieldMap(RecordField.Company, RecordField.Company),
                    new ConsolidationFieldMap(RecordField.Custom("org"), RecordField.Company),
                ];
                break;
            case "score": options.Fields = [new ConsolidationFieldMap(RecordField.Score, RecordField.Custom("score"))]; break;
            case "consent": options.Drop = [RecordField.EmailConsent]; break;
            default: options.Fields = [new ConsolidationFieldMap(RecordField.Company, default)]; break;
        }

        var error = Assert.Throws<ArgumentException>(() => options.Validate(leads));

        Assert.Equal(message, error.Message);
    }
}
