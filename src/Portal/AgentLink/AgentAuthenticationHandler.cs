using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Portal.Data;

namespace Portal.AgentLink;

/// <summary>
/// Authenticates a client agent by the credential it got at enrollment (<c>Authorization: Bearer ...</c>), resolving
/// the machine. Unknown or revoked credentials fail, so a hub upgrade gets 401.
/// </summary>
public sealed class AgentAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    MachineRepository machines)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var credential = header["Bearer ".Length..].Trim();
        if (credential.Length == 0)
        {
            return AuthenticateResult.Fail("The agent credential is empty.");
        }

        var machine = await machines.GetSummaryByCredentialHashAsync(AgentSecrets.Hash(credential), Context.RequestAborted);
        if (machine is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (machine.Revoked)
        {
            return AuthenticateResult.Fail($"Machine '{machine.Name}' has been revoked.");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(AgentAuthentication.MachineIdClaim, machine.Id.ToString("D")),
                new Claim(ClaimTypes.NameIdentifier, machine.Id.ToString("D")),
                new Claim(ClaimTypes.Name, machine.Name),
            ],
            AgentAuthentication.SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), AgentAuthentication.SchemeName));
    }
}
