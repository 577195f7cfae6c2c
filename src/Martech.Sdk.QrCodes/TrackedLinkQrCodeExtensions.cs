using System.Globalization;
using System.Text;
using QRCoder;

namespace Martech.Sdk;

/// <summary>Draws a tracked link as a QR code, for direct mail, posters and packaging: PNG or SVG, carrying exactly
/// <see cref="TrackedLink.Url"/>.</summary>
public static class TrackedLinkQrCodeExtensions
{
    // The white border of four modules the QR standard asks for; QRCoder's module matrix includes it.
    private const int QuietZoneModules = 4;

    /// <summary>Draws the link as a black-on-white PNG image.</summary>
    /// <param name="link">The link, as <see cref="TrackedLinks.Create"/> built it.</param>
    /// <param name="options">The error-correction level and size; <see langword="null"/> for the defaults.</param>
    /// <returns>The PNG file's bytes.</returns>
    /// <exception cref="ArgumentException">The options are invalid, the link is not plain ASCII (build it with
    /// <see cref="TrackedLinks.Create"/>), or it is too long for a QR code at that error-correction level.</exception>
    public static byte[] ToQrCodePng(this TrackedLink link, QrCodeOptions? options = null)
    {
        options ??= new QrCodeOptions();
        using QRCodeData data = Encode(link, options);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(options.PixelsPerModule, [0, 0, 0, 255], [255, 255, 255, 255], options.QuietZone);
    }

    /// <summary>Draws the link as a black-on-white SVG document, <see cref="QrCodeOptions.PixelsPerModule"/> units per
    /// module, with a matching <c>viewBox</c>: it is shown at that size unless the page sets one, and scales to any print
    /// size without blurring.</summary>
    /// <param name="link">The link, as <see cref="TrackedLinks.Create"/> built it.</param>
    /// <param name="options">The error-correction level and size; <see langword="null"/> for the defaults.</param>
    /// <returns>The SVG document.</returns>
    /// <exception cref="ArgumentException">The options are invalid, the link is not plain ASCII (build it with
    /// <see cref="TrackedLinks.Create"/>), or it is too long for a QR code at that error-correction level.</exception>
    public static string ToQrCodeSvg(this TrackedLink link, QrCodeOptions? options = null)
    {
        options ??= new QrCodeOptions();
        using QRCodeData data = Encode(link, options);

        // Drawn here rather than by QRCoder's SvgQRCode, which scales one unit per module through the viewBox: renderers
        // that mishandle viewBox scaling (ImageMagick's) then blur the modules into an unreadable code. Units of the
        // final size read everywhere. One sub-path per run of dark modules in a row keeps the file small.
        List<System.Collections.BitArray> matrix = data.ModuleMatrix;
        int border = options.QuietZone ? 0 : QuietZoneModules;
        int modules = matrix.Count - (2 * border);
        int unit = options.PixelsPerModule;
        int size = modules * unit;
        var svg = new StringBuilder(modules * modules * 4);
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">")
            .Append(CultureInfo.InvariantCulture, $"<rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"");
        for (int y = 0; y < modules; y++)
        {
            System.Collections.BitArray row = matrix[y + border];
            for (int x = 0; x < modules;)
            {
                if (!row[x + border])
                {
                    x++;
                    continue;
                }

                int start = x;
                while (x < modules && row[x + border])
                {
                    x++;
                }

                int width = (x - start) * unit;
                svg.Append(CultureInfo.InvariantCulture, $"M{start * unit} {y * unit}h{width}v{unit}h-{width}z");
            }
        }

        return svg.Append("\"/></svg>").ToString();
    }

    private static QRCodeData Encode(TrackedLink link, QrCodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate().ToList();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        if (string.IsNullOrEmpty(link.Url) || !Ascii.IsValid(link.Url))
        {
            throw new ArgumentException($"A QR code carries the link's exact text, which must be plain ASCII (was '{link.Url}'): build the link with TrackedLinks.Create, which encodes it.", nameof(link));
        }

        QRCodeGenerator.ECCLevel level = options.ErrorCorrection switch
        {
            QrErrorCorrection.Low => QRCodeGenerator.ECCLevel.L,
            QrErrorCorrection.Medium => QRCodeGenerator.ECCLevel.M,
            QrErrorCorrection.Quartile => QRCodeGenerator.ECCLevel.Q,
            _ => QRCodeGenerator.ECCLevel.H,
        };

        try
        {
            return QRCodeGenerator.GenerateQrCode(link.Url, level);
        }
        catch (QRCoder.Exceptions.DataTooLongException ex)
        {
            throw new ArgumentException($"The link ({link.Url.Length} characters) is too long for a QR code at error correction {options.ErrorCorrection}: shorten it (fewer or shorter UTM values) or lower {nameof(QrCodeOptions.ErrorCorrection)}. {ex.Message}", nameof(link), ex);
        }
    }
}
