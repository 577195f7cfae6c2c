using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Salesforce;

/// <summary>Source-generated JSON metadata for the Salesforce wire models (no reflection at run time).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    PropertyNameCaseInsensitive = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SalesforceQueryResult))]
[JsonSerializable(typeof(SalesforceSaveResult))]
[JsonSerializable(typeof(List<SalesforceSaveResult>))]
[JsonSerializable(typeof(SalesforceDescribeResult))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
internal sealed partial class SalesforceJsonContext : JsonSerializerContext;
