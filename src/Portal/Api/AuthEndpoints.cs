using Catalog.Users;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portal.Identity;

namespace Portal.Api;

/// <summary><c>/api/auth</c>: sign-in for scripts with ASP.NET Core Identity bearer tokens.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Authentication").AllowAnonymous();
        group.MapPost("/login", LoginAsync)
            .WithSummary("Signs in with email and password; returns an access token for 'Authorization: Bearer'.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status423Locked)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/refresh", RefreshAsync)
            .WithSummary("Exchanges a refresh token for a new access token.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> LoginAsync(
        LoginRequest request, PasswordSignIn signIn, HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return InvalidCredentials();
        }

        // The bearer handler writes the token response when the sign-in manager signs in with its scheme.
        var outcome = await signIn.SignInAsync(
            request.Email, request.Password, persistent: false, context.Connection.RemoteIpAddress?.ToString(), IdentityConstants.BearerScheme);
        switch (outcome.Result)
        {
            case PasswordSignInResult.Succeeded:
                return TypedResults.Empty;
            case PasswordSignInResult.Throttled:
                var wait = outcome.RetryAfter!.Value;
                context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(
                    ApiProblems.ThrottledMessage(wait), statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts");
            case PasswordSignInResult.LockedOut:
                return ApiProblems.LockedOut(outcome.LockedUntil);
            case PasswordSignInResult.NotAllowed:
                return TypedResults.Problem("This account is not allowed to sign in.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in not allowed");
            default:
                return InvalidCredentials();
        }
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request,
        SignInManager<PortalUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider time)
    {
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires ||
            await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return TypedResults.Problem(
                "The refresh token is invalid or has expired; sign in again.",
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Invalid refresh token");
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static ProblemHttpResult InvalidCredentials() =>
        TypedResults.Problem("Invalid email or password.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
}
