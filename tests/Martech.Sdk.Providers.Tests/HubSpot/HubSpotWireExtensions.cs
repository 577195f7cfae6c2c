using System.Net;
using RichardSzalay.MockHttp;

namespace Martech.Sdk.Providers.Tests.HubSpot;

/// <summary>Answering a scripted request with HubSpot's JSON.</summary>
internal static class HubSpotWireExtensions
{
    public static void RespondJson(this MockedRequest request, HttpStatusCode status, string json, params (string Name, string Value)[] headers) =>
        request.Respond(_ => HubSpotWire.Json(status, json, headers));
}
