using System.ComponentModel;
using System.Diagnostics;

namespace Martech.Sdk.Tests.Campaigns.QrCodes;

/// <summary>Decodes images with <c>zbarimg</c> (the zbar-tools OS package), an independent QR reader, so the tests check
/// what a phone would read rather than what the encoder thinks it wrote.</summary>
internal static class ZbarImg
{
    public const string Install = "sudo apt-get install -y zbar-tools";

    /// <summary>The texts of the codes found in the image, one per code.</summary>
    public static IReadOnlyList<string> Decode(byte[] image, string extension)
    {
        string path = Path.Combine(Path.GetTempPath(), $"martech-qr-{Guid.NewGuid():N}.{extension}");
        File.WriteAllBytes(path, image);
        try
        {
            var start = new ProcessStartInfo("zbarimg")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string argument in (string[])["--raw", "--quiet", "-Sbinary", path])
            {
                start.ArgumentList.Add(argument);
            }

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("zbarimg did not start.");
            }
            catch (Win32Exception ex)
            {
                throw new InvalidOperationException($"zbarimg is missing, and these tests decode the QR codes with it: install it with `{Install}`.", ex);
            }

            using (process)
            {
                Task<string> output = process.StandardOutput.ReadToEndAsync();
                Task<string> error = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
                {
                    process.Kill();
                    throw new TimeoutException("zbarimg did not finish within 60 seconds.");
                }

                // Exit code 4: the image was read but held no code.
                if (process.ExitCode is not (0 or 4))
                {
                    throw new InvalidOperationException($"zbarimg failed (exit code {process.ExitCode}): {error.Result}");
                }

                return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
