using System.Data;
using System.Globalization;
using Dapper;

namespace Portal.Data;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as ISO-8601 UTC text in the round-trip ("O") format, so that text order is
/// time order, and reads it back as a UTC instant.
/// </summary>
internal sealed class DateTimeOffsetTextHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = Format(value);
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
        DateTimeOffset instant => instant.ToUniversalTime(),
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        _ => throw new DataException($"Cannot read a timestamp from a database value of type {value.GetType().Name}."),
    };

    internal static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
