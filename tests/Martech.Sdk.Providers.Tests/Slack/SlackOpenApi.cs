using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Martech.Sdk.Providers.Tests.Slack;

/// <summary>The Slack Web API OpenAPI file (slackapi/slack-api-specs, Swagger 2.0): the excerpt in <c>Specs/</c> holding
/// the two operations the provider calls, copied unchanged from <c>../shared/vendors/specs/</c> (see Specs/README.md).</summary>
internal static class SlackOpenApi
{
    public const string FileName = "slack-web-openapi-v2.json";

    public const string ExcerptFileName = "slack-web-openapi-v2.excerpt.json";

    private static readonly Lazy<JsonObject> Spec = new(() => Load());

    public static JsonObject Operation(string path, string method) =>
        Spec.Value["paths"]?[path]?[method]?.AsObject() ?? throw new InvalidOperationException($"{FileName} documents no {method.ToUpperInvariant()} {path}.");

    /// <summary>The operation's parameters by name (without the <c>token</c>, sent as the Authorization header) with
    /// where they go and their type.</summary>
    public static Dictionary<string, (string In, string Type, bool Required)> Parameters(string path, string method)
    {
        var parameters = new Dictionary<string, (string, string, bool)>(StringComparer.Ordinal);
        foreach (JsonNode? parameter in Operation(path, method)["parameters"]!.AsArray())
        {
            string name = (string)parameter!["name"]!;
            if (name != "token")
            {
                parameters[name] = ((string)parameter["in"]!, (string)parameter["type"]!, (bool?)parameter["required"] ?? false);
            }
        }

        return parameters;
    }

    /// <summary>The error codes the operation's error schema enumerates.</summary>
    public static IReadOnlyList<string> ErrorCodes(string path, string method) =>
        [.. Operation(path, method)["responses"]!["default"]!["schema"]!["properties"]!["error"]!["enum"]!.AsArray().Select(e => (string)e!)];

    /// <summary>The JSON example of a response (<c>200</c> or <c>default</c>).</summary>
    public static string Example(string path, string method, string response) =>
        Operation(path, method)["responses"]![response]!["examples"]!["application/json"]!.ToJsonString();

    // The excerpt lives beside this file (Specs/), found from the source path: the test project copies no content.
    private static JsonObject Load([CallerFilePath] string source = "")
    {
        string file = Path.Combine(Path.GetDirectoryName(source)!, "Specs", ExcerptFileName);
        if (!File.Exists(file))
        {
            throw new InvalidOperationException($"The Slack OpenAPI excerpt is not at {file}.");
        }

        return JsonNode.Parse(File.ReadAllText(file))!.AsObject();
    }
}
