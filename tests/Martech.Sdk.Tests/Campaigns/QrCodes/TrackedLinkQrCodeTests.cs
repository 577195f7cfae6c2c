using System.Buffers.Binary;
using System.Text;

namespace Martech.Sdk.Tests.Campaigns.QrCodes;

/// <summary>QR codes for direct mail: PNG and SVG that decode, with an independent reader (zbarimg), to exactly the
/// tracked link, at every error-correction level and size.</summary>
public class TrackedLinkQrCodeTests
{
    private static readonly TrackedLinks Links = new();

    private static TrackedLink Postcard(string destination = "https://example.com/Offer?ref=Mail#Form", string content = "Front Side") =>
        Links.Create(new Uri(destination), new UtmParameters
        {
            Id = "cmp-2027-spring",
            Source = "postcard",
            Medium = "print",
            Campaign = "Spring Sale – 2027",
            Content = content,
            CreativeFormat = "A6 postcard",
        });

    [Theory]
    [InlineData(QrErrorCorrection.Low, 3)]
    [InlineData(QrErrorCorrection.Medium, 4)]
    [InlineData(QrErrorCorrection.Quartile, 10)]
    [InlineData(QrErrorCorrection.High, 6)]
    public void ToQrCodePng_DecodesToTheExactLink(QrErrorCorrection level, int pixelsPerModule)
    {
        TrackedLink link = Postcard();

        byte[] png = link.ToQrCodePng(new QrCodeOptions { ErrorCorrection = level, PixelsPerModule = pixelsPerModule });

        Assert.Equal([link.Url], ZbarImg.Decode(png, "png"));
    }

    [Theory]
    [InlineData(QrErrorCorrection.Low, 4)]
    [InlineData(QrErrorCorrection.Medium, 5)]
    [InlineData(QrErrorCorrection.Quartile, 10)]
    [InlineData(QrErrorCorrection.High, 7)]
    public void ToQrCodeSvg_DecodesToTheExactLink(QrErrorCorrection level, int pixelsPerModule)
    {
        TrackedLink link = Postcard();

        string svg = link.ToQrCodeSvg(new QrCodeOptions { ErrorCorrection = level, PixelsPerModule = pixelsPerModule });

        int size = PngSize(link.ToQrCodePng(new QrCodeOptions { ErrorCorrection = level, PixelsPerModule = pixelsPerModule })).Width;
        Assert.StartsWith($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\"", svg, StringComparison.Ordinal);
        Assert.Equal([link.Url], ZbarImg.Decode(Encoding.UTF8.GetBytes(svg), "svg"));
    }

    [Fact]
    public void ToQrCodeSvg_WithoutQuietZone_EightModulesSmaller()
    {
        TrackedLink link = Postcard();

        string framed = link.ToQrCodeSvg(new QrCodeOptions { PixelsPerModule = 3 });
        string bare = link.ToQrCodeSvg(new QrCodeOptions { PixelsPerModule = 3, QuietZone = false });

        int bareSize = PngSize(link.ToQrCodePng(new QrCodeOptions { PixelsPerModule = 3, QuietZone = false })).Width;
        Assert.Contains($"width=\"{bareSize + 24}\"", framed, StringComparison.Ordinal);
        Assert.Contains($"width=\"{bareSize}\"", bare, StringComparison.Ordinal);
        Assert.Contains("d=\"M0 0h21v3h-21z", bare, StringComparison.Ordinal); // the finder pattern's top edge, 7 modules, at the corner
    }

    [Fact]
    public void ToQrCodePng_LinkWithUnicodeAndFragment_DecodesToTheEncodedLinkThatParsesBack()
    {
        TrackedLink link = Postcard("https://example.com/été?q=naïve#/route?x=1", content: "Über 50% off");

        IReadOnlyList<string> decoded = ZbarImg.Decode(link.ToQrCodePng(), "png");

        Assert.Equal([link.Url], decoded);
        Assert.Equal("Über 50% off", Links.Parse(new Uri(decoded[0])).Utm!.Content);
        Assert.Equal("cmp-2027-spring", Links.Attribute(new Uri(decoded[0]))!.CampaignId);
    }

    [Fact]
    public void ToQrCodePng_Size_FollowsPixelsPerModuleAndQuietZone()
    {
        TrackedLink link = Postcard();

        (int width, int height) = PngSize(link.ToQrCodePng(new QrCodeOptions { PixelsPerModule = 5, QuietZone = true }));
        (int bareWidth, _) = PngSize(link.ToQrCodePng(new QrCodeOptions { PixelsPerModule = 5, QuietZone = false }));
        (int doubled, _) = PngSize(link.ToQrCodePng(new QrCodeOptions { PixelsPerModule = 10, QuietZone = true }));

        Assert.Equal(width, height);
        Assert.Equal(8 * 5, width - bareWidth);
        Assert.Equal(2 * width, doubled);
        Assert.Equal(0, bareWidth % 5);
        Assert.Equal(1, bareWidth / 5 % 4); // a QR code is 17 + 4 × version modules wide
    }

    [Fact]
    public void ToQrCodePng_HigherErrorCorrection_DenserCode()
    {
        TrackedLink link = Postcard();

        (int low, _) = PngSize(link.ToQrCodePng(new QrCodeOptions { ErrorCorrection = QrErrorCorrection.Low, PixelsPerModule = 1, QuietZone = false }));
        (int high, _) = PngSize(link.ToQrCodePng(new QrCodeOptions { ErrorCorrection = QrErrorCorrection.High, PixelsPerModule = 1, QuietZone = false }));

        Assert.True(high > low, $"H ({high} modules) should be denser than L ({low} modules).");
    }

    [Fact]
    public void ToQrCodePng_SameLink_SameBytes()
    {
        Assert.Equal(Postcard().ToQrCodePng(), Postcard().ToQrCodePng());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void ToQrCode_PixelsPerModuleOutOfRange_Refused(int pixels)
    {
        var ex = Assert.Throws<ArgumentException>(() => Postcard().ToQrCodeSvg(new QrCodeOptions { PixelsPerModule = pixels }));

        Assert.Equal($"PixelsPerModule must be between 1 and 100 (was {pixels}). (Parameter 'options')", ex.Message);
    }

    [Fact]
    public void ToQrCode_UndefinedErrorCorrection_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => Postcard().ToQrCodePng(new QrCodeOptions { ErrorCorrection = (QrErrorCorrection)9 }));

        Assert.StartsWith("ErrorCorrection must be Low, Medium, Quartile or High (was 9).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToQrCode_LinkTooLongForACode_RefusedNamingTheFix()
    {
        TrackedLink link = Postcard(content: new string('x', 2000));

        var ex = Assert.Throws<ArgumentException>(() => link.ToQrCodePng(new QrCodeOptions { ErrorCorrection = QrErrorCorrection.High }));

        Assert.StartsWith($"The link ({link.Url.Length} characters) is too long for a QR code at error correction High: shorten it", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(link.ToQrCodePng(new QrCodeOptions { ErrorCorrection = QrErrorCorrection.Low }));
    }

    [Fact]
    public void ToQrCode_LinkNotAscii_Refused()
    {
        var link = new TrackedLink("https://example.com/été?utm_id=c", new UtmParameters { Id = "c" });

        var ex = Assert.Throws<ArgumentException>(() => link.ToQrCodeSvg());

        Assert.Equal("link", ex.ParamName);
        Assert.Contains("must be plain ASCII", ex.Message, StringComparison.Ordinal);
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
