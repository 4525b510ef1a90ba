using System.Net;

namespace Zaili.EndToEnd.Tests;

/// <summary>
/// What a well-behaved bulk client of the platform does: on 429 it waits as long as Retry-After says and
/// sends the same request again. Bodies are buffered so that they can be sent twice.
/// </summary>
public sealed class RateLimitRetryHandler() : DelegatingHandler(new HttpClientHandler())
{
    private const int MaxAttempts = 20;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            using var copy = new HttpRequestMessage(request.Method, request.RequestUri);
            foreach (var header in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            if (body is not null)
            {
                copy.Content = new ByteArrayContent(body);
                foreach (var header in request.Content!.Headers)
                {
                    copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }
            }
            var response = await base.SendAsync(copy, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || attempt == MaxAttempts)
            {
                return response;
            }
            var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
            response.Dispose();
            await Task.Delay(wait, cancellationToken);
        }
    }
}
