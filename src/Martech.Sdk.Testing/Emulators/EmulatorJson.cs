using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Martech.Sdk.Testing;

/// <summary>
/// JSON for emulators, with System.Text.Json: serializer options for the naming styles vendors use, and reading and
/// writing bodies in route handlers. Reflection-based serialization is fine here: emulators are test code.
/// </summary>
public static class EmulatorJson
{
    /// <summary>The content type emulators answer JSON with.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Gets options for camelCase wire formats (HubSpot, SendGrid): web defaults, case-insensitive reads.</summary>
    public static JsonSerializerOptions CamelCase { get; } = Freeze(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Gets options for snake_case wire formats (Slack, Intercom, Pipedrive).</summary>
    public static JsonSerializerOptions SnakeCase { get; } = Freeze(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
    });

    /// <summary>Gets options for PascalCase wire formats (Postmark): property names as declared.</summary>
    public static JsonSerializerOptions PascalCase { get; } = Freeze(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = null,
    });

    /// <summary>A minimal-API result that writes <paramref name="value"/> as JSON with a status.</summary>
    /// <param name="value">The body.</param>
    /// <param name="statusCode">The status.</param>
    /// <param name="options">Serializer options; <see langword="null"/> for <see cref="CamelCase"/>.</param>
    /// <returns>The result.</returns>
    public static IResult Result(object? value, int statusCode = StatusCodes.Status200OK, JsonSerializerOptions? options = null) =>
        Results.Json(value, options ?? CamelCase, ContentType, statusCode);

    /// <summary>Writes <paramref name="value"/> as the JSON body of a response, with a status.</summary>
    /// <param name="response">The response, not yet started.</param>
    /// <param name="value">The body.</param>
    /// <param name="statusCode">The status.</param>
    /// <param name="options">Serializer options; <see langword="null"/> for <see cref="CamelCase"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the body is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> is <see langword="null"/>.</exception>
    public static Task WriteAsync(HttpResponse response, object? value, int statusCode = StatusCodes.Status200OK, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        return JsonSerializer.SerializeAsync(response.Body, value, value?.GetType() ?? typeof(object), options ?? CamelCase, cancellationToken);
    }

    /// <summary>Reads a request body as JSON.</summary>
    /// <typeparam name="T">The type to read.</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="options">Serializer options; <see langword="null"/> for <see cref="CamelCase"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The body is not valid JSON for <typeparamref name="T"/>; emulators answer their
    /// vendor's 400 for it.</exception>
    public static async Task<T?> ReadAsync<T>(HttpRequest request, JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await JsonSerializer.DeserializeAsync<T>(request.Body, options ?? CamelCase, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a request body as a JSON node, for vendors whose bodies are loosely typed (HubSpot <c>properties</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The node, or <see langword="null"/> for a JSON <c>null</c>.</returns>
    /// <exception cref="JsonException">The body is not valid JSON.</exception>
    public static async Task<JsonNode?> ReadNodeAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    private static JsonSerializerOptions Freeze(JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
