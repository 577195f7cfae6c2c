using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// Maps v1 leads to <see cref="Lead"/>s and back. A Pipedrive lead has a title, an owner, a person (which holds the
/// lead's email, names, phone and company) and custom fields at the top level by hash; status, source and score live
/// in the custom fields <see cref="PipedriveFieldMapping"/> names.
/// </summary>
internal sealed class PipedriveLeadMapper
{
    private readonly PipedriveOptions _options;

    public PipedriveLeadMapper(PipedriveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
    }

    /// <summary>The title a lead created without one gets: "{name, company or email} lead", from the lead's values or
    /// else its person's.</summary>
    public static string DefaultTitle(Lead lead, Contact person)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(person);
        string? company = lead.Company ?? person.Company;
        EmailAddress? address = lead.Email ?? person.Email;
        string name = (lead.FirstName ?? person.FirstName, lead.LastName ?? person.LastName) switch
        {
            (null or "", null or "") => company ?? (address is { IsEmpty: false } email ? email.Value : "New"),
            (null or "", var last) => last,
            (var first, null or "") => first,
            var (first, last) => $"{first} {last}",
        };
        return $"{name} lead";
    }

    /// <summary>Maps a lead and its person (when it has one and it could be read).</summary>
    public Lead ToLead(PipedriveLead wire, PipedriveFieldSet fields, Contact? person)
    {
        ArgumentNullException.ThrowIfNull(wire);
        ArgumentNullException.ThrowIfNull(fields);
        Dictionary<string, JsonElement>? values = wire.AdditionalProperties;
        var mappedKeys = new HashSet<string>(StringComparer.Ordinal);
        string? status = ReadMapped(values, fields, _options.Fields.LeadStatus, mappedKeys);
        string? source = ReadMapped(values, fields, _options.Fields.LeadSource, mappedKeys);
        string? scoreText = ReadMapped(values, fields, _options.Fields.LeadScore, mappedKeys);
        int? score = decimal.TryParse(scoreText, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out decimal number)
            && number >= int.MinValue && number <= int.MaxValue
            ? (int)Math.Round(number, MidpointRounding.AwayFromZero)
            : null;

        var lead = new Lead
        {
            Id = wire.Id,
            ContactId = wire.PersonId is long personId ? PipedriveIds.Text(personId) : null,
            Email = person?.Email,
            Phone = person?.Phone,
            FirstName = person?.FirstName,
            LastName = person?.LastName,
            Company = person?.Company,
            Title = wire.Title,
            Status = status is null ? LeadStatus.New : new LeadStatus(status),
            Source = source,
            Score = score,
            OwnerId = wire.OwnerId is long owner ? PipedriveIds.Text(owner) : null,
            CreatedAt = PipedrivePersonMapper.ParseTime(wire.AddTime),
            UpdatedAt = PipedrivePersonMapper.ParseTime(wire.UpdateTime),
            Raw = JsonSerializer.SerializeToElement(wire, PipedriveJsonContext.Default.PipedriveLead),
        };
        PipedrivePersonMapper.CopyCustomFields(values, fields, mappedKeys, lead.CustomFields);
        return lead;
    }

    /// <summary>Builds the body of a new lead; its person id, and its default title when it has none, are filled in
    /// once the person is known.</summary>
    public PipedriveProblem? BuildCreate(Lead lead, PipedriveFieldSet fields, out PipedriveLeadWrite body)
    {
        ArgumentNullException.ThrowIfNull(lead);
        body = new PipedriveLeadWrite { Title = lead.Title };
        return WriteCommon(lead, lead.Status ?? LeadStatus.New, fields, body);
    }

    /// <summary>Builds the PATCH body for what the lead sets; properties left <see langword="null"/> are not sent.</summary>
    public PipedriveProblem? BuildUpdate(Lead lead, PipedriveFieldSet fields, out PipedriveLeadWrite body)
    {
        ArgumentNullException.ThrowIfNull(lead);
        body = new PipedriveLeadWrite { Title = lead.Title };
        return WriteCommon(lead, lead.Status, fields, body);
    }

    /// <summary>Builds the PATCH body that marks a lead converted and archives it.</summary>
    public PipedriveProblem? BuildConverted(PipedriveFieldSet fields, out PipedriveLeadWrite body)
    {
        body = new PipedriveLeadWrite { IsArchived = true };
        var custom = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        PipedriveProblem? problem = WriteStatus(custom, fields, LeadStatus.Converted);
        body.CustomFields = custom.Count > 0 ? custom : null;
        return problem;
    }

    /// <summary>The lead's stored status, from the status field; <see langword="null"/> when it holds none.</summary>
    public string? ReadStatus(PipedriveLead wire, PipedriveFieldSet fields) =>
        ReadMapped(wire.AdditionalProperties, fields, _options.Fields.LeadStatus, []);

    /// <summary>Whether the account has the field that holds lead statuses.</summary>
    public bool HasStatusField(PipedriveFieldSet fields) =>
        !string.IsNullOrWhiteSpace(_options.Fields.LeadStatus) && fields.TryGetByName(_options.Fields.LeadStatus, out _);

    private static string? ReadMapped(Dictionary<string, JsonElement>? values, PipedriveFieldSet fields, string? fieldName, HashSet<string> mappedKeys)
    {
        if (string.IsNullOrWhiteSpace(fieldName) || !fields.TryGetByName(fieldName, out PipedriveField? field))
        {
            return null;
        }

        mappedKeys.Add(field.Key!);
        return PipedriveFieldValues.ReadText(values, field);
    }

    private PipedriveProblem? WriteCommon(Lead lead, LeadStatus? status, PipedriveFieldSet fields, PipedriveLeadWrite body)
    {
        if (lead.OwnerId is { } ownerText)
        {
            if (!PipedriveIds.TryParse(ownerText, out long owner))
            {
                return new PipedriveProblem($"Lead.OwnerId '{ownerText}' is not a Pipedrive user id (a positive whole number).", PipedriveProblem.InvalidId, nameof(Lead.OwnerId));
            }

            body.OwnerId = owner;
        }

        var custom = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        PipedriveProblem? problem =
            (status is { } s ? WriteStatus(custom, fields, s) : null)
            ?? PipedrivePersonMapper.WriteMappedText(custom, null, fields, _options.Fields.LeadSource, nameof(PipedriveFieldMapping.LeadSource), "Lead.Source", "lead", lead.Source)
            ?? WriteScore(custom, fields, lead.Score)
            ?? PipedrivePersonMapper.WriteCustomFields(custom, null, fields, lead.CustomFields, "Lead", "lead");
        body.CustomFields = custom.Count > 0 ? custom : null;
        return problem;
    }

    private PipedriveProblem? WriteStatus(Dictionary<string, JsonElement> custom, PipedriveFieldSet fields, LeadStatus status)
    {
        // A lead without a stored status reads as New, so New needs no field; any other status does.
        if (status == LeadStatus.New && !HasStatusField(fields))
        {
            return null;
        }

        return PipedrivePersonMapper.WriteMappedText(custom, null, fields, _options.Fields.LeadStatus, nameof(PipedriveFieldMapping.LeadStatus), "Lead.Status", "lead", status.Value);
    }

    private PipedriveProblem? WriteScore(Dictionary<string, JsonElement> custom, PipedriveFieldSet fields, int? score)
    {
        string? fieldName = _options.Fields.LeadScore;
        if (score is not int value || string.IsNullOrWhiteSpace(fieldName))
        {
            return null;
        }

        if (!fields.TryGetByName(fieldName, out PipedriveField? field))
        {
            return new PipedriveProblem(
                $"Lead.Score is stored in the Pipedrive lead field '{fieldName}' (option Fields:{nameof(PipedriveFieldMapping.LeadScore)}), which this Pipedrive account does not have: create a numeric custom deal/lead field with that name, or map Lead.Score to another field.",
                PipedriveProblem.FieldNotFound,
                nameof(Lead.Score),
                UnknownName: true);
        }

        custom[field.Key!] = PipedriveFieldValues.WriteNumber(value, field);
        return null;
    }
}
