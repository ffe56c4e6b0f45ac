using System.Security.Claims;
using System.Text.Json;
using Portal.Data;
using Catalog.Serialization;

namespace Portal.Administration;

/// <summary>Shared pieces of the administration endpoints: the acting user, JSON in the catalog's shape, problem details.</summary>
internal static class AdminHttp
{
    public static string Actor(ClaimsPrincipal user) =>
        user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.Email) ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "(unknown)";

    public static IResult Json<T>(T value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, CatalogJson.Options, statusCode: statusCode);

    /// <summary>Reads the body as <typeparamref name="T"/> with the catalog's JSON options; a problem result when it is not.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, string what, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the {what} as application/json."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(request.Body, CatalogJson.Options, cancellationToken);
            return value is null ? (null, BadRequest($"The request body holds no {what}.")) : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, BadRequest($"The request body is not a valid {what}: {exception.Message}"));
        }
        catch (NotSupportedException exception)
        {
            return (null, BadRequest($"The request body is not a valid {what}: {exception.Message}"));
        }
    }

    public static IResult Validation(ApplicationValidationException exception) =>
        Results.ValidationProblem(
            exception.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            detail: exception.Message,
            title: "The application has problems");

    public static IResult BadRequest(string detail, string title = "Bad request") => Problem(StatusCodes.Status400BadRequest, title, detail);

    public static IResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, "Not found", detail);

    public static IResult Conflict(string detail) => Problem(StatusCodes.Status409Conflict, "Conflict", detail);

    public static IResult Duplicate(DuplicateApplicationException exception) => Conflict(exception.Message);

    public static IResult Problem(int status, string title, string detail) => Results.Problem(detail: detail, statusCode: status, title: title);
}
