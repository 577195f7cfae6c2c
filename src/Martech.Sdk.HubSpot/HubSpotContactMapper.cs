using System.Text.Json;

namespace Martech.Sdk.HubSpot;

/// <summary>
/// Maps a <see cref="Contact"/> to HubSpot contact properties and back: the named members to HubSpot's standard
/// properties and the configured consent properties, everything else to and from <see cref="Contact.CustomFields"/>
/// (as strings, since HubSpot stores every value as one).
/// </summary>
internal sealed class HubSpotContactMapper
{
    private readonly HubSpotConsentProperties _emailConsent;
    private readonly HubSpotConsentProperties _smsConsent;
    private readonly HashSet<string> _mapped;
    private readonly HashSet<string> _readOnly;
    private readonly string _configurationPath;
    private readonly int _maxCustomNameLength;

    public HubSpotContactMapper(HubSpotOptions options, string configurationPath)
    {
        _emailConsent = options.EmailConsent ?? new HubSpotConsentProperties();
        _smsConsent = options.SmsConsent ?? new HubSpotConsentProperties();
        _configurationPath = configurationPath;
        _maxCustomNameLength = options.MaxCustomFieldNameLength;
        _mapped = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            HubSpotPropertyNames.Email, HubSpotPropertyNames.FirstName, HubSpotPropertyNames.LastName, HubSpotPropertyNames.Company,
            HubSpotPropertyNames.JobTitle, HubSpotPropertyNames.Phone, HubSpotPropertyNames.LifecycleStage, HubSpotPropertyNames.Owner,
            HubSpotPropertyNames.ContactCreated, HubSpotPropertyNames.ContactModified, HubSpotPropertyNames.ObjectId,
        };
        AddConsent(_mapped, _emailConsent);
        AddConsent(_mapped, _smsConsent);
        _readOnly = new HashSet<string>(HubSpotPropertyNames.AlwaysReadOnly, StringComparer.OrdinalIgnoreCase);
        _readOnly.UnionWith(options.ReadOnlyProperties ?? []);

        var read = new List<string>(_mapped.Count);
        foreach (string name in _mapped)
        {
            if (!string.Equals(name, HubSpotPropertyNames.ObjectId, StringComparison.OrdinalIgnoreCase))
            {
                read.Add(name);
            }
        }

        foreach (string name in options.ContactPropertiesToRead ?? [])
        {
            if (!read.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                read.Add(name);
            }
        }

        read.Sort(StringComparer.Ordinal);
        ReadProperties = read;
    }

    /// <summary>The properties every contact read asks for, in a fixed order.</summary>
    public IReadOnlyList<string> ReadProperties { get; }

    /// <summary>The properties that hold a contact's person data on a lead: email, names, company and phone.</summary>
    public static IReadOnlyList<string> PersonProperties { get; } =
        [HubSpotPropertyNames.Company, HubSpotPropertyNames.Email, HubSpotPropertyNames.FirstName, HubSpotPropertyNames.LastName, HubSpotPropertyNames.Phone];

    /// <summary>The properties to write for a contact: its custom fields (except read-only ones), then every named
    /// member that is set. Members left <see langword="null"/> are not sent, so HubSpot keeps their values.</summary>
    /// <exception cref="ArgumentException">A custom field name is not a HubSpot property internal name, or the contact
    /// sets a consent whose status property is not configured.</exception>
    public Dictionary<string, string> ToProperties(Contact contact)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in contact.CustomFields)
        {
            HubSpotPropertyNames.ThrowIfInvalidCustom(name, nameof(Contact), nameof(contact), _maxCustomNameLength);
            if (!_readOnly.Contains(name))
            {
                properties[name] = HubSpotValues.ToWire(value);
            }
        }

        Set(properties, HubSpotPropertyNames.Email, contact.Email is { IsEmpty: false } email ? email.Value : null);
        Set(properties, HubSpotPropertyNames.Phone, contact.Phone is { Value.Length: > 0 } phone ? phone.Value : null);
        Set(properties, HubSpotPropertyNames.FirstName, contact.FirstName);
        Set(properties, HubSpotPropertyNames.LastName, contact.LastName);
        Set(properties, HubSpotPropertyNames.Company, contact.Company);
        Set(properties, HubSpotPropertyNames.JobTitle, contact.JobTitle);
        Set(properties, HubSpotPropertyNames.LifecycleStage, contact.LifecycleStage is { Value.Length: > 0 } stage ? stage.Value : null);
        Set(properties, HubSpotPropertyNames.Owner, contact.OwnerId);
        string? problem = WriteConsent(properties, contact.EmailConsent, _emailConsent, nameof(HubSpotOptions.EmailConsent), nameof(Contact.EmailConsent))
            ?? WriteConsent(properties, contact.SmsConsent, _smsConsent, nameof(HubSpotOptions.SmsConsent), nameof(Contact.SmsConsent));
        return problem is null ? properties : throw new ArgumentException(problem, nameof(contact));
    }

    /// <summary>Reads a HubSpot contact: named members from their properties, every other property with a value into
    /// <see cref="Contact.CustomFields"/> as a string. A value a named member cannot hold (an email or phone number the
    /// SDK cannot parse) stays in the custom fields under its property name, so nothing is lost.</summary>
    public Contact FromObject(HubSpotObject source)
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

        EmailAddress? email = null;
        if (HubSpotValues.NonEmpty(p, HubSpotPropertyNames.Email) is { } rawEmail)
        {
            if (EmailAddress.TryParse(rawEmail, out EmailAddress parsed))
            {
                email = parsed;
            }
            else
            {
                custom.Set(HubSpotPropertyNames.Email, rawEmail);
            }
        }

        PhoneNumber? phone = null;
        if (HubSpotValues.NonEmpty(p, HubSpotPropertyNames.Phone) is { } rawPhone)
        {
            if (PhoneNumber.TryParse(rawPhone, out PhoneNumber parsed))
            {
                phone = parsed;
            }
            else
            {
                custom.Set(HubSpotPropertyNames.Phone, rawPhone);
            }
        }

        return new Contact
        {
            Id = source.Id,
            Email = email,
            Phone = phone,
            FirstName = HubSpotValues.NonEmpty(p, HubSpotPropertyNames.FirstName),
            LastName = HubSpotValues.NonEmpty(p, HubSpotPropertyNames.LastName),
            Company = HubSpotValues.NonEmpty(p, HubSpotPropertyNames.Company),
            JobTitle = HubSpotValues.NonEmpty(p, HubSpotPropertyNames.JobTitle),
            LifecycleStage = HubSpotValues.NonEmpty(p, HubSpotPropertyNames.LifecycleStage) is { } stage ? LifecycleStage.Create(stage) : null,
            OwnerId = HubSpotValues.NonEmpty(p, HubSpotPropertyNames.Owner),
            EmailConsent = ReadConsent(p, _emailConsent, custom),
            SmsConsent = ReadConsent(p, _smsConsent, custom),
            CreatedAt = source.CreatedAt ?? Date(p, HubSpotPropertyNames.ContactCreated),
            UpdatedAt = source.UpdatedAt ?? Date(p, HubSpotPropertyNames.ContactModified),
            CustomFields = custom,
            Raw = JsonSerializer.SerializeToElement(source, HubSpotJsonContext.Default.HubSpotObject),
        };
    }

    /// <summary>The person data of a contact, as a lead shows it.</summary>
    public static (EmailAddress? Email, PhoneNumber? Phone, string? FirstName, string? LastName, string? Company) Person(HubSpotObject? contact)
    {
        Dictionary<string, string?>? p = contact?.Properties;
        return (
            HubSpotValues.NonEmpty(p, HubSpotPropertyNames.Email) is { } e && EmailAddress.TryParse(e, out EmailAddress email) ? email : null,
            HubSpotValues.NonEmpty(p, HubSpotPropertyNames.Phone) is { } ph && PhoneNumber.TryParse(ph, out PhoneNumber phone) ? phone : null,
            HubSpotValues.NonEmpty(p, HubSpotPropertyNames.FirstName),
            HubSpotValues.NonEmpty(p, HubSpotPropertyNames.LastName),
            HubSpotValues.NonEmpty(p, HubSpotPropertyNames.Company));
    }

    private static DateTimeOffset? Date(Dictionary<string, string?>? properties, string name) =>
        HubSpotValues.TryParseDate(HubSpotValues.NonEmpty(properties, name), out DateTimeOffset value) ? value : null;

    private static void Set(Dictionary<string, string> properties, string name, string? value)
    {
        if (value is not null)
        {
            properties[name] = value;
        }
    }

    private static void AddConsent(HashSet<string> names, HubSpotConsentProperties consent)
    {
        foreach (string? name in (ReadOnlySpan<string?>)[consent.StatusProperty, consent.SourceProperty, consent.UpdatedAtProperty])
        {
            if (!string.IsNullOrEmpty(name))
            {
                names.Add(name);
            }
        }
    }

    /// <summary>Writes a consent's properties; returns why it cannot, or <see langword="null"/>.</summary>
    private string? WriteConsent(Dictionary<string, string> properties, Consent? consent, HubSpotConsentProperties names, string setting, string member)
    {
        if (consent is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(names.StatusProperty))
        {
            return $"Contact.{member} is set, but {_configurationPath}:{setting}:{nameof(HubSpotConsentProperties.StatusProperty)} is empty, so HubSpot has nowhere to store it. Configure the property, or leave Contact.{member} null.";
        }

        properties[names.StatusProperty] = consent.Status.Value;

        // A new decision replaces the old one whole: its source and time are cleared when it has none.
        if (!string.IsNullOrEmpty(names.SourceProperty))
        {
            properties[names.SourceProperty] = consent.Source ?? string.Empty;
        }

        if (!string.IsNullOrEmpty(names.UpdatedAtProperty))
        {
            properties[names.UpdatedAtProperty] = consent.UpdatedAt is { } at ? HubSpotValues.ToWire(at) : string.Empty;
        }

        return null;
    }

    private static Consent? ReadConsent(Dictionary<string, string?>? properties, HubSpotConsentProperties names, CustomFieldCollection custom)
    {
        if (HubSpotValues.NonEmpty(properties, names.StatusProperty) is not { } status)
        {
            return null;
        }

        DateTimeOffset? updatedAt = null;
        if (HubSpotValues.NonEmpty(properties, names.UpdatedAtProperty) is { } rawTime)
        {
            if (HubSpotValues.TryParseDate(rawTime, out DateTimeOffset parsed))
            {
                updatedAt = parsed;
            }
            else
            {
                custom.Set(names.UpdatedAtProperty!, rawTime);
            }
        }

        return new Consent(ConsentStatus.Create(status), HubSpotValues.NonEmpty(properties, names.SourceProperty), updatedAt);
    }
}
