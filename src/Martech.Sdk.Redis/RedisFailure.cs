using System.Net.Sockets;
using System.Text.RegularExpressions;
using StackExchange.Redis;

namespace Martech.Sdk;

/// <summary>Turns the client's failures into messages without secrets.</summary>
internal static partial class RedisFailure
{
    /// <summary>Whether an exception means the server could not be used: no connection, a timeout, a socket error,
    /// or a server error (such as a script the server refuses).</summary>
    public static bool IsUnavailable(Exception exception) =>
        exception is RedisException or SocketException or System.IO.IOException or ObjectDisposedException;

    /// <summary>Runs a call, waiting for it until the token is canceled, and turns a failure to reach the server into
    /// the caller's exception.</summary>
    /// <param name="call">Starts the call.</param>
    /// <param name="unavailable">Makes the exception thrown for a failure, from the client's exception.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The call's result.</returns>
    public static async Task<T> CallAsync<T>(Func<Task<T>> call, Func<Exception, Exception> unavailable, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            return await RedisScript.WaitAsync(call(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsUnavailable(e))
        {
            throw unavailable(e);
        }
    }

    /// <summary>The exception's message with any password or user name the client may have echoed replaced.</summary>
    public static string Reason(Exception exception)
    {
        string message = exception.Message;
        message = Secrets().Replace(message, "$1=***");
        return message.Length > 300 ? string.Concat(message.AsSpan(0, 300), "…") : message;
    }

    /// <summary>The endpoints of a connection, such as <c>127.0.0.1:6379</c>.</summary>
    public static string Describe(IConnectionMultiplexer connection)
    {
        try
        {
            string endpoints = string.Join(",", connection.GetEndPoints().Select(Format));
            return "Redis " + (endpoints.Length == 0 ? "(no endpoint)" : endpoints);
        }
        catch (ObjectDisposedException)
        {
            return "Redis (disposed connection)";
        }
    }

    private static string Format(System.Net.EndPoint endPoint) => endPoint switch
    {
        System.Net.IPEndPoint ip => ip.ToString(),
        System.Net.DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endPoint.ToString() ?? "?",
    };

    [GeneratedRegex("(password|user)=[^,\\s]*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Secrets();
}
