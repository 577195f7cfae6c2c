using System.Text.Json;

namespace Martech.Sdk;

/// <summary>Builds the record written to the target from a source record, as <see cref="ConsolidationOptions"/>
/// describes: defaults for the standard fields, the mappings, the drops and the unmapped custom fields.</summary>
internal sealed class ConsolidationMapper
{
    private static readonly RecordField[] InstanceFields =
        [RecordField.Id, RecordField.ContactId, RecordField.OwnerId, RecordField.CreatedAt, RecordField.UpdatedAt];

    private readonly List<ConsolidationFieldMap> _maps = [];
    private readonly HashSet<string> _customNamed = new(StringComparer.Ordinal);
    private readonly bool _copyUnmapped;

    public ConsolidationMapper(ConsolidationOptions options, bool leads)
    {
        var replaced = new HashSet<RecordField>(options.Fields.Select(static m => m.Source));
        var dropped = new HashSet<RecordField>(options.Drop);
        foreach (RecordField field in RecordField.Standard)
        {
            if ((leads ? field.AppliesToLeads : field.AppliesToContacts) && !InstanceFields.Contains(field)
                && !replaced.Contains(field) && !dropped.Contains(field))
            {
                _maps.Add(new ConsolidationFieldMap(field, field));
            }
        }

        foreach (ConsolidationFieldMap map in options.Fields)
        {
            if (!dropped.Contains(map.Source))
            {
                _maps.Add(map);
            }
        }

        foreach (RecordField field in options.Fields.Select(static m => m.Source).Concat(options.Drop))
        {
            if (field.IsCustom)
            {
                _customNamed.Add(field.Name);
            }
        }

        _copyUnmapped = options.UnmappedCustomFields == UnmappedCustomFields.Copy;
    }

    /// <summary>The contact to write: no id, instance fields left out.</summary>
    /// <exception cref="ArgumentException">A value does not parse as its target field's type (the message names the field).</exception>
    public Contact Map(Contact source) =>
        Map(source, new Contact(), static c => c.CustomFields, static (f, c) => f.GetText(c), static (f, s, t) => f.CopyValue(s, t), static (f, t, text) => f.WithText(t, text));

    /// <summary>The lead to write: no id and no contact id, instance fields left out.</summary>
    /// <exception cref="ArgumentException">A value does not parse as its target field's type (the message names the field).</exception>
    public Lead Map(Lead source) =>
        Map(source, new Lead(), static l => l.CustomFields, static (f, l) => f.GetText(l), static (f, s, t) => f.CopyValue(s, t), static (f, t, text) => f.WithText(t, text));

    private T Map<T>(
        T source,
        T target,
        Func<T, CustomFieldCollection> customFields,
        Func<RecordField, T, string?> getText,
        Func<RecordField, T, T, T> copyValue,
        Func<RecordField, T, string?, T> withText)
    {
        foreach (ConsolidationFieldMap map in _maps)
        {
            string? text = getText(map.Source, source);
            if (!Has(map.Source, customFields(source), text))
            {
                continue;
            }

            target = map.Transform is null && map.Source == map.Target
                ? copyValue(map.Target, source, target)
                : withText(map.Target, target, Transform(map, text));
        }

        CopyUnmapped(customFields(source), customFields(target));
        return target;
    }

    // A value the source lacks is not written at all, so it never clears the target's value on update; a custom field
    // the source holds as JSON null is left out the same way.
    private static bool Has(RecordField field, CustomFieldCollection fields, string? text) =>
        field.IsCustom
            ? fields.TryGetValue(field.Name, out JsonElement value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            : text is not null;

    private static string? Transform(ConsolidationFieldMap map, string? text)
    {
        if (map.Transform is null)
        {
            return text;
        }

        try
        {
            return map.Transform(text);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            throw new ArgumentException($"The transform from {map.Source} to {map.Target} failed on '{text}': {ex.Message}", ex);
        }
    }

    private void CopyUnmapped(CustomFieldCollection from, CustomFieldCollection to)
    {
        if (!_copyUnmapped)
        {
            return;
        }

        foreach (KeyValuePair<string, JsonElement> field in from)
        {
            if (!_customNamed.Contains(field.Key) && field.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                to.SetRaw(field.Key, field.Value);
            }
        }
    }
}
