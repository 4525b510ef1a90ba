using Microsoft.AspNetCore.Http;

namespace Zaili.ServiceDefaults.Http;

/// <summary>Reads a <c>text/csv</c> request body (within the platform's body limit); anything else is 415.</summary>
public static class CsvRequest
{
    public static async Task<string> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is not { } contentType || !contentType.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            throw new BadHttpRequestException("请以 text/csv 上传", StatusCodes.Status415UnsupportedMediaType);
        }
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
