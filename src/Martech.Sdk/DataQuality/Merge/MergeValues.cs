namespace Martech.Sdk;

/// <summary>Writing a field back to blank, which an undo needs when a merge filled a blank field. The contacts API
/// leaves null members unchanged, so a text member is cleared with an empty string (which vendors store as no value)
/// and a custom field with a JSON null; an email, phone, lifecycle stage or consent has no blank form, so it cannot be
/// cleared.</summary>
internal static class MergeValues
{
    internal static bool CanClear(RecordField field) =>
        field.IsCustom || field == RecordField.FirstName || field == RecordField.LastName || field == RecordField.Company
        || field == RecordField.JobTitle || field == RecordField.OwnerId;

    internal static Contact Clear(RecordField field, Contact patch)
    {
        if (field.IsCustom)
        {
            Contact copy = patch with { };
            copy.CustomFields.Set(field.Name, (string?)null);
            return copy;
        }

        return field == RecordField.FirstName ? patch with { FirstName = string.Empty }
            : field == RecordField.LastName ? patch with { LastName = string.Empty }
            : field == RecordField.Company ? patch with { Company = string.Empty }
            : field == RecordField.JobTitle ? patch with { JobTitle = string.Empty }
            : field == RecordField.OwnerId ? patch with { OwnerId = string.Empty }
            : throw new InvalidOperationException($"The field {field} cannot be cleared through the contacts API.");
    }
}
