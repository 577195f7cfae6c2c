namespace Martech.Sdk;

/// <summary>How a consolidation copies or moves records from a source provider instance to a target instance.</summary>
/// <remarks>
/// <para>Field mapping: every standard field the record kind has is copied to itself, except <c>Id</c>,
/// <c>ContactId</c>, <c>OwnerId</c>, <c>CreatedAt</c> and <c>UpdatedAt</c>, which belong to the source instance (map
/// <c>OwnerId</c> with a transform that translates owner ids to carry owners over). An entry in <see cref="Fields"/>
/// replaces its source field's default; <see cref="Drop"/> leaves a field out; custom fields no entry names follow
/// <see cref="UnmappedCustomFields"/>. A source value that is missing never clears the target's value.</para>
/// <para>Dedupe on the target: a record matches the target record with the same email address (compared as
/// <see cref="EmailAddress"/> compares: trimmed, ignoring case), or, with <see cref="MatchByPhone"/>, the same E.164
/// phone number.</para>
/// </remarks>
public sealed class ConsolidationOptions
{
    /// <summary>The default <see cref="LookupBatchSize"/>: 100.</summary>
    public const int DefaultLookupBatchSize = 100;

    /// <summary>The source instance's name, for the checkpoint key and reports; taken from the source client's
    /// <see cref="MartechProviderMetadata"/> when <see langword="null"/>.</summary>
    public string? SourceInstance { get; set; }

    /// <summary>The target instance's name; taken from the target client's metadata when <see langword="null"/>.</summary>
    public string? TargetInstance { get; set; }

    /// <summary>Copy, or move (delete from the source after the target write succeeded).</summary>
    /// <value>The default value is <see cref="ConsolidationMode.Copy"/>.</value>
    public ConsolidationMode Mode { get; set; } = ConsolidationMode.Copy;

    /// <summary>What to do with a record that already exists on the target.</summary>
    /// <value>The default value is <see cref="ExistingRecordPolicy.Update"/>.</value>
    public ExistingRecordPolicy Existing { get; set; } = ExistingRecordPolicy.Update;

    /// <summary>Whether a record with no match on the target is created there; <see langword="false"/> only updates
    /// (or skips) records the target already has.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CreateMissing { get; set; } = true;

    /// <summary>Whether a record with no email match also matches a target record by phone. Contacts: the target's
    /// contacts are listed once at the start to index their phones (an entry of about 100 bytes per target contact with
    /// a phone). Leads are always indexed this way, by email and phone, since a lead client has no look-up.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool MatchByPhone { get; set; }

    /// <summary>Field mappings that replace the defaults for their source fields (see the remarks).</summary>
    /// <value>The default value is empty: every field keeps its default.</value>
    public IReadOnlyList<ConsolidationFieldMap> Fields { get; set; } = [];

    /// <summary>Source fields left out, standard or custom.</summary>
    /// <value>The default value is empty.</value>
    public IReadOnlyList<RecordField> Drop { get; set; } = [];

    /// <summary>What to do with custom fields no mapping names.</summary>
    /// <value>The default value is <see cref="Sdk.UnmappedCustomFields.Copy"/>.</value>
    public UnmappedCustomFields UnmappedCustomFields { get; set; } = UnmappedCustomFields.Copy;

    /// <summary>Read, map and dedupe against the target, report what would happen, and write nothing: neither records
    /// nor the checkpoint.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DryRun { get; set; }

    /// <summary>The page size asked of the source; the provider's default when <see langword="null"/>.</summary>
    public int? PageSize { get; set; }

    /// <summary>Addresses per target look-up (<see cref="IContactClient.FindByEmailsAsync"/>).</summary>
    /// <value>The default value is <see cref="DefaultLookupBatchSize"/> (100).</value>
    public int LookupBatchSize { get; set; } = DefaultLookupBatchSize;

    /// <summary>The checkpoint's key in the <see cref="ICheckpointStore"/>; <c>consolidation:&lt;kind&gt;:&lt;source&gt;:&lt;target&gt;</c>
    /// when <see langword="null"/>. A run with a key that holds an unfinished checkpoint resumes it.</summary>
    public string? CheckpointKey { get; set; }

    /// <summary>Ignore (and replace) a checkpoint left by an earlier run, finished or not, and start from the first
    /// page.</summary>
    /// <value>The default value is <see langword="false"/>: an unfinished run resumes, and a finished one returns its
    /// totals without doing anything again.</value>
    public bool StartOver { get; set; }

    /// <summary>Receives each record's outcome as it is decided, so a long run's report is streamed, not held. An outcome
    /// reached before a crash is not sent again when the run resumes.</summary>
    public Func<ConsolidationOutcome, CancellationToken, ValueTask>? OnOutcome { get; set; }

    /// <summary>Checks the options for a kind of record.</summary>
    /// <param name="leads">Whether the records are leads (otherwise contacts).</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it and the fix.</exception>
    public void Validate(bool leads)
    {
        string kind = leads ? "lead" : "contact";
        if (leads && Mode == ConsolidationMode.Move)
        {
            throw new ArgumentException("ConsolidationOptions.Mode is Move, but a lead client has no delete: copy the leads (Mode = Copy) and retire the source instance's leads there.");
        }

        if (PageSize is <= 0)
        {
            throw new ArgumentException($"ConsolidationOptions.PageSize is {PageSize}; it must be positive, or null for the provider's default.");
        }

        if (LookupBatchSize <= 0)
        {
            throw new ArgumentException($"ConsolidationOptions.LookupBatchSize is {LookupBatchSize}; it must be positive.");
        }

        if (!Enum.IsDefined(Mode) || !Enum.IsDefined(Existing) || !Enum.IsDefined(UnmappedCustomFields))
        {
            throw new ArgumentException("ConsolidationOptions.Mode, Existing or UnmappedCustomFields holds a value that is not one of the enum's members.");
        }

        if (CheckpointKey is not null && string.IsNullOrWhiteSpace(CheckpointKey))
        {
            throw new ArgumentException("ConsolidationOptions.CheckpointKey is blank; name the checkpoint, or leave it null for the default key.");
        }

        if (Fields is null || Drop is null)
        {
            throw new ArgumentException("ConsolidationOptions.Fields or Drop is null; leave them empty for the defaults.");
        }

        var targets = new HashSet<RecordField>();
        for (int i = 0; i < Fields.Count; i++)
        {
            ConsolidationFieldMap map = Fields[i] ?? throw new ArgumentException($"ConsolidationOptions.Fields[{i}] is null.");
            CheckField(map.Source, leads, $"ConsolidationOptions.Fields[{i}].Source", kind);
            CheckField(map.Target, leads, $"ConsolidationOptions.Fields[{i}].Target", kind);
            if (map.Target == RecordField.Id || map.Target == RecordField.ContactId)
            {
                throw new ArgumentException($"ConsolidationOptions.Fields[{i}].Target is {map.Target}, which the target instance assigns; map the value to a custom field instead.");
            }

            if (!targets.Add(map.Target))
            {
                throw new ArgumentException($"ConsolidationOptions.Fields maps two source fields to {map.Target}; keep one.");
            }
        }

        for (int i = 0; i < Drop.Count; i++)
        {
            CheckField(Drop[i], leads, $"ConsolidationOptions.Drop[{i}]", kind);
        }
    }

    /// <summary>A copy, so one run's settings (a dry run, a sink) do not change a registered job's.</summary>
    internal ConsolidationOptions Copy()
    {
        var copy = new ConsolidationOptions
        {
            SourceInstance = SourceInstance,
            TargetInstance = TargetInstance,
            Mode = Mode,
            Existing = Existing,
            CreateMissing = CreateMissing,
            MatchByPhone = MatchByPhone,
            UnmappedCustomFields = UnmappedCustomFields,
            DryRun = DryRun,
            PageSize = PageSize,
            LookupBatchSize = LookupBatchSize,
            CheckpointKey = CheckpointKey,
            StartOver = StartOver,
            OnOutcome = OnOutcome,
            Fields = [.. Fields],
            Drop = [.. Drop],
        };
        return copy;
    }

    private static void CheckField(RecordField field, bool leads, string path, string kind)
    {
        if (field == default)
        {
            throw new ArgumentException($"{path} names no field; use RecordField.Parse(\"Email\") or one of RecordField's properties.");
        }

        if (leads ? !field.AppliesToLeads : !field.AppliesToContacts)
        {
            throw new ArgumentException($"{path} is {field}, which a {kind} does not have.");
        }
    }
}
