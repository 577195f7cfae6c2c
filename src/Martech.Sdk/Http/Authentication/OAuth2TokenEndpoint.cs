using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// One token request: POSTs the grant form-encoded to the token endpoint, reads the token, and turns a refusal into
/// the right exception (re-authorisation needed, rate limited, or a plain request failure).
/// </summary>
internal sealed class OAuth2TokenEndpoint
{
    // Error bodies are read for their code and description only; a huge or endless body is not read whole.
    private const int MaxErrorBodyChars = 16 * 1024;

    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private static readonly HashSet<string> ReauthorizationErrors = new(StringComparer.Ordinal)
    {
        "invalid_grant", "invalid_client", "unauthorized_client",
    };

    private readonly OAuth2Options _options;
    private readonly HttpClient _httpClient;
    private readonly MartechRedactor _redactor;
    private readonly AuthenticationHeaderValue? _clientHeader;
    private readonly string _grantType;

    public OAuth2TokenEndpoint(OAuth2Options options, HttpClient httpClient, MartechRedactor redactor)
    {
        _options = options;
        _httpClient = httpClient;
        _redactor = redactor;
        _grantType = options.GrantType == OAuth2GrantType.RefreshToken ? "refresh_token" : "client_credentials";
        if (options.ClientAuthentication == OAuth2ClientAuthentication.BasicHeader)
        {
            // RFC 6749 section 2.3.1: each part form-encoded, then user:password in Base64.
            string pair = WebUtility.UrlEncode(options.ClientId) + ":" + WebUtility.UrlEncode(options.ClientSecret);
            ClientHeaderValue = Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));
            _clientHeader = new AuthenticationHeaderValue("Basic", ClientHeaderValue);
        }
    }

    /// <summary>The Base64 client credentials of the Basic header, when that is how the client authenticates.</summary>
    public string? ClientHeaderValue { get; }

    /// <summary>The <c>grant_type</c> sent.</summary>
    public string GrantType => _grantType;

    /// <summary>Requests a token.</summary>
    /// <param name="refreshToken">The refresh token to spend, for the refresh-token grant.</param>
    /// <param name="requestedAt">Now, from which <c>expires_in</c> counts.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token as the endpoint gave it (without the previous refresh token carried over).</returns>
    /// <exception cref="MartechAuthenticationException">The endpoint refused the grant or the client.</exception>
    /// <exception cref="MartechRequestException">The endpoint failed otherwise, or its answer held no token.</exception>
    /// <exception cref="MartechTransportException">No usable answer came: the connection failed, time ran out
    /// (<see cref="MartechTimeoutException"/>) or the body broke off.</exception>
    public async Task<OAuth2Token> RequestAsync(string? refreshToken, DateTimeOffset requestedAt, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(BuildForm(refreshToken)),
        };
        request.Headers.Accept.Add(Json);
        if (_clientHeader is not null)
        {
            request.Headers.Authorization = _clientHeader;
        }

        HttpResponseMessage sent;
        try
        {
            sent = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // The same contract as the transport: never a raw HttpRequestException, and its message redacted (it may
            // quote the endpoint's URL).
            bool before = RetrySafety.FailedBeforeSending(ex);
            throw new MartechTransportException(
                $"The OAuth2 token request to {Describe()} failed: {_redactor.RedactText(ex.Message)}{(before ? " (not sent)." : "; the endpoint may have processed it.")}",
                new HttpRequestException(ex.HttpRequestError, _redactor.RedactText(ex.Message), null, ex.StatusCode))
            { MayHaveBeenProcessed = !before, Operation = "oauth2.token" };
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MartechTimeoutException($"The OAuth2 token request to {Describe()} timed out.", ex)
            { MayHaveBeenProcessed = true, Operation = "oauth2.token" };
        }

        using HttpResponseMessage response = sent;
        if (!response.IsSuccessStatusCode)
        {
            throw await MapErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        Dictionary<string, JsonElement>? fields;
        try
        {
            Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                fields = await JsonSerializer.DeserializeAsync(body, OAuth2JsonContext.Default.DictionaryStringJsonElement, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            throw new MartechTransportException(
                $"The OAuth2 token endpoint {Describe()} answered {(int)response.StatusCode} but its body could not be read: {_redactor.RedactText(ex.Message)}; the endpoint may have processed the request.")
            { MayHaveBeenProcessed = true, Operation = "oauth2.token" };
        }
        catch (JsonException ex)
        {
            throw new MartechRequestException($"The OAuth2 token endpoint {Describe()} answered {(int)response.StatusCode} with a body that is not a JSON object.", ex)
            {
                StatusCode = response.StatusCode,
                RequestId = GetRequestId(response, null),
            };
        }

        if (fields is not null && OAuth2TokenResponse.ToToken(fields, requestedAt) is { } token)
        {
            return token;
        }

        // Some endpoints answer a refusal with 200 and an error object.
        if (OAuth2TokenResponse.GetError(fields) is not null)
        {
            throw CreateError(response, fields);
        }

        throw new MartechRequestException($"The OAuth2 token endpoint {Describe()} answered {(int)response.StatusCode} without an access_token.")
        {
            StatusCode = response.StatusCode,
            RequestId = GetRequestId(response, fields),
        };
    }

    private List<KeyValuePair<string, string>> BuildForm(string? refreshToken)
    {
        var form = new List<KeyValuePair<string, string>>(6 + _options.AdditionalParameters.Count) { new("grant_type", _grantType) };
        if (_options.GrantType == OAuth2GrantType.RefreshToken)
        {
            form.Add(new("refresh_token", refreshToken ?? string.Empty));
        }

        if (_clientHeader is null)
        {
            form.Add(new("client_id", _options.ClientId!));
            if (_options.ClientSecret is not null)
            {
                form.Add(new("client_secret", _options.ClientSecret));
            }
        }

        if (_options.Scope is not null)
        {
            form.Add(new("scope", _options.Scope));
        }

        foreach (KeyValuePair<string, string> parameter in _options.AdditionalParameters)
        {
            form.Add(parameter);
        }

        return form;
    }

    private async Task<MartechRequestException> MapErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        Dictionary<string, JsonElement>? fields = null;
        try
        {
            string body = await ReadPrefixAsync(response.Content, cancellationToken).ConfigureAwait(false);
            if (body.Length > 0)
            {
                fields = JsonSerializer.Deserialize(body, OAuth2JsonContext.Default.DictionaryStringJsonElement);
            }
        }
        catch (JsonException)
        {
            // Not JSON (an HTML error page, a truncated body): the status alone decides.
        }

        return CreateError(response, fields);
    }

    private MartechRequestException CreateError(HttpResponseMessage response, Dictionary<string, JsonElement>? fields)
    {
        HttpStatusCode status = response.StatusCode;
        string? error = OAuth2TokenResponse.GetError(fields);
        string? description = OAuth2TokenResponse.GetErrorDescription(fields);
        string? requestId = GetRequestId(response, fields);
        string detail = error is null ? string.Empty : description is null ? $": {error}" : $": {error}: {description}";
        string summary = _redactor.RedactText($"The OAuth2 token endpoint {Describe()} refused the {_grantType} grant with {(int)status} ({response.ReasonPhrase}){detail}.");

        bool reauthorize = (error is not null && ReauthorizationErrors.Contains(error))
            || status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
        if (reauthorize)
        {
            return new MartechAuthenticationException(summary + " Re-authorisation is required; retrying will not help.")
            {
                StatusCode = status,
                ErrorCode = error,
                RequestId = requestId,
                ReauthorizationRequired = true,
            };
        }

        if (status == HttpStatusCode.TooManyRequests)
        {
            return new MartechRateLimitedException(summary)
            {
                StatusCode = status,
                ErrorCode = error,
                RequestId = requestId,
                RetryAfter = GetRetryAfter(response),
            };
        }

        return new MartechRequestException(summary)
        {
            StatusCode = status,
            ErrorCode = error,
            RequestId = requestId,
        };
    }

    private string Describe() => _redactor.RedactUrl(_options.TokenEndpoint);

    private static async Task<string> ReadPrefixAsync(HttpContent content, CancellationToken cancellationToken)
    {
        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            char[] buffer = new char[MaxErrorBodyChars];
            int total = 0;
            int read;
            while (total < buffer.Length && (read = await reader.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return new string(buffer, 0, total);
        }
    }

    private static string? GetRequestId(HttpResponseMessage response, Dictionary<string, JsonElement>? fields)
    {
        foreach (string header in (ReadOnlySpan<string>)["X-Request-Id", "X-Correlation-Id", "Request-Id"])
        {
            if (response.Headers.TryGetValues(header, out IEnumerable<string>? values) && values.FirstOrDefault() is { Length: > 0 } value)
            {
                return value;
            }
        }

        return OAuth2TokenResponse.GetRequestId(fields);
    }

    private static TimeSpan? GetRetryAfter(HttpResponseMessage response)
    {
        RetryConditionHeaderValue? retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date && response.Headers.Date is { } sent)
        {
            TimeSpan wait = date - sent;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
