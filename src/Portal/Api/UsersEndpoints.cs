using Catalog.Users;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Portal.Identity;

namespace Portal.Api;

/// <summary><c>/api/users</c>: administrators list users and create users with roles.</summary>
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
        return app;
    }

    private static async Task<Ok<IReadOnlyList<UserSummary>>> ListAsync(UserDirectory directory, CancellationToken cancellationToken) =>
        TypedResults.Ok(await directory.ListAsync(cancellationToken));

    private static async Task<Results<Created<UserSummary>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request,
        PortalUserAccounts accounts,
        UserManager<PortalUser> users,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@', StringComparison.Ordinal))
        {
            errors["email"] = ["An email address is required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["A password is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(v => v)));
        }

        var result = await accounts.CreateAsync(request.Email, request.Password, request.DisplayName ?? "", request.Roles ?? [], cancellationToken);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
            {
                return TypedResults.Problem(
                    $"A user with email {request.Email.Trim()} already exists.", statusCode: StatusCodes.Status409Conflict, title: "User exists");
            }

            var byField = result.Errors
                .GroupBy(e => FieldOf(e.Code))
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
            return TypedResults.ValidationProblem(byField, detail: $"The user could not be created: {result.Describe()}");
        }

        var user = (await users.FindByEmailAsync(request.Email.Trim()))!;
        var summary = new UserSummary(user.Id, user.Email, user.DisplayName, (await users.GetRolesAsync(user)).ToList(), null);
        return TypedResults.Created($"/api/users/{user.Id:D}", summary);
    }

    private static string FieldOf(string code) =>
        code.StartsWith("Password", StringComparison.Ordinal) ? "password"
        : code.Contains("Email", StringComparison.Ordinal) ? "email"
        : code == "UnknownRole" ? "roles"
        : "user";
}
