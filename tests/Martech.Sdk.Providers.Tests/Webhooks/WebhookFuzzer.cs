using System.Globalization;
using System.Text;

namespace Martech.Sdk.Providers.Tests.Webhooks;

/// <summary>
/// Feeds a receiver random and mutated payloads, each correctly signed (so it gets past verification into the parser),
/// and collects anything other than a result or a <see cref="WebhookVerificationException"/>. Every event's
/// <see cref="MartechEvent.Raw"/> is read too, so a raw slice that is not valid JSON counts as a failure.
/// </summary>
/// <remarks>CI runs <see cref="DefaultIterations"/> per parser; the full run is
/// <c>MARTECH_FUZZ_ITERATIONS=100000 dotnet test tests/Martech.Sdk.Providers.Tests --filter Category=Fuzz</c>.</remarks>
internal static class WebhookFuzzer
{
    public const int DefaultIterations = 3000;

    private static readonly byte[][] Interesting =
    [
        "\""u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(), "]"u8.ToArray(), ","u8.ToArray(), ":"u8.ToArray(),
        "\\"u8.ToArray(), "null"u8.ToArray(), "true"u8.ToArray(), "-1"u8.ToArray(), "1e999"u8.ToArray(), "0.0000001"u8.ToArray(),
        "9223372036854775808"u8.ToArray(), "\"\\uD800\""u8.ToArray(), "[]"u8.ToArray(), "{}"u8.ToArray(), "\"\""u8.ToArray(),
        [0x00], [0xFF], [0xC3], [0xE2, 0x80, 0xA8], "%"u8.ToArray(), "%2"u8.ToArray(), "%ZZ"u8.ToArray(), "&"u8.ToArray(), "="u8.ToArray(),
        "+"u8.ToArray(), "<"u8.ToArray(), ">"u8.ToArray(), "</"u8.ToArray(), "<![CDATA["u8.ToArray(), "&amp;"u8.ToArray(), "\r\n"u8.ToArray(),
        "\"not an email\""u8.ToArray(), "\"2024-13-45T99:99:99Z\""u8.ToArray(), "\"http://[::1\""u8.ToArray(), "-9999999999999"u8.ToArray(),
    ];

    public static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("MARTECH_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : DefaultIterations;

    /// <summary>Runs the fuzzer and fails with the first few offending payloads.</summary>
    /// <param name="receiver">The receiver under test.</param>
    /// <param name="seeds">Valid payloads to mutate.</param>
    /// <param name="sign">Builds a correctly signed request for a payload.</param>
    /// <param name="iterations">How many payloads.</param>
    /// <param name="seed">The random seed, so a failure can be reproduced.</param>
    /// <returns>How many payloads were accepted and rejected.</returns>
    public static async Task<(int Accepted, int Rejected)> RunAsync(IWebhookReceiver receiver, IReadOnlyList<byte[]> seeds, Func<byte[], WebhookRequest> sign, int iterations, int seed = 20261207)
    {
        var random = new Random(seed);
        var failures = new List<string>();
        int accepted = 0, rejected = 0;
        for (int i = 0; i < iterations; i++)
        {
            byte[] payload = i % 16 == 0 ? RandomBytes(random) : Mutate(seeds[random.Next(seeds.Count)], seeds, random);
            WebhookRequest request = sign(payload);
            try
            {
                WebhookReceiveResult result = await receiver.ReceiveAsync(request);
                foreach (MartechEvent e in result.Events)
                {
                    _ = e.Raw.ValueKind;
                    _ = e.ToString();
                    _ = MartechEventSerializer.SerializeToUtf8Bytes(e);
                }

                accepted++;
            }
            catch (WebhookVerificationException)
            {
                rejected++;
            }
            catch (Exception ex)
            {
                if (failures.Count < 5)
                {
                    failures.Add($"{ex.GetType().Name}: {ex.Message}\n  payload (Base64): {Convert.ToBase64String(payload)}\n  {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
                }
                else
                {
                    failures.Add(string.Empty);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {iterations} payloads threw something other than WebhookVerificationException (seed {seed}):\n" + string.Join("\n", failures.Where(f => f.Length > 0)));
        return (accepted, rejected);
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 256)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(byte[] seed, IReadOnlyList<byte[]> seeds, Random random)
    {
        var data = new List<byte>(seed);
        int rounds = 1 + random.Next(4);
        for (int r = 0; r < rounds; r++)
        {
            int position = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(9))
            {
                case 0 when data.Count > 0:
                    data[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1 when data.Count > 0:
                    data[position] = (byte)random.Next(256);
                    break;
                case 2 when data.Count > 0:
                    data.RemoveRange(position, Math.Min(data.Count - position, 1 + random.Next(16)));
                    break;
                case 3:
                    data.InsertRange(position, Interesting[random.Next(Interesting.Length)]);
                    break;
                case 4 when data.Count > 0:
                    data.RemoveRange(position, data.Count - position);
                    break;
                case 5 when data.Count > 0:
                    int length = Math.Min(data.Count - position, 1 + random.Next(64));
                    data.InsertRange(random.Next(data.Count), data.GetRange(position, length));
                    break;
                case 6:
                    byte[] other = seeds[random.Next(seeds.Count)];
                    int from = other.Length == 0 ? 0 : random.Next(other.Length);
                    data.InsertRange(position, other.Skip(from).Take(1 + random.Next(128)));
                    break;
                case 7:
                    // Replace a quoted value with something of another shape.
                    int quote = data.IndexOf((byte)'"', position);
                    if (quote >= 0)
                    {
                        int end = data.IndexOf((byte)'"', quote + 1);
                        if (end > quote)
                        {
                            data.RemoveRange(quote, end - quote + 1);
                            data.InsertRange(quote, Interesting[random.Next(Interesting.Length)]);
                        }
                    }

                    break;
                default:
                    int depth = 1 + random.Next(200);
                    data.InsertRange(position, Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', random.Next(2) == 0 ? depth : 0)));
                    break;
            }
        }

        return [.. data];
    }
}
