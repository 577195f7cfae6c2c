namespace Martech.Sdk.Pipedrive;

/// <summary>The Pipedrive objects whose custom fields the provider maps.</summary>
internal enum PipedriveEntity
{
    /// <summary>Persons: <c>GET /v1/personFields</c>.</summary>
    Person,

    /// <summary>Leads: <c>GET /v1/leadFields</c> (leads inherit the deal custom fields).</summary>
    Lead,
}
