using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Portal.Tests.Infrastructure;

public static class ProblemDetailsAssert
{
    /// <summary>Asserts an RFC 7807 response with the status and returns its <c>detail</c>.</summary>
    public static async Task<string> IsProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" : "";
    }
}
