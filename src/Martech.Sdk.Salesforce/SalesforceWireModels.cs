using System.Text.Json;

namespace Martech.Sdk.Salesforce;

/// <summary>A SOQL query answer: <c>{"totalSize","done","nextRecordsUrl","records":[…]}</c>.</summary>
internal sealed class SalesforceQueryResult
{
    public int TotalSize { get; set; }

    public bool Done { get; set; }

    public string? NextRecordsUrl { get; set; }

    public List<JsonElement> Records { get; set; } = [];
}

/// <summary>One SaveResult: the answer to a create, and each item of an sObject Collections answer.</summary>
internal sealed class SalesforceSaveResult
{
    public string? Id { get; set; }

    public bool Success { get; set; }

    /// <summary>Set by upserts (API 46.0 and later): whether the record was created.</summary>
    public bool? Created { get; set; }

    public List<SalesforceSaveError>? Errors { get; set; }
}

/// <summary>A per-record error of a SaveResult: <c>{"statusCode","message","fields"}</c>.</summary>
internal sealed class SalesforceSaveError
{
    public string? StatusCode { get; set; }

    /// <summary>Some answers name it <c>errorCode</c>, as top-level errors do.</summary>
    public string? ErrorCode { get; set; }

    public string? Message { get; set; }

    public List<string>? Fields { get; set; }
}

/// <summary>The parts of <c>/sobjects/{type}/describe</c> the provider reads.</summary>
internal sealed class SalesforceDescribeResult
{
    public string? Name { get; set; }

    public List<SalesforceDescribeField> Fields { get; set; } = [];
}

/// <summary>One field of a describe answer.</summary>
internal sealed class SalesforceDescribeField
{
    public string Name { get; set; } = string.Empty;

    public string? Type { get; set; }

    public bool Createable { get; set; }

    public bool Updateable { get; set; }

    public bool Custom { get; set; }

    public string? RelationshipName { get; set; }
}
