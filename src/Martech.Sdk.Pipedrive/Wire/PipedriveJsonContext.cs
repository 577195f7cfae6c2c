using System.Text.Json;
using System.Text.Json.Serialization;

namespace Martech.Sdk.Pipedrive;

/// <summary>Source-generated JSON metadata for Pipedrive's wire format (snake_case, nulls not written, numbers
/// tolerated as strings).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
[JsonSerializable(typeof(PipedriveEnvelope<PipedrivePerson>))]
[JsonSerializable(typeof(PipedriveEnvelope<List<PipedrivePerson>>))]
[JsonSerializable(typeof(PipedriveEnvelope<PipedriveSearchResult>))]
[JsonSerializable(typeof(PipedriveEnvelope<JsonElement>))]
[JsonSerializable(typeof(PipedriveEnvelope<PipedriveLead>))]
[JsonSerializable(typeof(PipedriveEnvelope<List<PipedriveLead>>))]
[JsonSerializable(typeof(PipedriveEnvelope<List<PipedriveField>>))]
[JsonSerializable(typeof(PipedriveEnvelope<PipedriveConversion>))]
[JsonSerializable(typeof(PipedrivePersonWrite))]
[JsonSerializable(typeof(PipedriveLeadWrite))]
[JsonSerializable(typeof(PipedriveConvertRequest))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
internal sealed partial class PipedriveJsonContext : JsonSerializerContext;
