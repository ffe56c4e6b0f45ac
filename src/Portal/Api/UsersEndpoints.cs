using System.Security.Claims;
using Catalog.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Identity;

namespace Portal.Api;

/// <summary><c>/api/users</c>: administrators list users, create users with roles, change roles and lock or unlock accounts.</summary>
public static class UsersEndpoints
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(p => p.RequireRole(RoleNames.Administrator));
        group.MapGet("/", ListAsync).WithSummary("Lists all users with their roles.");
        group.MapPost("/", CreateAsync)
            .WithSummary("Creates a user with roles (User, Helpdesk, Administrator).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{id:guid}/roles", SetRolesAsync)
            .WithSummary("Replaces the user's roles; the last administrator keeps the Administrator role.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/lock", LockAsync)
            .WithSummary("Locks the account until an administrator unlocks it; administrators cannot lock themselves.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/unlock", UnlockAsync)
            .WithSummary("Unlocks the account and clears its failed sign-in count.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<UserSummary>>> ListAsync(UserDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListAsync(cancellationToken));

    private static async Task<IResult> CreateAsync(
        CreateUserRequest request,
        ClaimsPrincipal principal,
        UserAdministration administration,
        UserManager<PortalUser> users,
        CancellationToken cancellationToken)
    {
        var result = await administration.CreateAsync(
            Actor(principal), request.Email ?? "", request.Password ?? "", request.DisplayName ?? "", request.Roles ?? [], cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        var user = (await users.FindByEmailAsync(request.Email!.Trim()))!;
        var summary = new UserSummary(user.Id, user.Email, user.DisplayName, (await users.GetRolesAsync(user)).ToList(), null);
        return TypedResults.Created($"/api/users/{user.Id:D}", summary);
    }

    private static async Task<IResult> SetRolesAsync(
        Guid id, SetRolesRequest request, ClaimsPrincipal principal, UserAdministration administration, UserDirectory directory, CancellationToken cancellationToken)
    {
        var result = await administration.SetRolesAsync(Actor(principal), id, request.Roles ?? [], cancellationToken);
        return result.Succeeded ? TypedResults.Ok(await SummaryAsync(directory, id, cancellationToken)) : Problem(result);
    }

    private static async Task<IResult> LockAsync(
        Guid id, ClaimsPrincipal principal, UserAdministration administration, UserDirectory directory, CancellationToken cancellationToken)
    {
        var result = await administration.LockAsync(Actor(principal), id, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(await SummaryAsync(directory, id, cancellationToken)) : Problem(result);
    }

    private static async Task<IResult> UnlockAsync(
        Guid id, ClaimsPrincipal principal, UserAdministration administration, UserDirectory directory, CancellationToken cancellationToken)
    {
        var result = await administration.UnlockAsync(Actor(principal), id, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(await SummaryAsync(directory, id, cancellationToken)) : Problem(result);
    }

    private static async Task<UserSummary> SummaryAsync(UserDirectory directory, Guid id, CancellationToken cancellationToken) =>
        (await directory.ListAsync(cancellationToken)).Single(u => u.Id == id);

    private static string Actor(ClaimsPrincipal principal) =>
        principal.Identity?.Name ?? principal.FindFirstValue(ClaimTypes.Email) ?? "(unknown)";

    private static IResult Problem(UserAdministrationResult result) => result.Status switch
    {
        UserAdministrationStatus.NotFound => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status404NotFound, title: "User not found"),
        UserAdministrationStatus.Conflict => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict"),
        _ => TypedResults.ValidationProblem(result.FieldErrors, detail: result.Message),
    };
}
