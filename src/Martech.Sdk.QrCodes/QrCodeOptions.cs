namespace Martech.Sdk;

/// <summary>How a tracked link's QR code is drawn: its error-correction level, its size and its quiet zone.</summary>
public sealed record QrCodeOptions
{
    /// <summary>How much damage the code survives.</summary>
    /// <value>The default value is <see cref="QrErrorCorrection.Quartile"/>: direct mail gets folded and scuffed.</value>
    public QrErrorCorrection ErrorCorrection { get; init; } = QrErrorCorrection.Quartile;

    /// <summary>The side of one module (one black or white square) in pixels: the PNG's resolution, and the SVG's
    /// <c>width</c> and <c>height</c> (its <c>viewBox</c> scales to any print size). At least 1, at most 100.</summary>
    /// <value>The default value is 10.</value>
    public int PixelsPerModule { get; init; } = 10;

    /// <summary>Whether the four-module white border that scanners need around the code is drawn. Leave it on unless the
    /// layout already keeps that margin clear.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool QuietZone { get; init; } = true;

    /// <summary>Describes what is wrong.</summary>
    /// <returns>One message per problem.</returns>
    public IEnumerable<string> Validate()
    {
        if (!Enum.IsDefined(ErrorCorrection))
        {
            yield return $"{nameof(ErrorCorrection)} must be Low, Medium, Quartile or High (was {(int)ErrorCorrection}).";
        }

        if (PixelsPerModule is < 1 or > 100)
        {
            yield return $"{nameof(PixelsPerModule)} must be between 1 and 100 (was {PixelsPerModule}).";
        }
    }
}
