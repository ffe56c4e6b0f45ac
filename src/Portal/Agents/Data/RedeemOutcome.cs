namespace Portal.Agents.Data;

public enum RedeemOutcome
{
    Enrolled,
    UnknownToken,
    AlreadyUsed,
    Expired,
    Revoked,
}
