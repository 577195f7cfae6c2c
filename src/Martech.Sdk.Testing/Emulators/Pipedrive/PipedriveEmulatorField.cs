namespace Martech.Sdk.Testing;

/// <summary>A field definition a <see cref="PipedriveEmulator"/> serves from <c>GET /v1/personFields</c> or
/// <c>GET /v1/leadFields</c>.</summary>
/// <param name="Key">The key values are stored under: a 40-character hash for custom fields, a plain name
/// (<c>name</c>, <c>email</c>) for Pipedrive's own.</param>
/// <param name="Name">The name Pipedrive shows.</param>
/// <param name="FieldType">The type, such as <c>varchar</c>, <c>double</c>, <c>date</c> or <c>enum</c>.</param>
/// <param name="IsCustom">Whether it is a custom field (<c>edit_flag: true</c>).</param>
/// <param name="Options">The option labels of an <c>enum</c> field; their ids are 1, 2, 3, … in this order.</param>
public sealed record PipedriveEmulatorField(string Key, string Name, string FieldType, bool IsCustom, IReadOnlyList<string> Options);
