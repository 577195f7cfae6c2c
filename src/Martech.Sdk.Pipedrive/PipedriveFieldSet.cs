using System.Diagnostics.CodeAnalysis;

namespace Martech.Sdk.Pipedrive;

/// <summary>
/// One object's field definitions, as loaded at <see cref="LoadedAt"/>: custom fields by their 40-character hash key
/// and by the name Pipedrive shows, so custom fields read under readable names and write under hashes.
/// </summary>
internal sealed class PipedriveFieldSet
{
    private readonly Dictionary<string, PipedriveField> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PipedriveField> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PipedriveField?> _byNameIgnoringCase = new(StringComparer.OrdinalIgnoreCase);

    public PipedriveFieldSet(IEnumerable<PipedriveField> fields, DateTimeOffset loadedAt)
    {
        ArgumentNullException.ThrowIfNull(fields);
        LoadedAt = loadedAt;
        foreach (PipedriveField field in fields)
        {
            if (string.IsNullOrEmpty(field.Key))
            {
                continue;
            }

            _byKey[field.Key] = field;
            if (!IsCustom(field) || string.IsNullOrWhiteSpace(field.Name))
            {
                continue;
            }

            _byName.TryAdd(field.Name, field);

            // A name that differs only in case from another is ambiguous: only exact matches find either.
            _byNameIgnoringCase[field.Name] = _byNameIgnoringCase.ContainsKey(field.Name) ? null : field;
        }
    }

    /// <summary>When the definitions were read.</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>Whether a key is a custom field's 40-character hexadecimal hash.</summary>
    public static bool IsHashKey(string key)
    {
        if (key.Length != 40)
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether a field is a custom field (editable, keyed by hash) rather than one of Pipedrive's own.</summary>
    public static bool IsCustom(PipedriveField field) =>
        field.Key is { } key && (IsHashKey(key) || field.EditFlag == true);

    /// <summary>Whether a wire property key is a custom field's: a known custom field, or an unknown hash.</summary>
    public bool IsCustomKey(string key) =>
        _byKey.TryGetValue(key, out PipedriveField? field) ? IsCustom(field) : IsHashKey(key);

    /// <summary>Finds a field by key.</summary>
    public bool TryGetByKey(string key, [NotNullWhen(true)] out PipedriveField? field) => _byKey.TryGetValue(key, out field);

    /// <summary>Finds a custom field by its name: exactly, else ignoring case when that is unambiguous.</summary>
    public bool TryGetByName(string name, [NotNullWhen(true)] out PipedriveField? field)
    {
        if (_byName.TryGetValue(name, out field))
        {
            return true;
        }

        return _byNameIgnoringCase.TryGetValue(name, out field) && field is not null;
    }

    /// <summary>The readable name a custom field key is shown under: its name, or the key itself when unknown.</summary>
    public string NameOf(string key) =>
        _byKey.TryGetValue(key, out PipedriveField? field) && !string.IsNullOrWhiteSpace(field.Name) ? field.Name : key;

    /// <summary>
    /// Resolves a custom field name given by the caller to the key to write: a known name, a known custom key, or an
    /// unknown 40-character hash (kept, so fields read under their hash round-trip). <see langword="null"/> when the name
    /// is none of these.
    /// </summary>
    public string? KeyFor(string name)
    {
        if (TryGetByName(name, out PipedriveField? field))
        {
            return field.Key;
        }

        return IsCustomKey(name) ? name : null;
    }
}
