using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Martech.Sdk.Providers.Tests.SendGrid;

/// <summary>
/// A small validator for the subset of OpenAPI 3.0 schema keywords SendGrid's mail send schema uses: <c>$ref</c> (local),
/// <c>type</c>, <c>required</c>, <c>properties</c> (names not listed are errors unless <c>additionalProperties</c> allows
/// them, or the object schema lists no properties at all), <c>additionalProperties</c>, <c>items</c>,
/// <c>maxItems</c>/<c>minItems</c>, <c>uniqueItems</c>, <c>minLength</c>/<c>maxLength</c>, <c>maxProperties</c>,
/// <c>enum</c> and <c>nullable</c>. It reports every violation with its JSON path.
/// </summary>
internal sealed class OpenApiSchemaValidator
{
    private readonly JsonObject _document;

    private OpenApiSchemaValidator(JsonObject document) => _document = document;

    /// <summary>The validator for SendGrid's mail send spec, loaded from the test folder.</summary>
    public static OpenApiSchemaValidator MailSend { get; } = new(LoadSpec("sendgrid-mail-v3.json"));

    /// <summary>The request body schema of <c>POST /v3/mail/send</c>.</summary>
    public JsonObject MailSendRequestSchema =>
        Resolve(_document["paths"]!["/v3/mail/send"]!["post"]!["requestBody"]!.AsObject())["content"]!["application/json"]!["schema"]!.AsObject();

    /// <summary>Validates a JSON body against a schema; returns the violations (empty when valid).</summary>
    public IReadOnlyList<string> Validate(JsonNode? value, JsonObject schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    /// <summary>Fails the test with every violation when the body does not validate against the mail send schema.</summary>
    public void AssertValidMailSend(string body)
    {
        IReadOnlyList<string> errors = Validate(JsonNode.Parse(body), MailSendRequestSchema);
        Assert.True(errors.Count == 0, "The mail send body does not match SendGrid's OpenAPI schema:\n" + string.Join("\n", errors) + "\nBody: " + body);
    }

    private static JsonObject LoadSpec(string fileName)
    {
        string path = FindSpec(fileName);
        return JsonNode.Parse(File.ReadAllText(path))!.AsObject();
    }

    // The spec sits next to this source file (tests/Martech.Sdk.Providers.Tests/SendGrid/Specs); when the compiler's
    // path is not usable (a mapped source path), it is found from the repository root above the test binaries.
    private static string FindSpec(string fileName, [CallerFilePath] string sourceFile = "")
    {
        var candidates = new List<string>();
        if (Path.GetDirectoryName(sourceFile) is { Length: > 0 } sourceDirectory)
        {
            candidates.Add(Path.Combine(sourceDirectory, "Specs", fileName));
        }

        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            candidates.Add(Path.Combine(dir.FullName, "tests", "Martech.Sdk.Providers.Tests", "SendGrid", "Specs", fileName));
        }

        foreach (string candidate in candidates)
        {
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"SendGrid's OpenAPI spec '{fileName}' was not found; it belongs in tests/Martech.Sdk.Providers.Tests/SendGrid/Specs (copied from ../shared/vendors/specs). Looked in:\n" + string.Join("\n", candidates));
    }

    private JsonObject Resolve(JsonObject schema)
    {
        int hops = 0;
        while (schema["$ref"] is JsonValue reference && reference.TryGetValue(out string? pointer))
        {
            if (!pointer.StartsWith("#/", StringComparison.Ordinal) || ++hops > 32)
            {
                throw new InvalidOperationException($"Unsupported or cyclic $ref '{pointer}'.");
            }

            JsonNode? target = _document;
            foreach (string segment in pointer[2..].Split('/'))
            {
                target = target?[segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
            }

            JsonObject resolved = target as JsonObject ?? throw new InvalidOperationException($"$ref '{pointer}' does not resolve.");

            // OpenAPI 3.0 ignores siblings of $ref, but SendGrid's spec puts real constraints there: keep both.
            var merged = new JsonObject();
            foreach (var (key, node) in resolved)
            {
                merged[key] = node?.DeepClone();
            }

            foreach (var (key, node) in schema)
            {
                if (key != "$ref" && !merged.ContainsKey(key))
                {
                    merged[key] = node?.DeepClone();
                }
            }

            schema = merged;
        }

        return schema;
    }

    private void Check(JsonNode? value, JsonObject rawSchema, string path, List<string> errors)
    {
        JsonObject schema = Resolve(rawSchema);
        if (value is null)
        {
            if (schema["nullable"] is not JsonValue nullable || !nullable.GetValue<bool>())
            {
                errors.Add($"{path}: null is not allowed");
            }

            return;
        }

        string? type = schema["type"]?.GetValue<string>();
        if (type is not null && !IsType(value, type))
        {
            errors.Add($"{path}: expected {type}, found {value.GetValueKind()}");
            return;
        }

        if (schema["enum"] is JsonArray allowed && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {value.ToJsonString()} is not one of {allowed.ToJsonString()}");
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(obj, schema, path, errors);
                break;
            case JsonArray array:
                CheckArray(array, schema, path, errors);
                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                int length = scalar.GetValue<string>().Length;
                if (schema["minLength"] is JsonValue min && length < min.GetValue<int>())
                {
                    errors.Add($"{path}: length {length} is below minLength {min}");
                }

                if (schema["maxLength"] is JsonValue max && length > max.GetValue<int>())
                {
                    errors.Add($"{path}: length {length} is above maxLength {max}");
                }

                break;
        }
    }

    private void CheckObject(JsonObject obj, JsonObject schema, string path, List<string> errors)
    {
        if (schema["required"] is JsonArray required)
        {
            foreach (JsonNode? name in required)
            {
                if (!obj.ContainsKey(name!.GetValue<string>()))
                {
                    errors.Add($"{path}: required property '{name}' is missing");
                }
            }
        }

        if (schema["maxProperties"] is JsonValue maxProperties && obj.Count > maxProperties.GetValue<int>())
        {
            errors.Add($"{path}: {obj.Count} properties, above maxProperties {maxProperties}");
        }

        JsonObject? properties = schema["properties"] as JsonObject;
        JsonNode? additional = schema["additionalProperties"];
        foreach (var (name, child) in obj)
        {
            string childPath = $"{path}.{name}";
            if (properties?[name] is JsonObject propertySchema)
            {
                Check(child, propertySchema, childPath, errors);
            }
            else if (additional is JsonObject additionalSchema)
            {
                Check(child, additionalSchema, childPath, errors);
            }
            else if (additional is JsonValue flag && !flag.GetValue<bool>())
            {
                errors.Add($"{childPath}: additional properties are not allowed");
            }
            else if (properties is not null && additional is null)
            {
                // The schema names its properties: a name it does not know is a typo SendGrid would ignore or reject.
                errors.Add($"{childPath}: property '{name}' is not in the schema");
            }
        }
    }

    private void CheckArray(JsonArray array, JsonObject schema, string path, List<string> errors)
    {
        if (schema["maxItems"] is JsonValue maxItems && array.Count > maxItems.GetValue<int>())
        {
            errors.Add($"{path}: {array.Count} items, above maxItems {maxItems}");
        }

        if (schema["minItems"] is JsonValue minItems && array.Count < minItems.GetValue<int>())
        {
            errors.Add($"{path}: {array.Count} items, below minItems {minItems}");
        }

        if (schema["uniqueItems"] is JsonValue unique && unique.GetValue<bool>())
        {
            for (int i = 0; i < array.Count; i++)
            {
                for (int j = i + 1; j < array.Count; j++)
                {
                    if (JsonNode.DeepEquals(array[i], array[j]))
                    {
                        errors.Add($"{path}: items {i} and {j} are equal but uniqueItems is set");
                    }
                }
            }
        }

        if (schema["items"] is JsonObject itemSchema)
        {
            for (int i = 0; i < array.Count; i++)
            {
                Check(array[i], itemSchema, $"{path}[{i.ToString(CultureInfo.InvariantCulture)}]", errors);
            }
        }
    }

    private static bool IsType(JsonNode value, string type) => (type, value.GetValueKind()) switch
    {
        ("object", JsonValueKind.Object) => true,
        ("array", JsonValueKind.Array) => true,
        ("string", JsonValueKind.String) => true,
        ("boolean", JsonValueKind.True or JsonValueKind.False) => true,
        ("number", JsonValueKind.Number) => true,
        ("integer", JsonValueKind.Number) => value.AsValue().TryGetValue(out long _) || (value.AsValue().TryGetValue(out double d) && d == Math.Floor(d)),
        _ => false,
    };
}
