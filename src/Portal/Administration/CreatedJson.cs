using Catalog.Serialization;

namespace Portal.Administration;

/// <summary>201 Created with a Location header and the body in the catalog's JSON shape.</summary>
internal sealed class CreatedJson<T>(T value, string location) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = location;
        return Results.Json(value, CatalogJson.Options, statusCode: StatusCodes.Status201Created).ExecuteAsync(httpContext);
    }
}
