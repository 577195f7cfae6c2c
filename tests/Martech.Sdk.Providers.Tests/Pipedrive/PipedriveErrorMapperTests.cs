using Martech.Sdk.Pipedrive;

namespace Martech.Sdk.Providers.Tests.Pipedrive;

public sealed class PipedriveErrorMapperTests
{
    [Fact]
    public void Parse_V1ErrorBody_ReadsErrorInfoAndNumericCode()
    {
        PipedriveError error = PipedriveErrorMapper.Parse("""{"success":false,"error":"Deal not found","errorCode":404,"error_info":"Please check developers.pipedrive.com."}""");

        Assert.Equal("Deal not found (Please check developers.pipedrive.com.)", error.Message);
        Assert.Equal("404", error.Code);
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public void Parse_ErrorsInData_BecomeFieldErrors()
    {
        PipedriveError error = PipedriveErrorMapper.Parse("""{"success":false,"error":"Validation failed","code":"ERR_X","data":{"errors":[{"field":"title","message":"is required","code":"required"},"loose text"]}}""");

        Assert.Equal("ERR_X", error.Code);
        Assert.Equal([new MartechFieldError("title", "is required", "required"), new MartechFieldError(null, "loose text")], error.FieldErrors);
    }

    [Theory]
    [InlineData("<html>Gateway Timeout</html>", "<html>Gateway Timeout</html>")]
    [InlineData("[1,2]", "[1,2]")]
    [InlineData("{\"success\":false", "{\"success\":false")]
    [InlineData("   ", null)]
    [InlineData(null, "the error body could not be read")]
    public void Parse_MalformedOrEmptyBody_NeverThrows(string? body, string? message)
    {
        PipedriveError error = PipedriveErrorMapper.Parse(body);

        Assert.Equal(message, error.Message);
        Assert.Null(error.Code);
    }
}
