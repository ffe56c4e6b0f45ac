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
        LoginRequest request, SignInManager<PortalUser> signIn, LoginThrottle throttle, HttpContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return InvalidCredentials();
        }

        var email = request.Email.Trim();
        var client = context.Connection.RemoteIpAddress?.ToString();
        if (throttle.RetryAfter(email, client) is { } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                $"Too many failed sign-in attempts for this account from this address; try again in {Math.Ceiling(wait.TotalMinutes)} minute(s).",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many attempts");
        }

        var user = await signIn.UserManager.FindByEmailAsync(email);
        if (user is null)
        {
            // As slow as a wrong password for a real account, so timing does not reveal which accounts exist.
            UnknownAccountTiming.Spend(signIn.UserManager.PasswordHasher, request.Password);
            throttle.Failed(email, client);
            return InvalidCredentials();
        }

        // The bearer handler writes the token response when the sign-in manager signs in with its scheme.
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            throttle.Succeeded(email, client);
            return TypedResults.Empty;
        }

        throttle.Failed(email, client);

        if (result.IsLockedOut)
        {
            var until = await signIn.UserManager.GetLockoutEndDateAsync(user);
            return ApiProblems.LockedOut(until);
        }

        return result.IsNotAllowed
            ? TypedResults.Problem("This account is not allowed to sign in.", statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in not allowed")
            : InvalidCredentials();
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
