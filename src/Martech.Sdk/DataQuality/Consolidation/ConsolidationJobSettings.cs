namespace Martech.Sdk;

// The configuration shape of a consolidation job (Martech:DataQuality:Consolidation:Jobs:<name>), bound with the
// binding source generator. Values are read as text, so a wrong one is reported with its path instead of a binder
// exception.
internal sealed class ConsolidationJobSettings
{
    public string? Records { get; set; }

    public string? Source { get; set; }

    public string? Target { get; set; }

    public string? Mode { get; set; }

    public string? Existing { get; set; }

    public string? CreateMissing { get; set; }

    public string? MatchByPhone { get; set; }

    public string? UnmappedCustomFields { get; set; }

    public string? PageSize { get; set; }

    public string? LookupBatchSize { get; set; }

    public string? CheckpointKey { get; set; }

    // A list of pairs, not a dictionary: a field name such as custom:sector cannot be a configuration key.
    public List<ConsolidationFieldSettings> Fields { get; set; } = [];

    public List<string> Drop { get; set; } = [];

    /// <summary>Builds the job, or returns the problems (each named by its path) that prevent it.</summary>
    public (ConsolidationJob? Job, List<string> Problems) ToJob(string path)
    {
        var problems = new List<string>();
        var job = new ConsolidationJob
        {
            Records = Choice(Records, $"{path}:Records", ConsolidationRecordKind.Contacts, problems),
            Source = Source?.Trim() ?? string.Empty,
            Target = Target?.Trim() ?? string.Empty,
        };
        if (job.Source.Length == 0)
        {
            problems.Add($"{path}:Source is required: the provider instance to read from, such as Pipedrive.");
        }

        if (job.Target.Length == 0)
        {
            problems.Add($"{path}:Target is required: the provider instance to write to, such as HubSpot.");
        }

        ConsolidationOptions options = job.Options;
        options.Mode = Choice(Mode, $"{path}:Mode", ConsolidationMode.Copy, problems);
        options.Existing = Choice(Existing, $"{path}:Existing", ExistingRecordPolicy.Update, problems);
        options.UnmappedCustomFields = Choice(UnmappedCustomFields, $"{path}:UnmappedCustomFields", Sdk.UnmappedCustomFields.Copy, problems);
        options.CreateMissing = Flag(CreateMissing, $"{path}:CreateMissing", true, problems);
        options.MatchByPhone = Flag(MatchByPhone, $"{path}:MatchByPhone", false, problems);
        options.PageSize = Number(PageSize, $"{path}:PageSize", problems);
        options.LookupBatchSize = Number(LookupBatchSize, $"{path}:LookupBatchSize", problems) ?? ConsolidationOptions.DefaultLookupBatchSize;
        options.CheckpointKey = string.IsNullOrWhiteSpace(CheckpointKey) ? null : CheckpointKey.Trim();
        var fields = new List<ConsolidationFieldMap>(Fields.Count);
        for (int i = 0; i < Fields.Count; i++)
        {
            RecordField? source = Field(Fields[i].Source, $"{path}:Fields:{i}:Source", problems);
            RecordField? target = Field(Fields[i].Target, $"{path}:Fields:{i}:Target", problems);
            if (source is { } from && target is { } to)
            {
                fields.Add(new ConsolidationFieldMap(from, to));
            }
        }

        var drop = new List<RecordField>(Drop.Count);
        for (int i = 0; i < Drop.Count; i++)
        {
            if (Field(Drop[i], $"{path}:Drop:{i}", problems) is { } field)
            {
                drop.Add(field);
            }
        }

        options.Fields = fields;
        options.Drop = drop;

        if (problems.Count == 0)
        {
            try
            {
                options.Validate(job.Records == ConsolidationRecordKind.Leads);
            }
            catch (ArgumentException ex)
            {
                problems.Add($"{path}: {ex.Message}");
            }
        }

        return (problems.Count == 0 ? job : null, problems);
    }

    private static T Choice<T>(string? text, string path, T fallback, List<string> problems)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (Enum.TryParse(text.Trim(), ignoreCase: true, out T value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text.Trim()[0]))
        {
            return value;
        }

        problems.Add($"{path} must be one of {string.Join(", ", Enum.GetNames<T>())} (was '{text}').");
        return fallback;
    }

    private static bool Flag(string? text, string path, bool fallback, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (bool.TryParse(text.Trim(), out bool value))
        {
            return value;
        }

        problems.Add($"{path} must be true or false (was '{text}').");
        return fallback;
    }

    private static int? Number(string? text, string path, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value) && value > 0)
        {
            return value;
        }

        problems.Add($"{path} must be a whole number above 0, such as 100 (was '{text}').");
        return null;
    }

    private static RecordField? Field(string? name, string path, List<string> problems)
    {
        if (RecordField.TryParse(name, out RecordField field, out string? error))
        {
            return field;
        }

        problems.Add($"{path}: {error}");
        return null;
    }
}

internal sealed class ConsolidationFieldSettings
{
    public string? Source { get; set; }

    public string? Target { get; set; }
}
