using System.Globalization;
using System.Text.Json;
using Martech.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Martech.Sdk.IntegrationTests.Emulators;

/// <summary>
/// A small vendor emulator used to test the kit: an "items" API with cursor paging, a create that stores, vendor-style
/// error bodies, X-Test-RateLimit-* headers with a Unix reset, and a route that throws.
/// </summary>
internal sealed class ItemsEmulator : VendorEmulator
{
    public const int MaxLimit = 50;

    public EmulatorStore<Item> Items { get; } = new("item_");

    public static async Task<ItemsEmulator> StartNewAsync(Action<ItemsEmulator>? configure = null)
    {
        var emulator = new ItemsEmulator();
        try
        {
            configure?.Invoke(emulator);
            await emulator.StartAsync();
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient(TimeSpan? timeout = null) =>
        new() { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(10) };

    protected override void MapRoutes(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/items", (HttpRequest request) =>
        {
            int limit = 10;
            if (request.Query["limit"] is { Count: > 0 } rawLimit
                && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
            {
                return Error(400, "invalid_limit", $"limit must be 1 to {MaxLimit}.");
            }

            if (!Items.TryGetPage(request.Query["cursor"], limit, out EmulatorPage<Item>? page))
            {
                return Error(400, "invalid_cursor", "The cursor is not valid.");
            }

            return EmulatorJson.Result(new ItemList(page.Items, page.NextCursor, page.Total), options: EmulatorJson.SnakeCase);
        });

        routes.MapPost("/v1/items", async (HttpRequest request) =>
        {
            NewItem? input;
            try
            {
                input = await EmulatorJson.ReadAsync<NewItem>(request, EmulatorJson.SnakeCase, request.HttpContext.RequestAborted);
            }
            catch (JsonException)
            {
                return Error(400, "invalid_json", "The body is not valid JSON.");
            }

            if (string.IsNullOrWhiteSpace(input?.Name))
            {
                return Error(422, "missing_name", "name is required.");
            }

            Item item = Items.Create(id => new Item(id, input.Name, TimeProvider.GetUtcNow()));
            return EmulatorJson.Result(item, StatusCodes.Status201Created, EmulatorJson.SnakeCase);
        });

        routes.MapGet("/v1/items/{id}", (string id) =>
            Items.TryGet(id, out Item? item)
                ? EmulatorJson.Result(item, options: EmulatorJson.SnakeCase)
                : Error(404, "not_found", $"No item {id}."));

        routes.MapDelete("/v1/items/{id}", (string id) =>
            Items.TryRemove(id, out _) ? Results.NoContent() : Error(404, "not_found", $"No item {id}."));

        routes.MapGet("/v1/boom", IResult () => throw new InvalidOperationException("The route broke."));
    }

    protected override void WriteRateLimitHeaders(HttpResponse response, int remaining, int limit, TimeSpan resetAfter)
    {
        response.Headers["X-Test-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Test-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Test-RateLimit-Reset"] = (TimeProvider.GetUtcNow() + resetAfter).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    protected override Task WriteRateLimitExceededAsync(HttpContext context, TimeSpan? retryAfter) =>
        EmulatorJson.WriteAsync(
            context.Response,
            new VendorError("error", "RATE_LIMIT", "You have reached your ten_secondly_rolling limit."),
            context.Response.StatusCode,
            EmulatorJson.SnakeCase,
            context.RequestAborted);

    protected override Task WriteServerErrorAsync(HttpContext context) =>
        EmulatorJson.WriteAsync(
            context.Response,
            new VendorError("error", "INTERNAL_ERROR", "Something went wrong."),
            context.Response.StatusCode,
            EmulatorJson.SnakeCase,
            context.RequestAborted);

    private static IResult Error(int status, string errorType, string message) =>
        EmulatorJson.Result(new VendorError("error", errorType, message), status, EmulatorJson.SnakeCase);
}

internal sealed record Item(string Id, string Name, DateTimeOffset CreatedAt);

internal sealed record NewItem(string? Name);

internal sealed record ItemList(IReadOnlyList<Item> Results, string? NextCursor, int Total);

internal sealed record VendorError(string Status, string ErrorType, string Message);
