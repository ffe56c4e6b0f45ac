using System.Security.Claims;
using Catalog.Applications;
using Portal.Data;
using Catalog.Packaging;
using Microsoft.AspNetCore.Mvc;

namespace Portal.Administration;

/// <summary><c>/api/applications</c>: administrators' CRUD, package upload, export and import of applications.</summary>
internal static class ApplicationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/applications").WithTags("Applications");
        group.MapGet("/", ListAsync).WithSummary("Lists every application, by name then newest version.").Produces<Application[]>();
        group.MapPost("/", CreateAsync).WithSummary("Creates an application (validated).")
            .Accepts<Application>("application/json").Produces<Application>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/{id:guid}", GetAsync).WithSummary("One application.").Produces<Application>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", UpdateAsync).WithSummary("Replaces an application (validated). A null package keeps the current one.")
            .Accepts<Application>("application/json").Produces<Application>()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Deletes an application nothing else refers to.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/package", UploadPackageAsync)
            .WithSummary("Uploads the application's package file: the raw body (?fileName=) or a multipart/form-data file. Optional ?sha256= must match.")
            .Produces<Application>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .DisableAntiforgery().WithMetadata(new DisableRequestSizeLimitAttribute());
        group.MapGet("/{id:guid}/versions", VersionsAsync)
            .WithSummary("The application's line of versions: every version saved under its id with its package, newest first.")
            .Produces<ApplicationVersion[]>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/export", ExportAsync)
            .WithSummary("Downloads the application and its package as one image file. compression = None, Fastest, Balanced or Smallest.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/import", ImportAsync)
            .WithSummary("Imports an application image (raw body or multipart file); creates the application or replaces the one with its id.")
            .Produces<Application>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict)
            .DisableAntiforgery().WithMetadata(new DisableRequestSizeLimitAttribute());
    }

    private static async Task<IResult> ListAsync(ApplicationAdminService service, CancellationToken cancellationToken) =>
        AdminHttp.Json(await service.ListAsync(cancellationToken));

    private static async Task<IResult> VersionsAsync(Guid id, ApplicationRepository applications, CancellationToken cancellationToken) =>
        await applications.GetAsync(id, cancellationToken) is null
            ? AdminHttp.NotFound($"There is no application with id {id}.")
            : AdminHttp.Json(await applications.ListVersionsAsync(id, cancellationToken));

    private static async Task<IResult> GetAsync(Guid id, ApplicationAdminService service, CancellationToken cancellationToken) =>
        await service.GetAsync(id, cancellationToken) is { } application
            ? AdminHttp.Json(application)
            : AdminHttp.NotFound($"There is no application with id {id}.");

    private static async Task<IResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, ApplicationAdminService service, CancellationToken cancellationToken)
    {
        var (application, problem) = await AdminHttp.ReadJsonAsync<Application>(request, "application", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var created = await service.CreateAsync(application!, AdminHttp.Actor(user), cancellationToken);
            return new CreatedJson<Application>(created, $"/api/applications/{created.Id:D}");
        }
        catch (ApplicationValidationException exception)
        {
            return AdminHttp.Validation(exception);
        }
        catch (DuplicateApplicationException exception)
        {
            return AdminHttp.Duplicate(exception);
        }
        catch (InvalidOperationException exception)
        {
            return AdminHttp.Conflict(exception.Message);
        }
    }

    private static async Task<IResult> UpdateAsync(Guid id, HttpRequest request, ClaimsPrincipal user, ApplicationAdminService service, CancellationToken cancellationToken)
    {
        var (application, problem) = await AdminHttp.ReadJsonAsync<Application>(request, "application", cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            return AdminHttp.Json(await service.UpdateAsync(application! with { Id = id }, AdminHttp.Actor(user), cancellationToken));
        }
        catch (ApplicationNotFoundException exception)
        {
            return AdminHttp.NotFound(exception.Message);
        }
        catch (ApplicationValidationException exception)
        {
            return AdminHttp.Validation(exception);
        }
        catch (DuplicateApplicationException exception)
        {
            return AdminHttp.Duplicate(exception);
        }
    }

    private static async Task<IResult> DeleteAsync(Guid id, ClaimsPrincipal user, ApplicationAdminService service, CancellationToken cancellationToken)
    {
        try
        {
            return await service.DeleteAsync(id, AdminHttp.Actor(user), cancellationToken)
                ? Results.NoContent()
                : AdminHttp.NotFound($"There is no application with id {id}.");
        }
        catch (ApplicationInUseException exception)
        {
            return AdminHttp.Conflict(exception.Message);
        }
    }

    private static async Task<IResult> UploadPackageAsync(
        Guid id, string? sha256, HttpRequest request, ClaimsPrincipal user, ApplicationAdminService service, CancellationToken cancellationToken)
    {
        try
        {
            var uploaded = await UploadBody.ReadAsync(
                request, (stream, fileName) => service.UploadPackageAsync(id, stream, fileName, sha256, AdminHttp.Actor(user), cancellationToken), cancellationToken);
            return AdminHttp.Json(uploaded.Application);
        }
        catch (ApplicationNotFoundException exception)
        {
            return AdminHttp.NotFound(exception.Message);
        }
        catch (PackageRejectedException exception)
        {
            return AdminHttp.BadRequest(exception.Message, "Package refused");
        }
        catch (ApplicationValidationException exception)
        {
            return AdminHttp.Validation(exception);
        }
    }

    private static async Task<IResult> ExportAsync(
        Guid id, string? compression, ClaimsPrincipal user, ApplicationAdminService service, CancellationToken cancellationToken)
    {
        var choice = CompressionChoice.Balanced;
        if (!string.IsNullOrEmpty(compression) && !Enum.TryParse(compression, ignoreCase: true, out choice) || !Enum.IsDefined(choice))
        {
            return AdminHttp.BadRequest($"Compression '{compression}' is not one of {string.Join(", ", Enum.GetNames<CompressionChoice>())}.");
        }

        try
        {
            var (image, fileName) = await service.ExportAsync(id, choice, AdminHttp.Actor(user), cancellationToken);
            return Results.File(image, "application/zip", fileName);
        }
        catch (ApplicationNotFoundException exception)
        {
            return AdminHttp.NotFound(exception.Message);
        }
        catch (InvalidOperationException exception)
        {
            return AdminHttp.Conflict(exception.Message);
        }
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, ClaimsPrincipal user, ApplicationAdminService service, CancellationToken cancellationToken)
    {
        try
        {
            var imported = await UploadBody.ReadAsync(
                request, (stream, _) => service.ImportAsync(stream, AdminHttp.Actor(user), cancellationToken), cancellationToken);
            return new CreatedJson<Application>(imported, $"/api/applications/{imported.Id:D}");
        }
        catch (PackageRejectedException exception)
        {
            return AdminHttp.BadRequest(exception.Message, "Image refused");
        }
        catch (ApplicationValidationException exception)
        {
            return AdminHttp.Validation(exception);
        }
        catch (DuplicateApplicationException exception)
        {
            return AdminHttp.Duplicate(exception);
        }
    }
}
