namespace Martech.Sdk;

/// <summary>One field of one record changed by a merge: old value → new value.</summary>
/// <param name="Field">The field.</param>
/// <param name="OldValue">The value before, as text; <see langword="null"/> when blank.</param>
/// <param name="NewValue">The value after, as text.</param>
/// <param name="Reversible">Whether an undo can give the field its old value back: always when the old value is not
/// blank; a blank text or custom field is cleared again, but the contacts API cannot clear an email, phone, lifecycle
/// stage or consent, so filling one of those blank fields cannot be undone.</param>
public sealed record MergeFieldChange(RecordField Field, string? OldValue, string NewValue, bool Reversible);
