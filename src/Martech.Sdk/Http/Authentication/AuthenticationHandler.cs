using System.Net;

namespace Martech.Sdk;

/// <summary>
/// The transport handler just above the rate budget: adds the instance's credentials to each request (fetching a token
/// first when the scheme needs one, before the request takes a permit) and, when the vendor answers 401, lets the scheme
/// renew them and sends the request once more, through the budget again. A second 401 is returned as it is: there is no
/// loop.
/// </summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly MartechAuthentication? _authentication;
    private readonly MartechTransportContext? _context;

    public AuthenticationHandler(MartechTransportContext context)
        : this(context?.Options.Authentication)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
    }

    /// <summary>Creates the handler for a scheme directly; <see langword="null"/> passes requests through.</summary>
    internal AuthenticationHandler(MartechAuthentication? authentication)
    {
        _authentication = authentication;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The tenant's scheme (its own token) on an instance with per-tenant credentials.
        MartechAuthentication? authentication = _context?.Tenants is null ? _authentication : _context.For(request).Options.Authentication;
        if (authentication is null)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await authentication.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized)
        {
            return response;
        }

        bool renewed;
        try
        {
            renewed = await authentication.RenewAfterUnauthorizedAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // The renewal's own error (such as re-authorisation required) says more than the 401 did.
            response.Dispose();
            throw;
        }

        if (!renewed)
        {
            return response;
        }

        response.Dispose();
        RemoveCredentials(request, authentication);
        await authentication.ApplyAsync(request, cancellationToken).ConfigureAwait(false);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes the rejected credentials off the request, so the scheme's new ones are the only ones sent.</summary>
    private static void RemoveCredentials(HttpRequestMessage request, MartechAuthentication authentication)
    {
        foreach (string header in authentication.SecretHeaders)
        {
            request.Headers.Remove(header);
        }

        if (request.RequestUri is { } uri)
        {
            foreach (string parameter in authentication.SecretQueryParameters)
            {
                uri = QueryString.Replace(uri, parameter, pair: null);
            }

            request.RequestUri = uri;
        }
    }
}
