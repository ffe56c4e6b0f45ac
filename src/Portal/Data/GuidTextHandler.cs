using System.Data;
using Dapper;

namespace Portal.Data;

/// <summary>Stores a <see cref="Guid"/> as lower-case "D" text and reads it back from text (or a native uuid).</summary>
internal sealed class GuidTextHandler : SqlMapper.TypeHandler<Guid>
{
    public override void SetValue(IDbDataParameter parameter, Guid value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = value.ToString("D");
    }

    public override Guid Parse(object value) => value switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        byte[] bytes => new Guid(bytes),
        _ => throw new DataException($"Cannot read a GUID from a database value of type {value.GetType().Name}."),
    };
}
