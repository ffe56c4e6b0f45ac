namespace Portal.Data;

public enum RedeemOutcome
{
    Enrolled,
    UnknownToken,
    AlreadyUsed,
    Expired,
    Revoked,
}
