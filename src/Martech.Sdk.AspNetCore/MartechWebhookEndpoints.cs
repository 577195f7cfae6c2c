using System.Buffers;
using System.Globalization;
using Martech.Sdk;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the webhook endpoints of the configured provider instances.</summary>
public static class MartechWebhookEndpoints
{
    /// <summary>
    /// Maps one endpoint per provider instance whose webhooks are configured (its secret, key or credentials set) at
    /// <c>{Martech:Webhooks:PathPrefix}/{path}</c>, the path being <c>Martech:&lt;name&gt;:Webhooks:Path</c> or the
    /// instance name in lower case (<c>/webhooks/sendgrid</c>). Each endpoint reads the raw body up to the instance's
    /// <c>MaxBodyBytes</c> (413 beyond, without reading the rest), rebuilds the public URL the vendor called
    /// (<c>PublicBaseUrl</c> or trusted forwarded headers, keeping the request target exactly as sent), and passes the
    /// request to <see cref="MartechWebhookInbox"/>, answering what it says: the vendor's expected status and body once
    /// the events are recorded, the rejection status (401, 400, Mailgun's 406, …), or 503 with <c>Retry-After</c> when
    /// they cannot be recorded. Handlers run later, in the background.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <param name="providers">The instances to map; all configured ones when empty. A named instance that does not
    /// supply webhooks or has no secret configured is an error at start-up, not a silent gap.</param>
    /// <returns>The route group, to add conventions (authorization is not needed: requests are verified; rate limiting or
    /// host filtering can be added).</returns>
    /// <exception cref="InvalidOperationException"><c>AddWebhooks()</c> was not called, a named instance cannot receive
    /// webhooks, no instance is configured, or two instances share a path. The message names the fix.</exception>
    public static RouteGroupBuilder MapMartechWebhooks(this IEndpointRouteBuilder endpoints, params string[] providers)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(providers);
        IServiceProvider services = endpoints.ServiceProvider;
        MartechWebhookInbox inbox = services.GetService<MartechWebhookInbox>()
            ?? throw new InvalidOperationException("MapMartechWebhooks needs the webhook inbox: call services.AddMartech(configuration.GetSection(\"Martech\")).AddWebhooks() when registering services.");
        MartechWebhooksOptions options = services.GetRequiredService<IOptions<MartechWebhooksOptions>>().Value;

        var selected = new List<(string Name, MartechWebhookOptions Options)>();
        if (providers.Length > 0)
        {
            foreach (string name in providers)
            {
                if (!inbox.Providers.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException($"MapMartechWebhooks(\"{name}\"): no provider instance of that name receives webhooks. Instances that do: {(inbox.Providers.Count == 0 ? "none" : string.Join(", ", inbox.Providers))}.");
                }

                MartechWebhookOptions instance = inbox.GetOptions(name)
                    ?? throw new InvalidOperationException($"MapMartechWebhooks(\"{name}\"): its receiver exposes no webhook settings.");
                if (!instance.IsConfigured)
                {
                    throw new InvalidOperationException($"MapMartechWebhooks(\"{name}\"): its webhook secret is not configured, so every request would be refused. Set Martech:{name}:Webhooks:{instance.SecretSettingName}.");
                }

                selected.Add((name, instance));
            }
        }
        else
        {
            foreach (string name in inbox.Providers)
            {
                if (inbox.GetOptions(name) is { IsConfigured: true } instance)
                {
                    selected.Add((name, instance));
                }
            }

            if (selected.Count == 0)
            {
                throw new InvalidOperationException("MapMartechWebhooks found no provider instance with webhooks configured. Set the secret of each instance that should receive them, such as Martech:SendGrid:Webhooks:PublicKey, Martech:Twilio:AuthToken or Martech:InMemory:Webhooks:Secret."
                    + (inbox.Providers.Count == 0 ? " No registered instance receives webhooks." : $" Instances that can: {string.Join(", ", inbox.Providers)}."));
            }
        }

        RouteGroupBuilder group = endpoints.MapGroup(options.PathPrefix.TrimEnd('/'));
        var paths = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, instance) in selected)
        {
            string path = "/" + (instance.Path ?? name.ToLowerInvariant()).Trim('/');
            if (paths.TryGetValue(path, out string? other))
            {
                throw new InvalidOperationException($"Provider instances '{other}' and '{name}' would both receive webhooks at {options.PathPrefix.TrimEnd('/')}{path}; give one its own Martech:<name>:Webhooks:Path.");
            }

            paths[path] = name;
            var endpoint = new WebhookEndpoint(inbox, options, name, instance.MaxBodyBytes);
            group.MapMethods(path, ["POST", "GET", "PUT"], endpoint.HandleAsync)
                .WithDisplayName($"Martech webhooks: {name}")
                .WithMetadata(new MartechWebhookEndpointMetadata(name));
        }

        return group;
    }

    private sealed class WebhookEndpoint(MartechWebhookInbox inbox, MartechWebhooksOptions options, string provider, int maxBodyBytes)
    {
        private const int InitialBufferBytes = 64 * 1024;

        public async Task HandleAsync(HttpContext context)
        {
            HttpRequest request = context.Request;
            if (request.ContentLength > maxBodyBytes)
            {
                await RejectTooLargeAsync(context).ConfigureAwait(false);
                return;
            }

            byte[]? body = await ReadBodyAsync(request, maxBodyBytes, context.RequestAborted).ConfigureAwait(false);
            if (body is null)
            {
                await RejectTooLargeAsync(context).ConfigureAwait(false);
                return;
            }

            if (!TryPublicUrl(context, options, out Uri? url))
            {
                // A forwarded host or prefix that makes no URL: nothing the vendor signed can be rebuilt.
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }

            var webhook = new WebhookRequest(request.Method, url, Headers(request.Headers), body)
            {
                RemoteAddress = context.Connection.RemoteIpAddress,
            };
            WebhookInboxResult result = await inbox.ReceiveAsync(provider, webhook, context.RequestAborted).ConfigureAwait(false);
            HttpResponse response = context.Response;
            response.StatusCode = result.StatusCode;
            if (result.RetryAfterSeconds is { } retryAfter)
            {
                response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            }

            if (result.Rejection is { } rejection)
            {
                // The reason only: the vendor's delivery log shows it, and it holds no secret.
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(rejection.Reason.ToString(), context.RequestAborted).ConfigureAwait(false);
                return;
            }

            if (result.Body is not null)
            {
                response.ContentType = result.ContentType ?? "text/plain; charset=utf-8";
                await response.WriteAsync(result.Body, context.RequestAborted).ConfigureAwait(false);
            }
        }

        private static Task RejectTooLargeAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;

            // The rest of the body is not read; the connection cannot be reused.
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        }

        // Reads at most maxBodyBytes into an array of its own (events keep slices of it); null when the body is longer.
        private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
        {
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit && (limit.MaxRequestBodySize is null || limit.MaxRequestBodySize > maxBodyBytes + 1L))
            {
                limit.MaxRequestBodySize = maxBodyBytes + 1L;
            }

            // Start small whatever Content-Length claims: a sender that announces megabytes and sends nothing must not
            // hold that memory. The buffer grows with the bytes that actually arrive.
            int expected = request.ContentLength is { } length ? (int)Math.Min(length, InitialBufferBytes) : 4096;
            byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(expected, 256));
            int total = 0;
            try
            {
                while (true)
                {
                    if (total == buffer.Length)
                    {
                        if (buffer.Length > maxBodyBytes)
                        {
                            return null;
                        }

                        byte[] larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBodyBytes + 1));
                        buffer.AsSpan(0, total).CopyTo(larger);
                        Return(buffer, total);
                        buffer = larger;
                    }

                    int read;
                    try
                    {
                        read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                    }
                    catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
                    {
                        return null;
                    }

                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                    if (total > maxBodyBytes)
                    {
                        return null;
                    }
                }

                return buffer.AsSpan(0, total).ToArray();
            }
            finally
            {
                Return(buffer, total);
            }
        }

        // Bodies hold personal data: cleared before the buffer goes back to the shared pool.
        private static void Return(byte[] buffer, int used)
        {
            buffer.AsSpan(0, Math.Min(used, buffer.Length)).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }

        private static IEnumerable<KeyValuePair<string, string>> Headers(IHeaderDictionary headers)
        {
            foreach (var (name, values) in headers)
            {
                foreach (string? value in values)
                {
                    if (value is not null)
                    {
                        yield return new(name, value);
                    }
                }
            }
        }
    }

    /// <summary>The URL the vendor called: the request target exactly as sent (percent-encoding and all), on the public
    /// base address when one is configured, else on the forwarded scheme and host when they are trusted, else on the
    /// request's own.</summary>
    internal static Uri PublicUrl(HttpContext context, MartechWebhooksOptions options)
    {
        HttpRequest request = context.Request;
        string target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw && raw[0] == '/'
            ? raw
            : request.PathBase.ToUriComponent() + request.Path.ToUriComponent() + request.QueryString.ToUriComponent();
        if (options.PublicBaseUrl is { } baseUrl)
        {
            return new Uri(baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + target, UriKind.Absolute);
        }

        string scheme = request.Scheme;
        string host = request.Host.ToUriComponent();
        string prefix = string.Empty;
        if (options.TrustForwardedHeaders)
        {
            scheme = Last(request.Headers["X-Forwarded-Proto"]) ?? scheme;
            host = Last(request.Headers["X-Forwarded-Host"]) ?? host;
            prefix = Last(request.Headers["X-Forwarded-Prefix"])?.TrimEnd('/') ?? string.Empty;
            if (Last(request.Headers["X-Forwarded-Port"]) is { } port && !host.Contains(':', StringComparison.Ordinal) && !IsDefaultPort(scheme, port))
            {
                host = host + ":" + port;
            }
        }

        return new Uri($"{scheme}://{host}{prefix}{target}", UriKind.Absolute);
    }

    internal static bool TryPublicUrl(HttpContext context, MartechWebhooksOptions options, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? url)
    {
        try
        {
            url = PublicUrl(context, options);
            return true;
        }
        catch (UriFormatException)
        {
            url = null;
            return false;
        }
    }

    private static bool IsDefaultPort(string scheme, string port) =>
        (string.Equals(scheme, "https", StringComparison.OrdinalIgnoreCase) && port == "443")
        || (string.Equals(scheme, "http", StringComparison.OrdinalIgnoreCase) && port == "80");

    // The value the nearest proxy wrote: proxies append to a forwarded header, so the last entry is the one a client
    // could not choose.
    private static string? Last(Microsoft.Extensions.Primitives.StringValues values)
    {
        string? value = values.Count == 0 ? null : values[^1];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        int comma = value.LastIndexOf(',');
        string last = (comma < 0 ? value : value[(comma + 1)..]).Trim();
        return last.Length == 0 ? null : last;
    }
}
