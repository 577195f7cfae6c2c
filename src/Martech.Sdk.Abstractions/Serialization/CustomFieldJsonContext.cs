using System.Text.Json.Serialization;

namespace Martech.Sdk;

[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(DateTimeOffset))]
internal sealed partial class CustomFieldJsonContext : JsonSerializerContext;
