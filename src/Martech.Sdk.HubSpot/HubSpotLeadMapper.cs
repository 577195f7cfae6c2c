using System.Globalization;
using System.Text.Json;

namespace Martech.Sdk.HubSpot;

/// <summary>
/// Maps a <see cref="Lead"/> to HubSpot lead properties and back. The lead's own members go to the configured lead
/// properties (<see cref="HubSpotOptions.LeadProperties"/>), its custom fields to properties of the same name; its
/// person members (email, names, company, phone) belong to the associated contact and are read from it.
/// </summary>
internal sealed class HubSpotLeadMapper
{
    private readonly HubSpotLeadProperties _names;
    private readonly Dictionary<string, string> _statusValues;
    private readonly HashSet<string> _mapped;
    private readonly HashSet<string> _readOnly;
    private readonly string _configurationPath;
    private readonly int _maxCustomNameLength;

    public HubSpotLeadMapper(HubSpotOptions options, string configurationPath)
    {
        _names = options.LeadProperties ?? new HubSpotLeadProperties();
        _statusValues = new Dictionary<string, string>(options.LeadStatusValues ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        _configurationPath = configurationPath;
        _maxCustomNameLength = options.MaxCustomFieldNameLength;
        _mapped = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            HubSpotPropertyNames.ObjectId, HubSpotPropertyNames.ObjectCreated, HubSpotPropertyNames.ObjectModified,
        };
        foreach (string? name in (ReadOnlySpan<string?>)[_names.Name, _names.Status, _names.Source, _names.Score, _names.Owner])
        {
            if (!string.IsNullOrEmpty(name))
            {
                _mapped.Add(name);
            }
        }

        _readOnly = new HashSet<string>(HubSpotPropertyNames.AlwaysReadOnly, StringComparer.OrdinalIgnoreCase);
        _readOnly.UnionWith(options.ReadOnlyProperties ?? []);
        var read = new List<string>();
        foreach (string name in _mapped)
        {
            if (!string.Equals(name, HubSpotPropertyNames.ObjectId, StringComparison.OrdinalIgnoreCase))
            {
                read.Add(name);
            }
        }

        foreach (string name in options.LeadPropertiesToRead ?? [])
        {
            if (!read.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                read.Add(name);
            }
        }

        read.Sort(StringComparer.Ordinal);
        ReadProperties = read;
    }

    /// <summary>The properties every lead read asks for, in a fixed order.</summary>
    public IReadOnlyList<string> ReadProperties { get; }

    /// <summary>The lead properties to write: custom fields (except read-only ones), then every set member. On create a
    /// lead without a status gets <see cref="LeadStatus.New"/>, and a lead without a title gets
    /// <paramref name="defaultName"/>, since HubSpot requires a lead name.</summary>
    /// <exception cref="ArgumentException">A custom field name is not a HubSpot property internal name, or the lead sets
    /// a member whose property is not configured.</exception>
    public Dictionary<string, string> ToProperties(Lead lead, string? defaultName)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in lead.CustomFields)
        {
            HubSpotPropertyNames.ThrowIfInvalidCustom(name, nameof(Lead), nameof(lead), _maxCustomNameLength);
            if (!_readOnly.Contains(name))
            {
                properties[name] = HubSpotValues.ToWire(value);
            }
        }

        bool creating = defaultName is not null;
        LeadStatus? status = lead.Status is { Value.Length: > 0 } set ? set : creating ? LeadStatus.New : null;
        string? problem = Set(properties, _names.Name, nameof(HubSpotLeadProperties.Name), nameof(Lead.Title), lead.Title ?? defaultName)
            ?? Set(properties, _names.Status, nameof(HubSpotLeadProperties.Status), nameof(Lead.Status), status is { } s ? ToWire(s) : null, optionalOnCreate: lead.Status is null)
            ?? Set(properties, _names.Source, nameof(HubSpotLeadProperties.Source), nameof(Lead.Source), lead.Source)
            ?? Set(properties, _names.Score, nameof(HubSpotLeadProperties.Score), nameof(Lead.Score), lead.Score?.ToString(CultureInfo.InvariantCulture))
            ?? Set(properties, _names.Owner, nameof(HubSpotLeadProperties.Owner), nameof(Lead.OwnerId), lead.OwnerId);
        return problem is null ? properties : throw new ArgumentException(problem, nameof(lead));
    }

    /// <summary>Reads a HubSpot lead, with the person data of its contact.</summary>
    public Lead FromObject(HubSpotObject source, string? contactId, HubSpotObject? contact)
    {
        Dictionary<string, string?>? p = source.Properties;
        var custom = new CustomFieldCollection();
        if (p is not null)
        {
            foreach (var (name, value) in p)
            {
                if (value is not null && !_mapped.Contains(name))
                {
                    custom.Set(name, value);
                }
            }
        }

        int? score = null;
        if (HubSpotValues.NonEmpty(p, _names.Score) is { } rawScore)
        {
            if (int.TryParse(rawScore, NumberStyles.Integer, CultureInfo.InvariantCulture, out int parsed))
            {
                score = parsed;
            }
            else
            {
                custom.Set(_names.Score!, rawScore);
            }
        }

        var person = HubSpotContactMapper.Person(contact);
        return new Lead
        {
            Id = source.Id,
            ContactId = contactId,
            Email = person.Email,
            Phone = person.Phone,
            FirstName = person.FirstName,
            LastName = person.LastName,
            Company = person.Company,
            Title = HubSpotValues.NonEmpty(p, _names.Name),
            Status = HubSpotValues.NonEmpty(p, _names.Status) is { } status ? FromWire(status) : LeadStatus.New,
            Source = HubSpotValues.NonEmpty(p, _names.Source),
            Score = score,
            OwnerId = HubSpotValues.NonEmpty(p, _names.Owner),
            CreatedAt = source.CreatedAt ?? Date(p, HubSpotPropertyNames.ObjectCreated),
            UpdatedAt = source.UpdatedAt ?? Date(p, HubSpotPropertyNames.ObjectModified),
            CustomFields = custom,
            Raw = JsonSerializer.SerializeToElement(source, HubSpotJsonContext.Default.HubSpotObject),
        };
    }

    /// <summary>The value the status property holds for a status.</summary>
    public string ToWire(LeadStatus status) => _statusValues.TryGetValue(status.Value, out string? value) ? value : status.Value;

    private LeadStatus FromWire(string value)
    {
        foreach (var (status, wire) in _statusValues)
        {
            if (string.Equals(wire, value, StringComparison.OrdinalIgnoreCase))
            {
                return LeadStatus.Create(status);
            }
        }

        return LeadStatus.Create(value);
    }

    private static DateTimeOffset? Date(Dictionary<string, string?>? properties, string name) =>
        HubSpotValues.TryParseDate(HubSpotValues.NonEmpty(properties, name), out DateTimeOffset value) ? value : null;

    /// <summary>Writes a member's property; returns why it cannot, or <see langword="null"/>.</summary>
    private string? Set(Dictionary<string, string> properties, string? property, string setting, string member, string? value, bool optionalOnCreate = false)
    {
        if (value is null || (string.IsNullOrEmpty(property) && optionalOnCreate))
        {
            return null;
        }

        if (string.IsNullOrEmpty(property))
        {
            return $"Lead.{member} is set, but {_configurationPath}:{nameof(HubSpotOptions.LeadProperties)}:{setting} is empty, so HubSpot has nowhere to store it.";
        }

        properties[property] = value;
        return null;
    }
}
